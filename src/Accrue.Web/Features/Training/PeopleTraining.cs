using Accrue.Data;
using Accrue.Data.Audit;
using Accrue.Data.Training;
using Accrue.Engine.Program;
using Accrue.Engine.Training;
using Accrue.Web.Features.Program;
using Accrue.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Accrue.Engine.Time;

namespace Accrue.Web.Features.Training;

/// <summary>People's training: completions recorded by hand, by API or by CSV from a learning system; what they hold; what to take next.</summary>
public sealed class PeopleTraining(AccrueDbFactory dbs, CertificationRecords certifications, AuditTrail audit, ProgramVersions programs, TimeProvider clock)
{
    public static readonly string[] ImportColumns = ["person_email", "module_code", "completed_on", "score", "partner_external_id"];
    DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public async Task<PersonTraining> RecordAsync(RecordCompletionRequest request, CancellationToken ct)
    {
        RequireRecorder();
        if (request.CompletedOn > Today) throw InvalidRequest.For("completedOn", "A completion cannot be in the future.");
        if (request.Score is < 0 or > 100) throw InvalidRequest.For("score", "A score is between 0 and 100.");
        await using var db = dbs.Create();
        var person = await db.Contacts.SingleOrDefaultAsync(c => c.Id == request.PersonId, ct) ?? throw new RecordNotFound("The person");
        var module = await db.TrainingModules.SingleOrDefaultAsync(m => m.Code == request.ModuleCode, ct)
                     ?? throw InvalidRequest.For("moduleCode", $"No module has the code '{request.ModuleCode}'.");
        if (await db.ModuleCompletions.AnyAsync(c => c.PersonId == person.Id && c.ModuleId == module.Id && c.CompletedOn == request.CompletedOn, ct))
            throw new StateConflict($"{person.FirstName} {person.LastName} already has {module.Code} completed on {request.CompletedOn:yyyy-MM-dd}.");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var completion = new ModuleCompletion
        {
            PersonId = person.Id, ModuleId = module.Id, CompletedOn = request.CompletedOn, Score = request.Score, Source = CompletionSource.Manual,
            RecordedAt = clock.GetUtcNow(), RecordedBy = dbs.Actor.Name,
        };
        db.ModuleCompletions.Add(completion);
        audit.Record(db, "CompletionRecorded", "Completion", completion.Id, person.PartnerId, after: new { person.Email, module.Code, request.CompletedOn, request.Score });
        await certifications.RecomputeAsync(db, [person.Id], ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (await PeopleAsync(person.PartnerId, ct)).Single(p => p.PersonId == person.Id);
    }

    /// <summary>Imports completions: every row or none; a row already recorded (person, module, day) is unchanged, so re-importing is harmless.</summary>
    public async Task<CompletionImportResult> ImportAsync(Stream csv, CancellationToken ct)
    {
        RequireRecorder();
        var problems = new ImportProblems();
        var rows = new List<(int Line, string Email, string Module, DateOnly On, decimal? Score, string? Partner)>();
        CsvFiles.Read(csv, ImportColumns, ["person_email", "module_code", "completed_on"], 100_000, problems, row =>
        {
            var email = row.Text("person_email", 254, required: true)?.ToLowerInvariant();
            var module = row.Text("module_code", 50, required: true);
            var on = row.Date("completed_on", required: true);
            var score = row.Amount("score");
            if (score > 100) row.Problem("score", "A score is between 0 and 100.");
            if (on > Today) row.Problem("completed_on", "A completion cannot be in the future.");
            var partner = row.Text("partner_external_id", 100);
            if (row.Ok) rows.Add((row.Line, email!, module!, on!.Value, score, partner));
        });
        CsvFiles.RefuseDuplicates(rows, r => $"{r.Email}|{r.Module}|{r.On:yyyy-MM-dd}", r => r.Line, "person_email", problems);

        await using var db = dbs.Create();
        var modules = await db.TrainingModules.AsNoTracking().ToDictionaryAsync(m => m.Code, m => m.Id, StringComparer.OrdinalIgnoreCase, ct);
        var emails = rows.Select(r => r.Email).Distinct().ToList();
        // The people the caller may see: a partner admin finds only its own partner's people.
        var people = (await db.Contacts.AsNoTracking().Where(c => emails.Contains(c.Email.ToLower()))
                .Select(c => new { c.Id, Email = c.Email.ToLower(), c.PartnerId, PartnerExternalId = c.Partner!.ExternalId }).ToListAsync(ct))
            .ToLookup(p => p.Email);
        var matched = new List<(int Line, Guid Person, Guid Partner, Guid Module, DateOnly On, decimal? Score)>();
        foreach (var row in rows)
        {
            var candidates = people[row.Email].Where(p => row.Partner is null || p.PartnerExternalId == row.Partner).ToList();
            if (!modules.TryGetValue(row.Module, out var moduleId)) problems.Add($"line {row.Line}, module_code", $"No module has the code '{row.Module}'.");
            if (candidates.Count == 0) problems.Add($"line {row.Line}, person_email", $"No person with the e-mail {row.Email} at {(row.Partner is null ? "a partner you can see" : $"partner '{row.Partner}'")}.");
            else if (candidates.Count > 1) problems.Add($"line {row.Line}, partner_external_id", $"{row.Email} is a person at several partners; say which in partner_external_id.");
            else if (moduleId != Guid.Empty) matched.Add((row.Line, candidates[0].Id, candidates[0].PartnerId, moduleId, row.On, row.Score));
        }
        problems.ThrowIfAny();

        var personIds = matched.Select(m => m.Person).Distinct().ToList();
        var existing = await db.ModuleCompletions.Where(c => personIds.Contains(c.PersonId)).ToListAsync(ct);
        var byKey = existing.ToDictionary(c => (c.PersonId, c.ModuleId, c.CompletedOn));
        int created = 0, updated = 0, unchanged = 0;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var m in matched)
        {
            if (byKey.TryGetValue((m.Person, m.Module, m.On), out var known))
            {
                if (known.Score == m.Score) { unchanged++; continue; }
                known.Score = m.Score;
                updated++;
                continue;
            }
            db.ModuleCompletions.Add(new ModuleCompletion
            {
                PersonId = m.Person, ModuleId = m.Module, CompletedOn = m.On, Score = m.Score, Source = CompletionSource.Import,
                RecordedAt = clock.GetUtcNow(), RecordedBy = dbs.Actor.Name,
            });
            created++;
        }
        // The audit records changes: a re-import that changes nothing leaves no trace.
        if (created + updated == 0) return new CompletionImportResult(0, 0, unchanged, 0);
        foreach (var partner in matched.Select(m => m.Partner).Distinct())
            audit.Record(db, "CompletionsImported", "Completion", partner, partner, after: new { created, updated, unchanged });
        var earned = await certifications.RecomputeAsync(db, personIds, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new CompletionImportResult(created, updated, unchanged, earned);
    }

    /// <summary>The people of a partner with their certifications and what to take next.</summary>
    public async Task<IReadOnlyList<PersonTraining>> PeopleAsync(Guid partnerId, CancellationToken ct)
    {
        await using var db = dbs.Create();
        if (!await db.Partners.AnyAsync(p => p.Id == partnerId, ct)) throw new RecordNotFound("The partner");
        var people = await db.Contacts.AsNoTracking().Where(c => c.PartnerId == partnerId).OrderBy(c => c.LastName).ThenBy(c => c.FirstName).ToListAsync(ct);
        var ids = people.Select(p => p.Id).ToList();
        var holdings = (await db.CertificationHoldings.AsNoTracking().Where(h => ids.Contains(h.PersonId))
            .Select(h => new { h.PersonId, h.CertificationId, Name = h.Certification!.Name, h.Track, h.ValidFrom, h.ValidUntil }).ToListAsync(ct))
            .ToLookup(h => h.PersonId);
        var done = (await db.ModuleCompletions.AsNoTracking().Where(c => ids.Contains(c.PersonId)).Select(c => new { c.PersonId, c.ModuleId }).ToListAsync(ct))
            .ToLookup(c => c.PersonId, c => c.ModuleId);
        var titles = await db.TrainingModules.AsNoTracking().ToDictionaryAsync(m => m.Id, m => m.Title, ct);
        var today = Today;
        var heldAtPartner = holdings.SelectMany(h => h)
            .Where(h => CertificationValidity.IsValidOn(new CertificationPeriod(h.PersonId, h.CertificationId, h.Track, h.ValidFrom, h.ValidUntil), today))
            .Select(h => h.CertificationId).ToHashSet();
        var next = await NextTierAsync(db, partnerId, heldAtPartner, ct);
        // What counts toward the partner's next tier comes first; then the catalog by name.
        var catalog = (await db.Certifications.AsNoTracking().Include(c => c.Requirements).ToListAsync(ct))
            .OrderByDescending(c => next?.Counts(c) == true).ThenBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ToList();
        return people.Select(p =>
        {
            var held = holdings[p.Id].OrderByDescending(h => h.ValidUntil)
                .Select(h => new HeldCertification(h.CertificationId, h.Name, h.Track, h.ValidFrom, h.ValidUntil,
                                                   CertificationValidity.IsValidOn(new CertificationPeriod(p.Id, h.CertificationId, h.Track, h.ValidFrom, h.ValidUntil), today)))
                .ToList();
            // Next steps: the missing modules of the certifications the person does not hold today.
            var validNow = held.Where(h => h.ValidToday).Select(h => h.CertificationId).ToHashSet();
            var completed = done[p.Id].ToHashSet();
            var recommended = catalog.Where(c => !validNow.Contains(c.Id))
                .SelectMany(c => c.Requirements.Where(r => !completed.Contains(r.ModuleId))
                    .Select(r => next?.Counts(c) == true ? $"{titles[r.ModuleId]} (for {c.Name}, which counts toward {next.Value.Tier})" : $"{titles[r.ModuleId]} (for {c.Name})"))
                .Take(3).ToList();
            return new PersonTraining(p.Id, $"{p.FirstName} {p.LastName}", p.Email, p.PartnerId, done[p.Id].Count(), held, recommended);
        }).ToList();
    }

    /// <summary>
    /// The partner's next tier, when its criteria count certifications, and which certifications count
    /// toward it: any of a `certified_people` criterion's track (or of any track), and for
    /// `distinct_certifications` any the partner's people do not hold yet. Null at the top of the
    /// ladder, without a published program, or when the next tier asks for no certification.
    /// </summary>
    async Task<(string Tier, Func<Certification, bool> Counts)?> NextTierAsync(AccrueDb db, Guid partnerId, HashSet<Guid> heldAtPartner, CancellationToken ct)
    {
        if (await programs.InForceOnAsync(Today, ct) is not { Definition: var program }) return null;
        var tierId = await db.PartnerTiers.AsNoTracking().Where(t => t.PartnerId == partnerId).Select(t => t.TierId).SingleOrDefaultAsync(ct);
        var at = Math.Max(0, program.Tiers.Select(t => t.Id).ToList().IndexOf(tierId ?? ""));
        if (at + 1 >= program.Tiers.Count) return null;
        var tier = program.Tiers[at + 1];
        var tracks = tier.Criteria.Where(c => c.Metric == Metric.CertifiedPeople).Select(c => c.Track).ToList();
        var distinct = tier.Criteria.Any(c => c.Metric == Metric.DistinctCertifications);
        if (tracks.Count == 0 && !distinct) return null;
        return (tier.Name, c => tracks.Any(t => t is null || t == c.Track) || distinct && !heldAtPartner.Contains(c.Id));
    }

    /// <summary>Certifications that lapse within so many days and have not been renewed, soonest first.</summary>
    public async Task<IReadOnlyList<ExpiringCertification>> ExpiringAsync(int days, Guid? partnerId, CancellationToken ct)
    {
        if (days is < 1 or > 366) throw InvalidRequest.For("days", "Look between 1 and 366 days ahead.");
        await using var db = dbs.Create();
        var today = Today;
        var until = today.AddDays(days);
        var rows = await db.CertificationHoldings.AsNoTracking()
            .Where(h => h.ValidFrom <= today && h.ValidUntil > today && h.ValidUntil <= until && (partnerId == null || h.Person!.PartnerId == partnerId))
            .Select(h => new
            {
                h.PersonId, Name = h.Person!.FirstName + " " + h.Person.LastName, h.Person.PartnerId, PartnerName = h.Person.Partner!.Name,
                Certification = h.Certification!.Name, h.ValidUntil, Refresher = db.TrainingModules.Where(m => m.Id == h.Certification.RefresherModuleId).Select(m => m.Title).FirstOrDefault(),
            })
            .OrderBy(h => h.ValidUntil).Take(500).ToListAsync(ct);
        return rows.Select(r => new ExpiringCertification(r.PersonId, r.Name, r.PartnerId, r.PartnerName, r.Certification, r.ValidUntil,
                                                          r.ValidUntil.DayNumber - today.DayNumber, r.Refresher)).ToList();
    }

    /// <summary>Recent completions the caller may see, newest first.</summary>
    public async Task<Paged<CompletionRow>> CompletionsAsync(Guid? partnerId, int page, int pageSize, CancellationToken ct)
    {
        await using var db = dbs.Create();
        var completions = db.ModuleCompletions.AsNoTracking().Where(c => partnerId == null || c.Person!.PartnerId == partnerId);
        var total = await completions.CountAsync(ct);
        var rows = await completions.OrderByDescending(c => c.CompletedOn).ThenBy(c => c.Id).Skip(page * pageSize).Take(pageSize)
            .Select(c => new CompletionRow(c.PersonId, c.Person!.FirstName + " " + c.Person.LastName, c.Module!.Code, c.Module.Title, c.CompletedOn, c.Score, c.Source.ToString()))
            .ToListAsync(ct);
        return new Paged<CompletionRow>(rows, total);
    }

    /// <summary>The engine's training metrics over the last 12 months, for one partner or all the caller may see, with completions per month.</summary>
    public async Task<TrainingSummary> SummaryAsync(Guid? partnerId, CancellationToken ct)
    {
        await using var db = dbs.Create();
        var today = Today;
        var window = new DateWindow(new DateOnly(today.Year, today.Month, 1).AddMonths(-11), today.AddDays(1));
        var people = await db.Contacts.CountAsync(c => partnerId == null || c.PartnerId == partnerId, ct);
        var periods = (await db.CertificationHoldings.AsNoTracking().Where(h => partnerId == null || h.Person!.PartnerId == partnerId).ToListAsync(ct))
            .Select(h => new CertificationPeriod(h.PersonId, h.CertificationId, h.Track, h.ValidFrom, h.ValidUntil)).ToList();
        var events = (await db.CertificationChanges.AsNoTracking().Where(c => partnerId == null || c.Person!.PartnerId == partnerId).ToListAsync(ct))
            .Select(c => new CertificationEvent(c.Kind, c.PersonId, c.CertificationId, c.On, c.Explanation)).ToList();
        var completions = (await db.ModuleCompletions.AsNoTracking()
                .Where(c => (partnerId == null || c.Person!.PartnerId == partnerId) && c.CompletedOn >= window.Start).ToListAsync(ct))
            .Select(c => new Completion(c.PersonId, c.ModuleId, c.CompletedOn, c.Score)).ToList();
        var byMonth = Enumerable.Range(0, 12).Select(i => window.Start.AddMonths(i))
            .Select(m => new MonthCount(m.ToString("yyyy-MM"), TrainingMetrics.TrainingCompletions(completions, new DateWindow(m, m.AddMonths(1)))))
            .ToList();
        return new TrainingSummary(people, TrainingMetrics.CertifiedPeople(periods, window), TrainingMetrics.DistinctCertifications(events, window),
                                   TrainingMetrics.TrainingCompletions(completions, window), byMonth);
    }

    void RequireRecorder()
    {
        var actor = dbs.Actor;
        if (!actor.IsIn(AccrueRoles.ProgramAdmin) && !actor.IsIn(AccrueRoles.PartnerManager) && !actor.IsIn(AccrueRoles.PartnerAdmin))
            throw new ActionForbidden("Completions are recorded by program admins, partner managers and partner admins.");
    }
}
