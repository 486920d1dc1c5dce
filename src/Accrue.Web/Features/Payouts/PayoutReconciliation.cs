using Accrue.Data;
using Accrue.Data.Incentives;
using Accrue.Data.Ledger;
using Accrue.Engine.Ledger;
using Accrue.Web.Features.Incentives;
using Accrue.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Accrue.Web.Features.Payouts;

/// <param name="AccruedMinor">Cash posted (accruals, adjustments, clawbacks, upheld disputes, reversals).</param>
/// <param name="StatedMinor">On a live statement (draft, approved or paid).</param>
/// <param name="OwedMinor">Accrued and not paid.</param>
public sealed record ReconciliationRow(string Key, string Name, long AccruedMinor, long FundMinor, long StatedMinor, long PaidMinor, long OwedMinor);

public sealed record BudgetUse(string RuleId, string Name, long BudgetMinor, long UsedMinor);

/// <summary>A period's liability: accrued against stated and paid, by rule and by partner, the differences explained, and budget use.</summary>
/// <param name="Differences">The quarter-end explanation: where each amount accrued but not paid stands.</param>
/// <param name="Reconciles">Accrued = unstated + draft + approved + paid; false would be a defect, and says so.</param>
public sealed record Reconciliation(
    string Period, string Currency, ReconciliationRow Total, IReadOnlyList<ReconciliationRow> ByRule, IReadOnlyList<ReconciliationRow> ByPartner,
    int PartnersOwed, IReadOnlyList<string> Differences, bool Reconciles, IReadOnlyList<BudgetUse> Budgets);

/// <summary>Reconciliation and liability for finance: read from the ledger and the statements, nothing computed twice.</summary>
public sealed class PayoutReconciliation(AccrueDbFactory dbs, IncentiveRuns runs)
{
    public const int PartnerRows = 200;

    public async Task<Reconciliation> ForPeriodAsync(string? period, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(period)) throw InvalidRequest.For("period", "Name the period to reconcile, such as 2026-Q3.");
        period = period.Trim();
        await using var db = dbs.Create();
        var transactions = await db.LedgerTransactions.AsNoTracking().Where(t => t.Period == period)
            .Select(t => new { t.Id, t.Kind, t.PartnerId, PartnerName = t.Partner!.Name, t.RuleId, t.Currency, t.IsFund, t.PartnerAmountMinor, t.RunId, t.DisputeId }).ToListAsync(ct);
        if (transactions.Count == 0) throw InvalidRequest.For("period", $"Nothing of {period} is posted to the ledger yet.");
        var statements = await db.PayoutStatements.AsNoTracking().Where(s => s.Period == period && s.Status != StatementStatus.Voided)
            .Select(s => new { s.Id, s.Status, s.TotalMinor, s.PartnerId }).ToListAsync(ct);
        var statementIds = statements.Select(s => s.Id).ToList();
        var items = await db.StatementItems.AsNoTracking().Where(i => statementIds.Contains(i.StatementId)).ToListAsync(ct);
        var statusOf = statements.ToDictionary(s => s.Id, s => s.Status);
        var stated = items.ToDictionary(i => i.TransactionId, i => statusOf[i.StatementId]);

        var cash = transactions.Where(t => !t.IsFund && t.Kind != TransactionKind.Payment).ToList();
        var names = (await runs.ListAsync(ct)).Where(r => r.Period == period).ToList();
        ReconciliationRow Sum(string key, string name, Func<Guid, bool> partner, Func<string?, bool> rule)
        {
            var mine = cash.Where(t => partner(t.PartnerId) && rule(t.RuleId)).ToList();
            var accrued = mine.Sum(t => t.PartnerAmountMinor);
            var fund = transactions.Where(t => t.IsFund && partner(t.PartnerId) && rule(t.RuleId)).Sum(t => t.PartnerAmountMinor);
            var onStatement = mine.Where(t => stated.ContainsKey(t.Id)).Sum(t => t.PartnerAmountMinor);
            var paid = mine.Where(t => stated.TryGetValue(t.Id, out var s) && s == StatementStatus.Paid).Sum(t => t.PartnerAmountMinor);
            return new ReconciliationRow(key, name, accrued, fund, onStatement, paid, accrued - paid);
        }

