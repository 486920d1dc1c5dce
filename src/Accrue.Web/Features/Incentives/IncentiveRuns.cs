using System.Text.Json;
using Accrue.Data;
using Accrue.Data.Incentives;
using Accrue.Engine.Incentives;
using Accrue.Engine.Money;
using Accrue.Engine.Partners;
using Accrue.Engine.Program;
using Accrue.Web.Features.Program;
using Accrue.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Accrue.Web.Features.Incentives;

/// <summary>Calculation runs: start one for a period, watch it, read its summary and its lines with what earned them.</summary>
/// <remarks>
/// A run calculates the rules whose cadence is the period's unit, with the published version in force
/// on the period's last day (today's, for a period still running), as of a date (today unless given).
/// A period can be calculated again at any time; each run keeps its own lines (docs/incentives.md).
/// </remarks>
public sealed class IncentiveRuns(AccrueDbFactory dbs, ProgramVersions programs, IncentiveRunWork work, TimeProvider clock)
{
    public async Task<CalculationRunView> StartAsync(StartCalculationRequest request, CancellationToken ct)
    {
        var today = programs.Today;
        var inForceToday = await programs.InForceOnAsync(today, ct)
                           ?? throw new StateConflict("No program version is in force yet: publish one before calculating incentives.");
        if (!inForceToday.Definition.Calendar.TryParse(request.Period?.Trim(), out var period))
            throw InvalidRequest.For("period", $"'{request.Period}' is not a period: write a month (2026-07), a fiscal quarter (2026-Q3) or a fiscal year (2026).");
        if (period.Start >= today)
            throw InvalidRequest.For("period", $"{period.Name} starts on {period.Start:yyyy-MM-dd}; nothing can have been earned in it yet.");
        var asOf = request.AsOf ?? today;
        if (asOf <= period.Start || asOf > today)
            throw InvalidRequest.For("asOf", $"The run's date must be after the start of {period.Name} ({period.Start:yyyy-MM-dd}) and not after today ({today:yyyy-MM-dd}).");
        var lastDay = period.End <= today ? period.End.AddDays(-1) : today;
        var version = await programs.InForceOnAsync(lastDay, ct)
                      ?? throw InvalidRequest.For("period", $"No program version was in force on {lastDay:yyyy-MM-dd}, so {period.Name} has no rules to calculate.");
        if (!version.Definition.Incentives.Any(r => r.Period == period.Unit))
            throw InvalidRequest.For("period", $"Version {version.Number} has no incentive rule of {ProgramWords.Unit(period.Unit)} cadence, so {period.Name} has nothing to calculate.");

        await using var db = dbs.Create();
        if (await db.CalculationRuns.AnyAsync(r => r.Period == period.Name && r.Status == CalculationRunStatus.Running, ct))
            throw new StateConflict($"{period.Name} is being calculated right now; wait for that run to finish.");
        var run = new CalculationRun
        {
            Period = period.Name, PeriodStart = period.Start, PeriodEnd = period.End, AsOf = asOf, ProgramVersion = version.Number,
            Currency = version.Definition.Currency, StartedAt = clock.GetUtcNow(), StartedBy = db.Actor.Name,
            PartnersTotal = await db.Partners.CountAsync(p => p.Status != PartnerStatus.Prospect, ct),
        };
        db.CalculationRuns.Add(run);
        await db.SaveChangesAsync(ct);
        _ = work.Start(run.Id, version.Definition, period, db.Actor);
        return View(run);
    }

    /// <summary>Runs, latest period first, then latest run first.</summary>
    public async Task<IReadOnlyList<CalculationRunView>> ListAsync(CancellationToken ct)
    {
        await using var db = dbs.Create();
        var runs = await db.CalculationRuns.AsNoTracking().ToListAsync(ct);
        return runs.OrderByDescending(r => r.PeriodEnd).ThenByDescending(r => r.StartedAt).Select(View).ToList();
    }

