using System.Text.Json;
using Accrue.Data;
using Accrue.Data.Audit;
using Accrue.Data.Partners;
using Accrue.Data.Tiers;
using Accrue.Engine.Partners;
using Accrue.Engine.Program;
using Accrue.Engine.Tiers;
using Accrue.Web.Features.Program;
using Accrue.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Accrue.Web.Features.Tiers;

/// <summary>Evaluation runs: start one for a finished period, watch it, and read what it proposed.</summary>
/// <remarks>
/// A run evaluates every active partner with the program version in force on the period's last day,
/// as of the period's end. Periods are evaluated once each and in order, because each evaluation
/// carries grace counts into the next. The run itself works in the background (<see cref="TierEvaluationWork"/>).
/// </remarks>
public sealed class TierEvaluations(AccrueDbFactory dbs, ProgramVersions programs, TierEvaluationWork work, TimeProvider clock)
{
    public async Task<EvaluationRunView> StartAsync(StartEvaluationRequest request, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var inForceToday = await programs.InForceOnAsync(today, ct)
                           ?? throw new StateConflict("No program version is in force yet: publish one before evaluating tiers.");
        if (!inForceToday.Definition.Calendar.TryParse(request.Period?.Trim(), out var period))
            throw InvalidRequest.For("period", $"'{request.Period}' is not a period: write a month (2026-07), a fiscal quarter (2026-Q3) or a fiscal year (2026).");
        if (period.End > today)
            throw InvalidRequest.For("period", $"{period.Name} ends on {period.End:yyyy-MM-dd}; it can be evaluated from that day.");
        var version = await programs.InForceOnAsync(period.End.AddDays(-1), ct)
                      ?? throw InvalidRequest.For("period", $"No program version was in force on {period.End.AddDays(-1):yyyy-MM-dd}, the last day of {period.Name}.");

        await using var db = dbs.Create();
        var runs = await db.TierEvaluationRuns.Where(r => r.Status != EvaluationRunStatus.Failed).ToListAsync(ct);
        if (runs.FirstOrDefault(r => r.Period == period.Name) is { } same)
            throw new StateConflict($"{period.Name} was already evaluated (run of {same.StartedAt:yyyy-MM-dd}); each period is evaluated once.");
        if (runs.FirstOrDefault(r => r.EvaluatedOn > period.End) is { } later)
            throw new StateConflict($"{later.Period} was already evaluated; an earlier period cannot be evaluated after it, as grace counts follow the order of evaluations.");

        var run = new TierEvaluationRun
        {
            Period = period.Name, EvaluatedOn = period.End, ProgramVersion = version.Number, StartedAt = clock.GetUtcNow(), StartedBy = db.Actor.Name,
            PartnersTotal = await db.Partners.CountAsync(p => p.Status == PartnerStatus.Active, ct),
        };
        db.TierEvaluationRuns.Add(run);
        await db.SaveChangesAsync(ct);
        _ = work.Start(run.Id, version.Definition, db.Actor);
        return View(run, new Dictionary<string, int>());
    }

