using Accrue.Engine.Training;

namespace Accrue.Engine.Metrics;

public sealed partial class ProgramFacts
{
    /// <summary>Certification periods per partner, in person order, so distinct people are counted in one pass.</summary>
    sealed class HeldCertifications(int[] offsets, int[] people, int[] validFrom, int[] validUntil, CertificationTrack[] tracks)
    {
        /// <summary>People with a period valid on the day ([from, until), as <see cref="CertificationValidity"/>), of the track if given.</summary>
        public int PeopleCertifiedOn(int partner, int day, CertificationTrack? track)
        {
            if (partner < 0) return 0;
            var (count, lastCounted) = (0, -1);
            for (var i = offsets[partner]; i < offsets[partner + 1]; i++)
            {
                if (people[i] == lastCounted || validFrom[i] > day || day >= validUntil[i] || (track is { } t && tracks[i] != t)) continue;
                lastCounted = people[i];
                count++;
            }
            return count;
        }

        public sealed class Builder
        {
            readonly Dictionary<Guid, int> personIndex = [];
            readonly PartnerRows rows = new();
            readonly List<int> from = [], until = [];
            readonly List<CertificationTrack> tracks = [];

            public void Add(int partner, in CertificationFact fact)
            {
                if (!personIndex.TryGetValue(fact.PersonId, out var person)) personIndex[fact.PersonId] = person = personIndex.Count;
                rows.Add(partner, person);
                from.Add(fact.ValidFrom.DayNumber);
                until.Add(fact.ValidUntil.DayNumber);
                tracks.Add(fact.Track);
            }

            public HeldCertifications Build(int partnerCount)
            {
                var grouped = rows.Group(partnerCount);
                return new HeldCertifications(grouped.Offsets, grouped.Keys, grouped.Gather(from), grouped.Gather(until), grouped.Gather(tracks));
            }
        }
    }

    /// <summary>Certifications earned per partner, in certification order, so distinct ones in a window are counted in one pass.</summary>
    sealed class EarnedCertifications(int[] offsets, int[] certifications, int[] days)
    {
        public int DistinctIn(int partner, int from, int to)
        {
            if (partner < 0) return 0;
            var (count, lastCounted) = (0, -1);
            for (var i = offsets[partner]; i < offsets[partner + 1]; i++)
            {
                if (certifications[i] == lastCounted || days[i] < from || days[i] >= to) continue;
                lastCounted = certifications[i];
                count++;
            }
            return count;
        }

        public sealed class Builder
        {
            readonly Dictionary<Guid, int> certificationIndex = [];
            readonly PartnerRows rows = new();
            readonly List<int> days = [];

            public void Add(int partner, in ActivityFact earned)
            {
                var subject = earned.Subject ?? throw new ArgumentException(
                    $"A certification earned by partner {earned.PartnerId} on {earned.On:yyyy-MM-dd} does not name its certification (Subject).");
                if (!certificationIndex.TryGetValue(subject, out var certification))
                    certificationIndex[subject] = certification = certificationIndex.Count;
                rows.Add(partner, certification);
                days.Add(earned.On.DayNumber);
            }

            public EarnedCertifications Build(int partnerCount)
            {
                var grouped = rows.Group(partnerCount);
                return new EarnedCertifications(grouped.Offsets, grouped.Keys, grouped.Gather(days));
            }
        }
    }
}
