using Accrue.Data;
using Accrue.Web.Features.Payouts;
using Accrue.Web.Hosting;
using Accrue.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Accrue.Web.Tests.Payouts;

/// <summary>
/// A posting that dies part-way leaves nothing behind, and posting again gives what an uninterrupted
/// posting gives. The posting is made to die at each batch boundary in turn (one ledger transaction per
/// batch here): the failure is thrown inside its database transaction, after rows were written,
/// which is where a killed process would leave them.
/// </summary>
public sealed class PostingCrashTests(AppPerClass apps) : IClassFixture<AppPerClass>
{
    sealed class Killed : Exception;

    [Theory, SqliteData, PostgresData]
    public async Task A_posting_killed_at_any_batch_leaves_no_half_batch_and_the_resumed_result_equals_an_uninterrupted_one(Database database)
    {
        var s = await PayoutScenario.StartAsync(await apps.On(database), post: false);
        var admin = await s.App.Seed.ProgramAdmin();
        var actor = new Actor(admin.Id, admin.Email!, new HashSet<string> { AccrueRoles.ProgramAdmin }, null);

        // Acme and Birch each have a rebate and a fund line: four transactions, four batches of one.
        for (var killAt = 1; killAt <= 4; killAt++)
        {
            var dies = killAt;
            await using (var scope = s.App.Services.CreateAsyncScope())
            {
                scope.ServiceProvider.GetRequiredService<CurrentActor>().Set(actor);
                var postings = scope.ServiceProvider.GetRequiredService<LedgerPostings>();
                await Assert.ThrowsAsync<Killed>(() => postings.PostAsync(s.Run.Id, CancellationToken.None, batchSize: 1,
                    (written, _) => { if (written == dies) throw new Killed(); }));
            }
            await using var db = s.App.Db();
            Assert.Equal(0, await db.LedgerTransactions.CountAsync(t => t.RunId == s.Run.Id));
            Assert.Equal(0, await db.LedgerEntries.CountAsync());
        }

        PostingResult resumed;
        await using (var scope = s.App.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentActor>().Set(actor);
            resumed = await scope.ServiceProvider.GetRequiredService<LedgerPostings>().PostAsync(s.Run.Id, CancellationToken.None);
        }
        Assert.Equal(4, resumed.Transactions);
        await using (var db = s.App.Db())
        {
            // What an uninterrupted first posting writes: each line once, under its first key.
            var lines = await db.IncentiveLines.Where(l => l.RunId == s.Run.Id).OrderBy(l => l.PartnerId).ThenBy(l => l.RuleId)
                .Select(l => new { Key = $"post|{l.Period}|{l.PartnerId:N}|{l.RuleId}|{l.Currency}|0", l.AmountMinor }).ToListAsync();
            var posted = await db.LedgerTransactions.OrderBy(t => t.PartnerId).ThenBy(t => t.RuleId)
                .Select(t => new { Key = t.IdempotencyKey, AmountMinor = t.PartnerAmountMinor }).ToListAsync();
            Assert.Equal(lines.Select(l => (l.Key, l.AmountMinor)), posted.Select(p => (p.Key, p.AmountMinor)));
            Assert.Equal(8, await db.LedgerEntries.CountAsync());
            Assert.Equal(0, await db.LedgerEntries.SumAsync(e => e.AmountMinor));
        }
    }
}
