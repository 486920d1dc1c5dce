using System.Net;
using Accrue.Data.Ledger;
using Accrue.Engine.Ledger;
using Accrue.Web.Features.Payouts;
using Accrue.Web.Hosting;
using Accrue.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Accrue.Web.Tests.Payouts;

/// <summary>A posted quarter is stated, approved by someone who did not run it, paid once, and read by the partner with every line explained.</summary>
public sealed class PayoutTests(AppPerClass apps) : IClassFixture<AppPerClass>
{
    [Theory, SqliteData, PostgresData]
    public async Task A_statement_is_approved_by_a_second_person_paid_once_and_read_by_its_partner_alone(Database database)
    {
        var s = await PayoutScenario.StartAsync(await apps.On(database));
        var created = await s.StateAsync();
        Assert.True(created.Statements >= 2);
        var acme = await s.StatementOf(s.Acme);
        Assert.Equal(300_000, acme.TotalMinor);   // the fund accrual is not cash

        // The admin ran and posted the calculation: it cannot approve the statement.
        var refused = await (await s.Admin.PostAsync($"/api/v1/payouts/statements/{acme.Id}/approval", null)).Problem(HttpStatusCode.Forbidden);
        Assert.Contains("four eyes", refused.Detail);
        // A partner does not see a draft.
        var portal = await s.App.ClientFor(await s.App.Seed.PartnerUserOf(s.Acme));
        await (await portal.GetAsync($"/api/v1/payouts/statements/{acme.Id}")).ShouldBe(HttpStatusCode.NotFound);

        var approved = await (await s.Finance.PostAsync($"/api/v1/payouts/statements/{acme.Id}/approval", null)).Read<StatementView>();
        Assert.Equal(StatementStatus.Approved, approved.Status);

        // Amounts are not the caller's to set.
        await (await s.Finance.PostJson($"/api/v1/payouts/statements/{acme.Id}/payment",
            new { reference = "PAY-1", paidOn = "2026-10-15", totalMinor = 1 })).ShouldBe(HttpStatusCode.BadRequest);
        var untouched = (await (await s.Finance.GetAsync($"/api/v1/payouts/statements/{acme.Id}")).Read<StatementDetail>()).Statement;
        Assert.Equal((StatementStatus.Approved, 300_000L, (string?)null), (untouched.Status, untouched.TotalMinor, untouched.PaymentReference));

        var paid = await (await s.Finance.PostJson($"/api/v1/payouts/statements/{acme.Id}/payment", new PaymentRequest("PAY-1", new DateOnly(2026, 10, 15)))).Read<StatementView>();
        Assert.Equal((StatementStatus.Paid, "PAY-1", 300_000L), (paid.Status, paid.PaymentReference, paid.TotalMinor));
        var again = await (await s.Finance.PostJson($"/api/v1/payouts/statements/{acme.Id}/payment", new PaymentRequest("PAY-2", new DateOnly(2026, 10, 16)))).Read<StatementView>();
        Assert.Equal(paid, again);
        await using (var db = s.App.Db())
        {
            var payment = await db.LedgerTransactions.Include(t => t.Entries).SingleAsync(t => t.Kind == TransactionKind.Payment && t.PartnerId == s.Acme.Id);
            Assert.Equal(300_000, payment.Entries.Single(e => e.Account == Account.AccruedIncentives).AmountMinor);
        }

        // The partner sees its paid statement with each line explained and the deals that earned it, and nobody else's.
        var mine = await (await portal.GetAsync("/api/v1/payouts/statements")).Read<Paged<StatementView>>();
        Assert.Equal([acme.Id], mine.Items.Select(i => i.Id));
        var detail = await (await portal.GetAsync($"/api/v1/payouts/statements/{acme.Id}")).Read<StatementDetail>();
        var line = Assert.Single(detail.Lines);
        Assert.Equal(("q-rebate", 300_000L, 2), (line.RuleId, line.AmountMinor, line.Deals.Count));
        Assert.Contains("Quarterly rebate", line.Explanation);
        var birch = await s.StatementOf(s.Birch);
        await (await portal.GetAsync($"/api/v1/payouts/statements/{birch.Id}")).ShouldBe(HttpStatusCode.NotFound);
        await (await portal.PostAsync($"/api/v1/payouts/statements/{acme.Id}/approval", null)).ShouldBe(HttpStatusCode.Forbidden);
        var csv = await (await portal.GetAsync($"/api/v1/payouts/statements/{acme.Id}/export")).Content.ReadAsStringAsync();
        Assert.Contains("Quarterly rebate", csv);

        await using (var db = s.App.Db())
        {
            Assert.Equal(["StatementApproved", "StatementPaid"], await db.AuditEntries.Where(e => e.EntityId == acme.Id.ToString()).OrderBy(e => e.At).Select(e => e.Action).ToListAsync());
        }
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_recalculation_posts_only_the_difference_with_its_reason_and_a_cancelled_deal_is_clawed_back(Database database)
    {
        var s = await PayoutScenario.StartAsync(await apps.On(database));
        // Reposting the same run posts nothing.
        var repeat = await (await s.Admin.PostJson("/api/v1/ledger/postings", new PostRunRequest(s.Run.Id))).Read<PostingResult>();
        Assert.Equal(0, repeat.Transactions);

        await using (var db = s.App.Db())
        {
            var deal = await db.Deals.Where(d => d.PartnerId == s.Acme.Id).OrderBy(d => d.ActualAmountMinor).FirstAsync();   // the 50,000 deal
            deal.ReversedOn = deal.ClosedOn!.Value.AddDays(20);
            await db.SaveChangesAsync();
        }
        var recalculated = await Incentives.IncentiveRunTests.Calculate(s.Admin, PayoutScenario.LastQuarter.Name);
        var posted = await (await s.Admin.PostJson("/api/v1/ledger/postings", new PostRunRequest(recalculated.Id))).Read<PostingResult>();
        Assert.Equal(-100_000, posted.ClawedBackMinor);   // 2 % of 50,000 back

        await using (var db = s.App.Db())
        {
            var clawback = await db.LedgerTransactions.SingleAsync(t => t.PartnerId == s.Acme.Id && t.Kind == TransactionKind.Clawback && !t.IsFund);
            Assert.Contains("cancelled or refunded within the clawback window", clawback.Reason);
            Assert.Contains("→", clawback.Reason);
            var owed = await db.LedgerTransactions.Where(t => t.PartnerId == s.Acme.Id && !t.IsFund).SumAsync(t => t.PartnerAmountMinor);
            Assert.Equal(200_000, owed);
        }
        // The older run cannot be posted over the newer one.
        var older = await (await s.Admin.PostJson("/api/v1/ledger/postings", new PostRunRequest(s.Run.Id))).Problem(HttpStatusCode.Conflict);
        Assert.Contains("post the latest run", older.Detail);
    }

    [Theory, SqliteData, PostgresData]
    public async Task The_database_refuses_to_update_or_delete_ledger_rows(Database database)
    {
        var s = await PayoutScenario.StartAsync(await apps.On(database));
        await using var db = s.App.Db();
        var before = await db.LedgerTransactions.CountAsync();
        var attempts = new[]
        {
            """UPDATE "LedgerTransactions" SET "Reason" = 'changed'""",
            """DELETE FROM "LedgerTransactions" """,
            """UPDATE "LedgerEntries" SET "AmountMinor" = "AmountMinor" + 1""",
            """DELETE FROM "LedgerEntries" """,
        };
        foreach (var sql in attempts)
        {
            var refused = await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync(sql));
            Assert.Contains("append-only", refused.Message);
        }
        Assert.Equal(before, await db.LedgerTransactions.CountAsync());
        Assert.DoesNotContain(await db.LedgerTransactions.Select(t => t.Reason).ToListAsync(), r => r == "changed");
    }
}
