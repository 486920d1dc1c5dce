using Accrue.Data;
using Accrue.Data.Audit;
using Accrue.Data.Training;
using Accrue.Engine.Training;
using Microsoft.EntityFrameworkCore;

namespace Accrue.Web.Features.Training;

/// <summary>Keeps people's certifications in step with their completions: the engine derives, this class stores and audits.</summary>
/// <remarks>
/// Holdings are derived data, replaced whole for a person on every recompute; the changes the
/// engine explains (earned, renewed, lapsed) are recorded once each and audited once each.
/// </remarks>
public sealed class CertificationRecords(AuditTrail audit, TimeProvider clock)
{
    /// <summary>Recomputes the people's certifications inside the caller's context (and so its transaction); answers how many were newly earned.</summary>
    public async Task<int> RecomputeAsync(AccrueDb db, IReadOnlyCollection<Guid> personIds, CancellationToken ct)
    {
        if (personIds.Count == 0) return 0;
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var rules = (await db.Certifications.AsNoTracking().Include(c => c.Requirements).ToListAsync(ct)).Select(c => c.ToRule()).ToList();
        var names = await db.TrainingModules.AsNoTracking().ToDictionaryAsync(m => m.Id, m => m.Title, ct);
        var ids = personIds.ToList();
        // Completions tracked in this context but not saved yet count too.
        var completions = (await db.ModuleCompletions.AsNoTracking().Where(c => ids.Contains(c.PersonId)).ToListAsync(ct))
            .Concat(db.ChangeTracker.Entries<ModuleCompletion>().Where(e => e.State == EntityState.Added).Select(e => e.Entity))
            .GroupBy(c => c.PersonId).ToDictionary(g => g.Key, g => g.Select(c => new Completion(c.PersonId, c.ModuleId, c.CompletedOn, c.Score)).ToList());
        var recorded = (await db.CertificationChanges.AsNoTracking().Where(c => ids.Contains(c.PersonId)).ToListAsync(ct))
            .Select(c => (c.PersonId, c.CertificationId, c.Kind, c.On)).ToHashSet();
        var partners = await db.Contacts.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.PartnerId, ct);

        await db.CertificationHoldings.Where(h => ids.Contains(h.PersonId)).ExecuteDeleteAsync(ct);
        var earned = 0;
        foreach (var personId in ids)
        {
            var own = completions.GetValueOrDefault(personId) ?? [];
            foreach (var rule in rules)
            {
                var history = CertificationGrants.Derive(rule, personId, own, today, names);
                foreach (var period in history.Periods)
                    db.CertificationHoldings.Add(new CertificationHolding
                    {
                        PersonId = personId, CertificationId = rule.CertificationId, Track = period.Track, ValidFrom = period.ValidFrom, ValidUntil = period.ValidUntil,
                    });
                foreach (var change in history.Events.Where(e => !recorded.Contains((personId, rule.CertificationId, e.Kind, e.On))))
                {
                    db.CertificationChanges.Add(new CertificationChange
                    {
                        PersonId = personId, CertificationId = rule.CertificationId, Kind = change.Kind, On = change.On, Explanation = change.Explanation,
                        RecordedAt = clock.GetUtcNow(),
                    });
                    audit.Record(db, $"Certification{change.Kind}", "Certification", $"{personId}/{rule.CertificationId}",
                                 partners.GetValueOrDefault(personId), after: new { rule.Name, change.On }, reason: change.Explanation);
                    if (change.Kind == CertificationEventKind.Earned) earned++;
                }
            }
        }
        return earned;
    }

    /// <summary>People whose certification lapsed (its end day has come) without the lapse being recorded yet.</summary>
    public static async Task<List<Guid>> PeopleWithUnrecordedLapsesAsync(AccrueDb db, DateOnly today, CancellationToken ct) =>
        await db.CertificationHoldings.AsNoTracking()
            .Where(h => h.ValidUntil <= today && !db.CertificationChanges.Any(c =>
                c.PersonId == h.PersonId && c.CertificationId == h.CertificationId && c.Kind == CertificationEventKind.Lapsed && c.On == h.ValidUntil))
            .Select(h => h.PersonId).Distinct().Take(500).ToListAsync(ct);
}

/// <summary>Records lapses on their day: once a day, people whose certification ended unrenewed are recomputed.</summary>
sealed class CertificationLapseJob(AccrueStorage storage, CertificationRecords records, TimeProvider clock, ILogger<CertificationLapseJob> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(6), clock);
        do
        {
            try
            {
                await using var db = storage.Create(Actor.System);
                var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
                var people = await CertificationRecords.PeopleWithUnrecordedLapsesAsync(db, today, stoppingToken);
                if (people.Count == 0) continue;
                await using var tx = await db.Database.BeginTransactionAsync(stoppingToken);
                await records.RecomputeAsync(db, people, stoppingToken);
                await db.SaveChangesAsync(stoppingToken);
                await tx.CommitAsync(stoppingToken);
                log.LogInformation("Recorded certification lapses for {People} people.", people.Count);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                log.LogError(failure, "Recording certification lapses failed; the next check retries.");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
