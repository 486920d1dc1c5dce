using Accrue.Data;
using Accrue.Engine.Ledger;
using Accrue.Engine.Time;
using Accrue.Web.Features.Incentives;
using Accrue.Web.Features.Program;
using Accrue.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Accrue.Web.Features.Payouts;

/// <param name="ActualMinor">What the deals won so far earn (a calculation run today would say the same).</param>
/// <param name="ForecastMinor">What they earn with the weighted open pipeline counted as won.</param>
public sealed record ForecastRow(string Key, string Name, long ActualMinor, long ForecastMinor);

/// <param name="PipelineDeals">Open registrations expected to close in the period, counted at their weighted amount.</param>
/// <param name="PostedMinor">Cash of the period on the ledger already (posted calculations, adjustments, clawbacks).</param>
public sealed record AccrualForecast(
    string Period, DateOnly AsOf, int ProgramVersion, string Currency, ForecastRow Cash, ForecastRow Funds, IReadOnlyList<ForecastRow> Rules,
    int PipelineDeals, long PostedMinor);

/// <summary>
/// The forecast of a period's accruals beside its actuals: the same engine on the same facts, once with
/// the deals won so far and once with the open pipeline added at its weighted amount. Nothing is stored.
/// </summary>
/// <remarks>
/// The forecast is the accrual if every open deal closed for its weighted amount on its expected date:
/// with tiered brackets and caps that is not the expected accrual (the average of outcomes), but it is
/// what the program's rules make of the expected revenue, which is what finance accrues against.
/// </remarks>
public sealed class PayoutForecasts(AccrueDbFactory dbs, ProgramVersions programs)
{
    public async Task<AccrualForecast> ForPeriodAsync(string? periodName, CancellationToken ct)
    {
        var today = programs.Today;
        var program = await programs.InForceOnAsync(today, ct) ?? throw new StateConflict("No version of the program is published yet: nothing to forecast.");
        var definition = program.Definition;
        var calendar = definition.Calendar;
        var period = string.IsNullOrWhiteSpace(periodName)
            ? calendar.Containing(today, definition.Incentives.FirstOrDefault()?.Period ?? PeriodUnit.Quarter)
            : calendar.TryParse(periodName.Trim(), out var named) ? named
            : throw InvalidRequest.For("period", $"'{periodName}' is not a period: write 2026-07, 2026-Q3 or 2026.");
        if (period.End <= today)
            throw InvalidRequest.For("period", $"{period.Name} has ended: its accruals are actuals now (see the reconciliation).");

        await using var db = dbs.Create();
        var won = await IncentiveFactsLoader.LoadAsync(db, definition, period, ct);
        var withPipeline = await IncentiveFactsLoader.LoadAsync(db, definition, period, ct, pipelineFrom: today);
        var actual = won.Calculate(definition, period, today, "program");
        var forecast = withPipeline.Calculate(definition, period, today, "program");
        var posted = await db.LedgerTransactions.Where(t => t.Period == period.Name && !t.IsFund && t.Kind != TransactionKind.Payment)
            .SumAsync(t => t.PartnerAmountMinor, ct);

        var rules = definition.Incentives
            .Select(r => new ForecastRow(r.Id, r.Name, actual.Lines.Where(l => l.RuleId == r.Id).Sum(l => l.AmountMinor),
                                         forecast.Lines.Where(l => l.RuleId == r.Id).Sum(l => l.AmountMinor)))
            .Where(r => r.ActualMinor != 0 || r.ForecastMinor != 0).ToList();
        var cut = new ForecastRow(Data.Incentives.IncentiveLine.CashBudgetRuleId, "Program cash budget",
                                  actual.BudgetLines.Sum(b => b.AmountMinor), forecast.BudgetLines.Sum(b => b.AmountMinor));
        if (cut.ActualMinor != 0 || cut.ForecastMinor != 0) rules.Add(cut);

        return new AccrualForecast(period.Name, today, program.Number, definition.Currency,
            new ForecastRow("cash", "Cash to partners", actual.CashTotalMinor, forecast.CashTotalMinor),
            new ForecastRow("funds", "Into co-marketing funds", actual.Lines.Where(l => !l.IsCash).Sum(l => l.AmountMinor), forecast.Lines.Where(l => !l.IsCash).Sum(l => l.AmountMinor)),
            rules, withPipeline.PipelineDeals, posted);
    }
}
