using System.Collections.Concurrent;
using Accrue.Data;
using Accrue.Data.Audit;
using Accrue.Data.Program;
using Accrue.Engine.Program;
using Accrue.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Accrue.Web.Features.Program;

/// <summary>The program definition's versions: one draft edited by program admins, published versions that never change.</summary>
/// <remarks>
/// The version in force on a day is the published one with the latest effective date on or before it
/// (the higher number when two share a date). Publishing needs the program's change notice: partners
/// see an upcoming version for at least that many days before it takes effect. The very first version
/// has nothing to give notice against and may take effect at once.
/// </remarks>
public sealed class ProgramVersions(AccrueDbFactory dbs, AuditTrail audit, TimeProvider clock)
{
    // Published files never change, so their parsed definitions can be kept for the process's life.
    static readonly ConcurrentDictionary<(Guid, Guid), ProgramCheck> Parsed = new();

    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public async Task<ProgramOverview> OverviewAsync(CancellationToken ct)
    {
        await using var db = dbs.Create();
        var published = await Published(db, ct);
        var today = Today;
        var current = InForce(published, today);
        return new ProgramOverview(
            current is null ? null : Detail(current, VersionState.InForce),
            published.Where(v => v.EffectiveOn > today).OrderBy(v => v.EffectiveOn).Select(v => Detail(v, VersionState.Upcoming)).ToList());
    }

    public async Task<IReadOnlyList<VersionSummary>> ListAsync(CancellationToken ct)
    {
        await using var db = dbs.Create();
        var all = await db.ProgramVersions.AsNoTracking().OrderByDescending(v => v.Number).ToListAsync(ct);
        var states = States(all, Today);
        return all.Select(v => VersionViews.Summary(v, states[v.Number])).ToList();
    }

    public async Task<VersionDetail?> FindAsync(int number, CancellationToken ct)
    {
        await using var db = dbs.Create();
        var all = await db.ProgramVersions.AsNoTracking().ToListAsync(ct);
        var version = all.FirstOrDefault(v => v.Number == number);
        return version is null ? null : Detail(version, States(all, Today)[number]);
    }