    public async Task<IReadOnlyList<EvaluationRunView>> ListAsync(CancellationToken ct)
    {
        await using var db = dbs.Create();
        var runs = await db.TierEvaluationRuns.AsNoTracking().OrderByDescending(r => r.EvaluatedOn).ThenByDescending(r => r.StartedAt).ToListAsync(ct);
        var counts = await db.TierProposals.AsNoTracking().GroupBy(p => new { p.RunId, p.Status })
            .Select(g => new { g.Key.RunId, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
        return runs.Select(r => View(r, counts.Where(c => c.RunId == r.Id).ToDictionary(c => c.Status.ToString(), c => c.Count))).ToList();
    }

    public async Task<EvaluationRunView?> FindAsync(Guid id, CancellationToken ct) =>
        (await ListAsync(ct)).FirstOrDefault(r => r.Id == id);

    public async Task<Paged<ProposalView>> ProposalsAsync(ProposalQuery query, CancellationToken ct)
    {
        await using var db = dbs.Create();
        var proposals = db.TierProposals.AsNoTracking().Where(p => p.RunId == query.RunId);
        if (query.Status is { } status) proposals = proposals.Where(p => p.Status == status);
        if (query.Kind is { } kind) proposals = proposals.Where(p => p.Kind == kind);
        if (!string.IsNullOrWhiteSpace(query.Tier)) proposals = proposals.Where(p => p.ProposedTierId == query.Tier || p.CurrentTierId == query.Tier);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim().ToLower();
            proposals = proposals.Where(p => p.Partner!.Name.ToLower().Contains(term));
        }
        var total = await proposals.CountAsync(ct);
        var rows = await proposals.OrderBy(p => p.Status).ThenBy(p => p.Partner!.Name).Skip(query.Page * query.PageSize).Take(query.PageSize)
            .Select(p => new { Proposal = p, PartnerName = p.Partner!.Name, p.Run!.Period }).ToListAsync(ct);
        var names = await TierNamesAsync(query.RunId, ct);
        return new Paged<ProposalView>(rows.Select(r => View(r.Proposal, r.PartnerName, r.Period, names)).ToList(), total);
    }

    public async Task<ProposalDetail?> ProposalAsync(Guid id, CancellationToken ct)
    {
        await using var db = dbs.Create();
        var row = await db.TierProposals.AsNoTracking().Where(p => p.Id == id)
            .Select(p => new { Proposal = p, PartnerName = p.Partner!.Name, p.Run!.Period }).SingleOrDefaultAsync(ct);
        if (row is null) return null;
        var names = await TierNamesAsync(row.Proposal.RunId, ct);
        return new ProposalDetail(View(row.Proposal, row.PartnerName, row.Period, names), TierJson.Checks(row.Proposal.Criteria));
    }

    /// <summary>The tier names of the version a run used, by id (ids stay when names change).</summary>
    async Task<IReadOnlyDictionary<string, string>> TierNamesAsync(Guid runId, CancellationToken ct)
    {
        await using var db = dbs.Create();
        var run = await db.TierEvaluationRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, ct);
        var version = run is null ? null : await programs.FindAsync(run.ProgramVersion, ct);
        return version?.Definition?.Tiers.ToDictionary(t => t.Id, t => t.Name) ?? new Dictionary<string, string>();
    }

    static EvaluationRunView View(TierEvaluationRun r, IReadOnlyDictionary<string, int> proposals) =>
        new(r.Id, r.Period, r.EvaluatedOn, r.ProgramVersion, r.Status, r.PartnersTotal, r.PartnersDone, r.StartedAt, r.StartedBy, r.FinishedAt, r.Error, proposals);

    internal static ProposalView View(TierProposal p, string partnerName, string period, IReadOnlyDictionary<string, string> names) =>
        new(p.Id, p.RunId, period, p.PartnerId, partnerName, p.Kind, Name(names, p.CurrentTierId), Name(names, p.QualifyingTierId),
            Name(names, p.ProposedTierId), p.GraceCount, p.GraceAllowed, p.Explanation, p.Status, p.DecidedAt, p.DecidedBy, p.DecisionReason);

    internal static string Name(IReadOnlyDictionary<string, string> names, string id) => names.TryGetValue(id, out var name) ? name : id;
}

/// <summary>The engine's criteria checks as stored with a proposal.</summary>
static class TierJson
{
    static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public static string Of(TierDecision d) =>
        JsonSerializer.Serialize(new[] { d.Current, d.Next, d.Qualifying }.OfType<TierCheck>().DistinctBy(c => c.TierId), Options);

    public static IReadOnlyList<TierCheck> Checks(string json) => JsonSerializer.Deserialize<TierCheck[]>(json, Options) ?? [];
}