    public async Task<CalculationRunView?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var db = dbs.Create();
        return await db.CalculationRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct) is { } run ? View(run) : null;
    }

    /// <summary>A run with its totals per rule, per tier in force and against the cash budget (empty until it completes).</summary>
    public async Task<CalculationSummary?> SummaryAsync(Guid id, CancellationToken ct)
    {
        await using var db = dbs.Create();
        if (await db.CalculationRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct) is not { } run) return null;
        var program = (await programs.FindAsync(run.ProgramVersion, ct))?.Definition;
        var lines = db.IncentiveLines.AsNoTracking().Where(l => l.RunId == id);
        var perRule = await lines.GroupBy(l => new { l.RuleId, l.Kind })
            .Select(g => new { g.Key.RuleId, g.Key.Kind, Lines = g.Count(), Amount = g.Sum(l => l.AmountMinor), Uncapped = g.Sum(l => l.UncappedMinor), Capped = g.Count(l => l.CapApplied) })
            .ToListAsync(ct);
        var perMajor = Currency.Of(run.Currency).MinorPerMajor;
        long? Minor(decimal? major) => major is { } m ? (long)decimal.Round(m * perMajor, 0, MidpointRounding.AwayFromZero) : null;

        var order = program?.Incentives.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i) ?? [];
        var rules = perRule.Where(r => r.Kind != IncentiveLineKind.CashBudget)
            .OrderBy(r => order.GetValueOrDefault(r.RuleId, int.MaxValue)).ThenBy(r => r.RuleId)
            .Select(r =>
            {
                var rule = program?.Incentives.FirstOrDefault(x => x.Id == r.RuleId);
                return new RuleTotal(r.RuleId, rule?.Name ?? r.RuleId, r.Kind, r.Kind != IncentiveLineKind.FundAccrual, r.Lines, r.Lines,
                                     r.Amount, r.Uncapped, r.Capped, Minor(rule?.Budget));
            }).ToList();

        var perPartner = await lines.GroupBy(l => new { l.TierId, l.PartnerId, Fund = l.Kind == IncentiveLineKind.FundAccrual })
            .Select(g => new { g.Key.TierId, g.Key.Fund, Amount = g.Sum(l => l.AmountMinor) }).ToListAsync(ct);
        var tierOrder = program?.Tiers.Select((t, i) => (t.Id, i)).ToDictionary(x => x.Id, x => x.i) ?? [];
        var tiers = perPartner.GroupBy(p => p.TierId ?? "")
            .OrderBy(g => tierOrder.GetValueOrDefault(g.Key, int.MaxValue))
            .Select(g => new TierTotal(g.Key, program?.Tiers.FirstOrDefault(t => t.Id == g.Key)?.Name ?? (g.Key == "" ? "No tier" : g.Key),
                                       g.Count(p => !p.Fund), g.Where(p => !p.Fund).Sum(p => p.Amount), g.Where(p => p.Fund).Sum(p => p.Amount)))
            .ToList();

        CashBudgetUse? cash = null;
        if (program?.CashBudget is { } budget && budget.Per == Parse(program, run.Period)?.Unit)
        {
            var cut = perRule.Where(r => r.Kind == IncentiveLineKind.CashBudget).Sum(r => r.Amount);
            var cutPartners = perRule.Where(r => r.Kind == IncentiveLineKind.CashBudget).Sum(r => r.Lines);
            cash = new CashBudgetUse(Minor(budget.Amount)!.Value, run.CashTotalMinor, run.CashTotalMinor - cut, cut, cutPartners);
        }
        return new CalculationSummary(View(run), rules, tiers, cash);
    }

    public async Task<Paged<IncentiveLineView>> LinesAsync(LineQuery query, CancellationToken ct)
    {
        await using var db = dbs.Create();
        var lines = db.IncentiveLines.AsNoTracking().Where(l => l.RunId == query.RunId);
        if (query.PartnerId is { } partner) lines = lines.Where(l => l.PartnerId == partner);
        if (!string.IsNullOrWhiteSpace(query.RuleId)) lines = lines.Where(l => l.RuleId == query.RuleId);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim().ToLower();
            lines = lines.Where(l => l.Partner!.Name.ToLower().Contains(term));
        }
        var total = await lines.CountAsync(ct);
        lines = query.Sort switch
        {
            LineSort.AmountDescending => lines.OrderByDescending(l => l.AmountMinor).ThenBy(l => l.Id),
            LineSort.AmountAscending => lines.OrderBy(l => l.AmountMinor).ThenBy(l => l.Id),
            LineSort.Rule => lines.OrderBy(l => l.RuleId).ThenBy(l => l.Partner!.Name).ThenBy(l => l.Id),
            _ => lines.OrderBy(l => l.Partner!.Name).ThenBy(l => l.Id),
        };
        var rows = await lines.Skip(query.Page * query.PageSize).Take(query.PageSize)
            .Select(l => new { Line = l, PartnerName = l.Partner!.Name }).ToListAsync(ct);
        var names = await RuleNamesAsync(query.RunId, ct);
        return new Paged<IncentiveLineView>(rows.Select(r => View(r.Line, r.PartnerName, names)).ToList(), total);
    }

    public async Task<IncentiveLineDetail?> LineAsync(Guid id, CancellationToken ct)
    {
        await using var db = dbs.Create();
        var row = await db.IncentiveLines.AsNoTracking().Where(l => l.Id == id)
            .Select(l => new { Line = l, PartnerName = l.Partner!.Name }).SingleOrDefaultAsync(ct);
        if (row is null) return null;
        var basis = LineBasis.Read(row.Line.Basis);
        var dealIds = basis.Deals.ToList();
        var deals = (await db.Deals.AsNoTracking().Where(d => dealIds.Contains(d.Id))
                .Select(d => new { d.Id, d.CustomerName, d.ProductLines, Amount = d.ActualAmountMinor ?? d.EstimatedAmountMinor, d.Currency, d.ClosedOn })
                .ToListAsync(ct))
            .ToDictionary(d => d.Id);
        var certificationIds = basis.Certifications.Select(c => c.CertificationId).Distinct().ToList();
        var certifications = await db.Certifications.AsNoTracking().Where(c => certificationIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        return new IncentiveLineDetail(
            View(row.Line, row.PartnerName, await RuleNamesAsync(row.Line.RunId, ct)), row.Line.ProgramVersion,
            dealIds.Where(deals.ContainsKey).Select(d => deals[d]).Select(d =>
                new BasisDeal(d.Id, d.CustomerName, Data.Deals.Deal.ProductLinesOf(d.ProductLines).FirstOrDefault(), d.Amount, d.Currency, d.ClosedOn)).ToList(),
            basis.Certifications.Select(c => new BasisCertification(c.PersonId, c.CertificationId, certifications.GetValueOrDefault(c.CertificationId, "?"), c.EarnedOn)).ToList(),
            basis.Values.Select(v => new BasisValueView(v.Name, v.Value)).ToList());
    }

    /// <summary>Rule names of the version a run used, by id (ids stay when names change).</summary>
    async Task<IReadOnlyDictionary<string, string>> RuleNamesAsync(Guid runId, CancellationToken ct)
    {
        await using var db = dbs.Create();
        var version = await db.CalculationRuns.AsNoTracking().Where(r => r.Id == runId).Select(r => (int?)r.ProgramVersion).SingleOrDefaultAsync(ct);
        var program = version is { } v ? (await programs.FindAsync(v, ct))?.Definition : null;
        var names = program?.Incentives.ToDictionary(r => r.Id, r => r.Name) ?? [];
        names[IncentiveLine.CashBudgetRuleId] = "Program cash budget";
        return names;
    }

    static Engine.Time.Period? Parse(ProgramDefinition program, string name) => program.Calendar.TryParse(name, out var p) ? p : null;

    internal static CalculationRunView View(CalculationRun r) =>
        new(r.Id, r.Period, r.PeriodStart, r.PeriodEnd, r.AsOf, r.ProgramVersion, r.Currency, r.Status, r.Stage, r.PartnersTotal, r.PartnersDone,
            r.LineCount, r.PartnersPaid, r.CashTotalMinor, r.FundTotalMinor, r.CashBudgetCutMinor, r.EngineMilliseconds, r.StartedAt, r.StartedBy,
            r.FinishedAt, r.Error);

    static IncentiveLineView View(IncentiveLine l, string partnerName, IReadOnlyDictionary<string, string> names) =>
        new(l.Id, l.RunId, l.Period, l.PartnerId, partnerName, l.RuleId, names.GetValueOrDefault(l.RuleId, l.RuleId), l.Kind, l.TierId, l.Currency,
            l.AmountMinor, l.UncappedMinor, l.CapApplied, l.BudgetScaledFromMinor, l.Explanation);
}

/// <summary>A line's basis as stored: the engine's <see cref="AccrualBasis"/> in JSON.</summary>
static class LineBasis
{
    static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Of(AccrualBasis basis) => JsonSerializer.Serialize(basis, Options);

    public static AccrualBasis Read(string json) => JsonSerializer.Deserialize<AccrualBasis>(json, Options) ?? new AccrualBasis([], [], []);
}