    public async Task<VersionDetail?> DraftAsync(CancellationToken ct)
    {
        await using var db = dbs.Create();
        var draft = await db.ProgramVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Status == ProgramVersionStatus.Draft, ct);
        return draft is null ? null : Detail(draft, VersionState.Draft);
    }

    /// <summary>The definition in force on a day, with its version number; null before the first version takes effect.</summary>
    public async Task<(int Number, ProgramDefinition Definition)?> InForceOnAsync(DateOnly day, CancellationToken ct)
    {
        await using var db = dbs.Create();
        return InForce(await Published(db, ct), day) is { } v ? (v.Number, Check(v).Definition!) : null;
    }

    /// <summary>Saves the draft's file (starting a draft if there is none); a file with problems is refused with each problem's line and field.</summary>
    public async Task<VersionDetail> SaveDraftAsync(DraftRequest request, CancellationToken ct)
    {
        var check = ProgramFile.Read(request.Document ?? "");
        if (!check.IsValid) throw Problems(check.Problems, "The program file has problems.");
        await using var db = dbs.Create();
        var draft = await db.ProgramVersions.SingleOrDefaultAsync(v => v.Status == ProgramVersionStatus.Draft, ct);
        var now = clock.GetUtcNow();
        if (draft is null)
        {
            var number = (await db.ProgramVersions.MaxAsync(v => (int?)v.Number, ct) ?? 0) + 1;
            draft = new ProgramVersion { Number = number, Document = request.Document!, CreatedAt = now, CreatedBy = db.Actor.Name };
            db.ProgramVersions.Add(draft);
        }
        else if (request.Revision is { } revision && revision != draft.Revision)
            throw new StateConflict("Someone else saved the draft since you opened it. Reload it and apply your changes again.");
        (draft.Document, draft.Summary, draft.UpdatedAt, draft.Revision) = (request.Document!, request.Summary?.Trim(), now, Guid.NewGuid());
        audit.Record(db, "ProgramDraftSaved", nameof(ProgramVersion), draft.Number, reason: draft.Summary);
        await SaveAsync(db, ct);
        return Detail(draft, VersionState.Draft);
    }

    /// <summary>Starts a draft from the version in force (or returns the draft there is).</summary>
    public async Task<VersionDetail> StartDraftAsync(CancellationToken ct)
    {
        if (await DraftAsync(ct) is { } existing) return existing;
        var overview = await OverviewAsync(ct);
        var basis = overview.Upcoming.LastOrDefault() ?? overview.Current
                    ?? throw new StateConflict("There is no published version to start from; save a program file as the first draft.");
        return await SaveDraftAsync(new DraftRequest(basis.Document, null, null), ct);
    }

    public async Task DiscardDraftAsync(CancellationToken ct)
    {
        await using var db = dbs.Create();
        var draft = await db.ProgramVersions.SingleOrDefaultAsync(v => v.Status == ProgramVersionStatus.Draft, ct)
                    ?? throw new RecordNotFound("The draft");
        db.ProgramVersions.Remove(draft);
        audit.Record(db, "ProgramDraftDiscarded", nameof(ProgramVersion), draft.Number);
        await SaveAsync(db, ct);
    }

    /// <summary>Publishes the draft to take effect on a day, at least the program's change notice from today.</summary>
    public async Task<VersionDetail> PublishAsync(PublishRequest request, CancellationToken ct)
    {
        await using var db = dbs.Create();
        var draft = await db.ProgramVersions.SingleOrDefaultAsync(v => v.Status == ProgramVersionStatus.Draft, ct)
                    ?? throw new StateConflict("There is no draft to publish. Start a draft from the version in force first.");
        var check = ProgramFile.Read(draft.Document);
        if (!check.IsValid) throw Problems(check.Problems, "The draft has problems; fix them before publishing.");
        var today = Today;
        var anyPublished = await db.ProgramVersions.AnyAsync(v => v.Status == ProgramVersionStatus.Published, ct);
        var notice = anyPublished ? check.Definition!.ChangeNoticeDays : 0;
        if (request.EffectiveOn < today.AddDays(notice))
            throw InvalidRequest.For("effectiveOn", anyPublished
                ? $"Partners must be told {notice} days ahead: the earliest effective date is {today.AddDays(notice):yyyy-MM-dd}."
                : "The first version can take effect today at the earliest.");
        draft.Publish(request.EffectiveOn, clock.GetUtcNow(), db.Actor.Name);
        audit.Record(db, "ProgramPublished", nameof(ProgramVersion), draft.Number,
                     after: new { draft.Number, draft.EffectiveOn }, reason: draft.Summary);
        await SaveAsync(db, ct);
        return Detail(draft, request.EffectiveOn <= today ? VersionState.InForce : VersionState.Upcoming);
    }

    public async Task<IReadOnlyList<ExchangeRateRow>> RatesAsync(CancellationToken ct)
    {
        await using var db = dbs.Create();
        return await db.ExchangeRates.AsNoTracking().OrderBy(r => r.Currency).ThenBy(r => r.From)
            .Select(r => new ExchangeRateRow(r.Currency, r.From, r.Rate)).ToListAsync(ct);
    }

    /// <summary>Adds or corrects rates (currency and start day identify a rate); every row or none.</summary>
    public async Task<int> SaveRatesAsync(IReadOnlyList<ExchangeRateRow> rows, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < rows.Count; i++)
        {
            if (!Engine.Money.Currency.TryOf(rows[i].Currency, out _)) errors[$"[{i}].currency"] = [$"'{rows[i].Currency}' is not a currency Accrue knows."];
            if (rows[i].Rate <= 0) errors[$"[{i}].rate"] = ["A rate must be more than zero."];
        }
        if (errors.Count > 0) throw new InvalidRequest(errors);
        await using var db = dbs.Create();
        var existing = await db.ExchangeRates.ToListAsync(ct);
        foreach (var row in rows)
        {
            if (existing.FirstOrDefault(r => r.Currency == row.Currency && r.From == row.From) is { } rate) rate.Rate = row.Rate;
            else db.ExchangeRates.Add(new ExchangeRate { Currency = row.Currency, From = row.From, Rate = row.Rate });
        }
        audit.Record(db, "ExchangeRatesSaved", nameof(ExchangeRate), "rates", after: new { Rows = rows.Count });
        await db.SaveChangesAsync(ct);
        return rows.Count;
    }

    static async Task<List<ProgramVersion>> Published(AccrueDb db, CancellationToken ct) =>
        await db.ProgramVersions.AsNoTracking().Where(v => v.Status == ProgramVersionStatus.Published).ToListAsync(ct);

    static ProgramVersion? InForce(IEnumerable<ProgramVersion> published, DateOnly day) =>
        published.Where(v => v.EffectiveOn <= day).OrderByDescending(v => v.EffectiveOn).ThenByDescending(v => v.Number).FirstOrDefault();

    static Dictionary<int, VersionState> States(IReadOnlyList<ProgramVersion> all, DateOnly today)
    {
        var current = InForce(all.Where(v => v.Status == ProgramVersionStatus.Published), today);
        return all.ToDictionary(v => v.Number, v =>
            v.Status == ProgramVersionStatus.Draft ? VersionState.Draft
            : v == current ? VersionState.InForce
            : v.EffectiveOn > today ? VersionState.Upcoming
            : VersionState.Superseded);
    }

    static ProgramCheck Check(ProgramVersion v) =>
        v.Status == ProgramVersionStatus.Published
            ? Parsed.GetOrAdd((v.Id, v.Revision), _ => ProgramFile.Read(v.Document))
            : ProgramFile.Read(v.Document);

    static VersionDetail Detail(ProgramVersion v, VersionState state)
    {
        var check = Check(v);
        return new VersionDetail(VersionViews.Summary(v, state), v.Document, check.Definition, check.Problems, v.Revision);
    }

    /// <summary>Problems keyed by field, each message led by its line, as problem details carry them.</summary>
    internal static InvalidRequest Problems(IReadOnlyList<ProgramProblem> problems, string title) =>
        new(problems.GroupBy(p => p.Path.Length > 0 ? p.Path : "document")
                .ToDictionary(g => g.Key, g => g.Select(p => p.Line is { } l ? $"line {l}: {p.Message}" : p.Message).ToArray()), title);

    static async Task SaveAsync(AccrueDb db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new StateConflict("Someone changed the program at the same moment. Reload it and try again.");
        }
        catch (DbUpdateException) when (db.ChangeTracker.Entries<ProgramVersion>().Any(e => e.State == EntityState.Added))
        {
            throw new StateConflict("Someone started a draft at the same moment. Reload and edit that draft.");
        }
    }
}