        var currency = transactions[0].Currency;
        var total = Sum("total", "All partners", _ => true, _ => true);
        var ruleNames = new Dictionary<string, string> { [IncentiveLine.CashBudgetRuleId] = "Program cash budget" };
        var latest = names.Where(r => r.Status == CalculationRunStatus.Completed).OrderByDescending(r => r.StartedAt).FirstOrDefault();
        var summary = latest is null ? null : await runs.SummaryAsync(latest.Id, ct);
        foreach (var rule in summary?.Rules ?? []) ruleNames.TryAdd(rule.RuleId, rule.Name);
        var byRule = transactions.Where(t => t.RuleId != null).Select(t => t.RuleId!).Distinct().Order()
            .Select(id => Sum(id, ruleNames.GetValueOrDefault(id, id), _ => true, r => r == id)).ToList();
        var partners = transactions.Select(t => (t.PartnerId, t.PartnerName)).Distinct().ToList();
        var byPartner = partners.Select(p => Sum(p.PartnerId.ToString(), p.PartnerName, id => id == p.PartnerId, _ => true))
            .OrderByDescending(r => r.OwedMinor).ThenBy(r => r.Name).ToList();

        // Where the accrued cash stands: each amount in exactly one place.
        long On(StatementStatus status) => cash.Where(t => stated.TryGetValue(t.Id, out var s) && s == status).Sum(t => t.PartnerAmountMinor);
        var unstated = cash.Where(t => !stated.ContainsKey(t.Id)).Sum(t => t.PartnerAmountMinor);
        var (draft, approved, paid) = (On(StatementStatus.Draft), On(StatementStatus.Approved), On(StatementStatus.Paid));
        var payments = -transactions.Where(t => t.Kind == TransactionKind.Payment).Sum(t => t.PartnerAmountMinor);
        string Money(long minor) => IncentiveWords.Money(minor, currency);
        var negative = byPartner.Where(p => p.AccruedMinor - p.StatedMinor < 0).ToList();
        var differences = new List<string>
        {
            $"{Money(total.AccruedMinor)} accrued in cash; {Money(total.FundMinor)} went into co-marketing funds (not paid out).",
            $"{Money(paid)} is on paid statements; the payments posted total {Money(payments)}.",
            $"{Money(approved)} is on approved statements waiting for payment ({statements.Count(s => s.Status == StatementStatus.Approved)}).",
            $"{Money(draft)} is on draft statements waiting for approval ({statements.Count(s => s.Status == StatementStatus.Draft)}).",
            $"{Money(unstated)} is on no statement yet" + (negative.Count > 0
                ? $", of which {Money(negative.Sum(p => p.AccruedMinor - p.StatedMinor))} are {negative.Count} partner(s)' net clawbacks carried to their later accruals."
                : "."),
        };
        var fromCalculations = cash.Where(t => t.DisputeId == null).Sum(t => t.PartnerAmountMinor);
        var disputes = cash.Where(t => t.DisputeId != null).Sum(t => t.PartnerAmountMinor);
        if (disputes != 0) differences.Add($"{Money(disputes)} of it comes from upheld disputes.");
        if (summary is not null && summary.Run.CashTotalMinor != fromCalculations)
            differences.Add($"The latest calculation ({summary.Run.StartedAt:yyyy-MM-dd HH:mm}, {Money(summary.Run.CashTotalMinor)} in cash) differs from what the ledger holds " +
                            $"from calculations ({Money(fromCalculations)}): post it, unless a reversal made by hand explains the difference.");
        var reconciles = unstated + draft + approved + paid == total.AccruedMinor && paid == payments;
        if (!reconciles) differences.Add("DOES NOT RECONCILE: the amounts above do not add up to what is accrued, or paid statements differ from the payments posted. This is a defect; report it.");

        var budgets = (summary?.Rules ?? []).Where(r => r.BudgetMinor is not null).Select(r => new BudgetUse(r.RuleId, r.Name, r.BudgetMinor!.Value, r.AmountMinor)).ToList();
        if (summary?.CashBudget is { } cashBudget) budgets.Add(new BudgetUse(IncentiveLine.CashBudgetRuleId, "Program cash budget", cashBudget.BudgetMinor, cashBudget.UsedMinor));
        return new Reconciliation(period, currency, total, byRule, byPartner.Take(PartnerRows).ToList(), byPartner.Count(p => p.OwedMinor != 0), differences, reconciles, budgets);
    }
}
