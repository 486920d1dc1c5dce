using Accrue.Engine.Time;

namespace Accrue.Engine.Training;

/// <summary>The training metrics of one partner over a window: certified_people, distinct_certifications, training_completions.</summary>
/// <remarks>
/// Callers pass the partner's own periods, events and completions. certified_people is counted on the
/// window's last day (<see cref="DateWindow.LastDay"/>): a certification earned that day counts, one
/// that lapses that day does not (validity is half-open), one that lapses the day after does.
/// distinct_certifications counts certifications first or again EARNED in the window; a renewal, even one
/// after a lapse, keeps a certification rather than earning it, so it does not count. training_completions
/// counts every completion record dated in the window, a failed exam attempt and a repeated module included:
/// it measures training activity, not success.
/// </remarks>
public static class TrainingMetrics
{
    /// <summary>Distinct people holding at least one certification (of the track, if given) valid on the window's last day.</summary>
    public static int CertifiedPeople(IEnumerable<CertificationPeriod> partnerPeriods, DateWindow window, CertificationTrack? track = null)
    {
        ArgumentNullException.ThrowIfNull(partnerPeriods);
        var day = window.LastDay;
        return partnerPeriods
            .Where(p => (track is null || p.Track == track) && CertificationValidity.IsValidOn(p, day))
            .Select(p => p.PersonId)
            .Distinct()
            .Count();
    }

    /// <summary>How many different certifications at least one of the partner's people earned in the window (renewals do not count).</summary>
    public static int DistinctCertifications(IEnumerable<CertificationEvent> partnerEvents, DateWindow window)
    {
        ArgumentNullException.ThrowIfNull(partnerEvents);
        return partnerEvents
            .Where(e => e.Kind == CertificationEventKind.Earned && window.Contains(e.On))
            .Select(e => e.CertificationId)
            .Distinct()
            .Count();
    }

    /// <summary>Module completions dated in [Start, End).</summary>
    public static int TrainingCompletions(IEnumerable<Completion> partnerCompletions, DateWindow window)
    {
        ArgumentNullException.ThrowIfNull(partnerCompletions);
        return partnerCompletions.Count(c => window.Contains(c.CompletedOn));
    }
}
