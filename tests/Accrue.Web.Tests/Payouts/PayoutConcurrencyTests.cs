using System.Net;
using Accrue.Data.Incentives;
using Accrue.Data.Ledger;
using Accrue.Engine.Ledger;
using Accrue.Web.Features.Payouts;
using Accrue.Web.Tests.Incentives;
using Accrue.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Accrue.Web.Tests.Payouts;

/// <summary>The same approval, the same payment and the same posting fired at once: exactly one of each, and the same answers.</summary>
public sealed class PayoutConcurrencyTests(AppPerClass apps) : IClassFixture<AppPerClass>
{
    [Theory, SqliteData, PostgresData]
    public async Task Five_identical_approvals_and_five_identical_payments_at_once_do_each_once_and_answer_alike(Database database)
    {
        var s = await PayoutScenario.StartAsync(await apps.On(database));
        await s.StateAsync();
        var statement = await s.StatementOf(s.Acme);

        var approvals = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => s.Finance.PostAsync($"/api/v1/payouts/statements/{statement.Id}/approval", null)));
        Assert.All(approvals, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Single((await Task.WhenAll(approvals.Select(r => r.Content.ReadAsStringAsync()))).Distinct());

        var payments = await Task.WhenAll(Enumerable.Range(0, 5).Select(i =>
            s.Finance.PostJson($"/api/v1/payouts/statements/{statement.Id}/payment", new PaymentRequest($"PAY-{i}", new DateOnly(2026, 10, 15)))));
        Assert.All(payments, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Single((await Task.WhenAll(payments.Select(r => r.Content.ReadAsStringAsync()))).Distinct());

        await using var db = s.App.Db();
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.EntityId == statement.Id.ToString() && e.Action == "StatementApproved"));
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.EntityId == statement.Id.ToString() && e.Action == "StatementPaid"));
        Assert.Equal(1, await db.LedgerTransactions.CountAsync(t => t.Kind == TransactionKind.Payment && t.RunId == statement.Id));
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_recalculation_posted_twice_at_once_posts_its_difference_once(Database database)
    {
        var s = await PayoutScenario.StartAsync(await apps.On(database));
        await IncentiveRunTests.Won(s.App, s.Birch, 30_000m, PayoutScenario.LastQuarter.Start.AddDays(9));
        var recalculated = await IncentiveRunTests.Calculate(s.Admin, PayoutScenario.LastQuarter.Name);

        var answers = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => s.Admin.PostJson("/api/v1/ledger/postings", new PostRunRequest(recalculated.Id))));

        Assert.All(answers, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await using var db = s.App.Db();
        // Birch's rebate 400 → 1,000 and its fund 200 → 500: one adjustment each, posted once.
        var adjustments = await db.LedgerTransactions.Where(t => t.RunId == recalculated.Id).Select(t => new { t.PartnerId, t.IsFund, t.PartnerAmountMinor }).ToListAsync();
        Assert.Equal([(false, 60_000L), (true, 30_000L)], adjustments.Where(a => a.PartnerId == s.Birch.Id).OrderBy(a => a.IsFund).Select(a => (a.IsFund, a.PartnerAmountMinor)));
        Assert.Equal(2, adjustments.Count);
        var lines = await db.IncentiveLines.Where(l => l.RunId == recalculated.Id).ToListAsync();
        foreach (var line in lines)
            Assert.Equal(line.AmountMinor, await db.LedgerTransactions.Where(t => t.PartnerId == line.PartnerId && t.RuleId == line.RuleId).SumAsync(t => t.PartnerAmountMinor));
    }
}
