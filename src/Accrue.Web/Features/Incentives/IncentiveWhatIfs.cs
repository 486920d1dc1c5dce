using System.Diagnostics;
using Accrue.Data;
using Accrue.Engine.Incentives;
using Accrue.Engine.Partners;
using Accrue.Engine.Program;
using Accrue.Engine.Time;
using Accrue.Web.Features.Program;
using Accrue.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Accrue.Web.Features.Incentives;

/// <param name="Published">Minor units under the published version; Draft likewise.</param>
public sealed record WhatIfAmount(string Key, string Name, long Published, long Draft);

public sealed record IncentiveMove(Guid PartnerId, string PartnerName, long Published, long Draft);

public sealed record IncentiveWhatIfReport(
    string Period, DateOnly AsOf, int PublishedVersion, int DraftVersion, string Currency,
    WhatIfAmount Cash, WhatIfAmount Funds, IReadOnlyList<WhatIfAmount> Rules, IReadOnlyList<WhatIfAmount> Tiers,
    int Gainers, int Losers, IReadOnlyList<IncentiveMove> Movers, int EngineMilliseconds);

/// <summary>The draft's incentive rules against the published version's, on the same facts, as of today: nothing is stored.</summary>
/// <remarks>
/// The facts are read once (with the published version's currency and calendar, or again with the draft's
/// if it changes them); both versions' calculations run on them. A rule changed in the draft shows as
/// its cost moving; a rule added or removed shows with zero on the other side.
/// </remarks>
public sealed class IncentiveWhatIfs(AccrueDbFactory dbs, ProgramVersions programs)
{
    public const int MaxMovers = 200;

    public async Task<IncentiveWhatIfReport> CompareAsync(string? periodName, CancellationToken ct)
    {
        var draft = await programs.DraftAsync(ct) ?? throw new StateConflict("There is no draft to compare: start one first.");
        if (draft.Definition is not { } draftProgram) throw ProgramVersions.Problems(draft.Problems, "The draft has problems; fix them first.");
        var today = programs.Today;
        var calendar = draftProgram.Calendar;
        var unit = draftProgram.Incentives.FirstOrDefault()?.Period ?? PeriodUnit.Quarter;
        var period = string.IsNullOrWhiteSpace(periodName) ? calendar.Previous(calendar.Containing(today, unit))
            : calendar.TryParse(periodName.Trim(), out var p) ? p
            : throw InvalidRequest.For("period", $"'{periodName}' is not a period: write 2026-07, 2026-Q3 or 2026.");
        if (period.Start >= today) throw InvalidRequest.For("period", $"{period.Name} has not started; nothing can have been earned in it yet.");
        var lastDay = period.End <= today ? period.End.AddDays(-1) : today;
        var published = await programs.InForceOnAsync(lastDay, ct) ?? await programs.InForceOnAsync(today, ct)
                        ?? throw new StateConflict("No version is published yet: there is nothing to compare the draft with.");
        var asOf = today;

        await using var db = dbs.Create();
        var publishedInputs = await IncentiveFactsLoader.LoadAsync(db, published.Definition, period, ct);
        var sameFacts = published.Definition.Currency == draftProgram.Currency && published.Definition.TimeZone == draftProgram.TimeZone;
        var draftInputs = sameFacts ? publishedInputs : await IncentiveFactsLoader.LoadAsync(db, draftProgram, period, ct);

        var watch = Stopwatch.StartNew();
        var before = publishedInputs.Calculate(published.Definition, period, asOf, "published version");
        var after = draftInputs.Calculate(draftProgram, period, asOf, "draft");
        watch.Stop();

        var names = await db.Partners.AsNoTracking().Select(x => new { x.Id, x.Name }).ToDictionaryAsync(x => x.Id, x => x.Name, ct);
        var totalsBefore = Totals(before);
        var totalsAfter = Totals(after);
        var movers = totalsBefore.Keys.Union(totalsAfter.Keys)
            .Select(id => new IncentiveMove(id, names.GetValueOrDefault(id, "?"), totalsBefore.GetValueOrDefault(id), totalsAfter.GetValueOrDefault(id)))
            .Where(m => m.Published != m.Draft).ToList();

        var ruleNames = published.Definition.Incentives.Concat(draftProgram.Incentives).DistinctBy(r => r.Id).ToList();
        var rules = ruleNames
            .Select(r => new WhatIfAmount(r.Id, draftProgram.Incentives.FirstOrDefault(d => d.Id == r.Id)?.Name ?? r.Name,
                                          before.Lines.Where(l => l.RuleId == r.Id).Sum(l => l.AmountMinor), after.Lines.Where(l => l.RuleId == r.Id).Sum(l => l.AmountMinor)))
            .Where(r => r.Published != 0 || r.Draft != 0).ToList();
        var cut = new WhatIfAmount(Data.Incentives.IncentiveLine.CashBudgetRuleId, "Program cash budget", before.BudgetLines.Sum(b => b.AmountMinor), after.BudgetLines.Sum(b => b.AmountMinor));
        if (cut.Published != 0 || cut.Draft != 0) rules.Add(cut);

        var tierOf = publishedInputs.TiersInForce;
        var entry = published.Definition.Tiers.FirstOrDefault()?.Id ?? "";
        string Tier(Guid partner) => tierOf.TryGetValue(partner, out var t) ? t : entry;
        var tiers = published.Definition.Tiers.Concat(draftProgram.Tiers).DistinctBy(t => t.Id)
            .Select(t => new WhatIfAmount(t.Id, t.Name, totalsBefore.Where(x => Tier(x.Key) == t.Id).Sum(x => x.Value), totalsAfter.Where(x => Tier(x.Key) == t.Id).Sum(x => x.Value)))
            .Where(t => t.Published != 0 || t.Draft != 0).ToList();

        return new IncentiveWhatIfReport(
            period.Name, asOf, published.Number, draft.Version.Number, draftProgram.Currency,
            new WhatIfAmount("cash", "Cash to partners", before.CashTotalMinor, after.CashTotalMinor),
            new WhatIfAmount("funds", "Into co-marketing funds", before.Lines.Where(l => !l.IsCash).Sum(l => l.AmountMinor), after.Lines.Where(l => !l.IsCash).Sum(l => l.AmountMinor)),
            rules, tiers, movers.Count(m => m.Draft > m.Published), movers.Count(m => m.Draft < m.Published),
            movers.OrderByDescending(m => Math.Abs(m.Draft - m.Published)).ThenBy(m => m.PartnerName).Take(MaxMovers).ToList(),
            (int)Math.Ceiling(watch.Elapsed.TotalMilliseconds));
    }

    /// <summary>Each partner's total: cash after the cash budget, plus fund accruals.</summary>
    static Dictionary<Guid, long> Totals(IncentiveResult result)
    {
        var totals = new Dictionary<Guid, long>();
        foreach (var line in result.Lines) totals[line.PartnerId] = totals.GetValueOrDefault(line.PartnerId) + line.AmountMinor;
        foreach (var cut in result.BudgetLines) totals[cut.PartnerId] = totals.GetValueOrDefault(cut.PartnerId) + cut.AmountMinor;
        return totals;
    }
}
