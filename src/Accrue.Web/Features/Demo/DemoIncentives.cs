using Accrue.Data;
using Accrue.Data.Incentives;
using Accrue.Data.Tiers;
using Accrue.Engine.Incentives;
using Accrue.Engine.Time;
using Accrue.Web.Features.Incentives;
using Accrue.Web.Features.Payouts;
using Accrue.Web.Hosting;
using Accrue.Engine.Ledger;
using Microsoft.EntityFrameworkCore;

namespace Accrue.Web.Features.Demo;

/// <summary>The demo program's incentive rules, targets for its top partners, a calculation of each evaluated quarter, and its payouts.</summary>
/// <remarks>
/// The calculations run through the real loader, engine and runner after the tier evaluations, so the
/// tiers in force, payments and reversals they read are the demo's own. Each quarter is calculated as
/// of 45 days after its end (or today), as finance would once payments are in. The admin runs and
/// posts them; finance states each quarter, approves and pays all but the last quarter's statements,
/// which wait for approval.
/// </remarks>
public sealed class DemoIncentives(AccrueStorage storage, IncentiveRunWork work, IServiceScopeFactory scopes, TimeProvider clock)
{
    public static IReadOnlyList<IncentiveRule> Rules =>
    [
        new()
        {
            Id = "q-rebate", Name = "Quarterly rebate", Kind = IncentiveKind.Rebate, BracketMode = BracketMode.Marginal,
            Brackets = [new RateBracket(0, 1), new RateBracket(100_000, 2), new RateBracket(250_000, 3)],
            CapPerPartner = 25_000, ClawbackDays = 90,
        },
        new()
        {
            Id = "q-accelerator", Name = "Over-target accelerator", Kind = IncentiveKind.Accelerator, RatePercent = 4,
            Eligibility = new IncentiveEligibility { Tiers = ["gold", "platinum"] }, ClawbackDays = 90,
        },
        new()
        {
            Id = "new-logo-spiff", Name = "New logo SPIFF", Kind = IncentiveKind.Spiff, SpiffEvent = SpiffEvent.NewLogo, SpiffAmount = 1_000,
            MaxCount = 5, ExclusiveGroup = "deal-spiffs", RequiresPayment = true,
        },
        new()
        {
            Id = "security-spiff", Name = "Security launch SPIFF", Kind = IncentiveKind.Spiff, SpiffEvent = SpiffEvent.WonDeal, SpiffAmount = 400,
            Eligibility = new IncentiveEligibility { Products = ["Security"] }, ExclusiveGroup = "deal-spiffs",
            Budget = 6_000, BudgetMode = BudgetMode.FirstCome,
        },
        new()
        {
            Id = "cert-spiff", Name = "Certification SPIFF", Kind = IncentiveKind.Spiff, SpiffEvent = SpiffEvent.CertificationEarned, SpiffAmount = 250, MaxCount = 3,
        },
        new()
        {
            Id = "growth-bonus", Name = "Growth bonus", Kind = IncentiveKind.GrowthBonus, RatePercent = 3, GrowthThresholdPercent = 25, CapPerPartner = 10_000,
        },
        new() { Id = "referral-fee", Name = "Referral fee", Kind = IncentiveKind.ReferralFee, RatePercent = 3, ClawbackDays = 90 },
        new() { Id = "mdf-accrual", Name = "Co-marketing fund accrual", Kind = IncentiveKind.FundAccrual, RateFromTier = true },
    ];

    public static CashBudget CashBudget => new(700_000, PeriodUnit.Quarter);

    /// <summary>Targets for the partners on Gold or Platinum, then a calculation of each period, oldest first.</summary>
    public async Task SeedAsync(IReadOnlyList<Period> periods, Actor admin, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var program = DemoTiers.Program;
        await using (var db = storage.Create(Actor.System))
        {
            var top = await db.PartnerTiers.Where(t => t.TierId == "gold" || t.TierId == "platinum").Select(t => t.PartnerId).ToListAsync(ct);
            foreach (var (partner, i) in top.Select((p, i) => (p, i)))
                foreach (var period in periods)
                    db.PartnerTargets.Add(new PartnerTarget
                    {
                        PartnerId = partner, Period = period.Name, AmountMinor = (100_000 + 25_000 * (i % 4)) * 100L, Currency = program.Currency,
                        UpdatedAt = clock.GetUtcNow(), UpdatedBy = admin.Name,
                    });
            await db.SaveChangesAsync(ct);
        }
        foreach (var period in periods)
        {
            var run = new CalculationRun
            {
                Period = period.Name, PeriodStart = period.Start, PeriodEnd = period.End, AsOf = period.End.AddDays(45) is var d && d < today ? d : today,
                ProgramVersion = 1, Currency = program.Currency, StartedAt = clock.GetUtcNow(), StartedBy = admin.Name,
            };
            await using (var db = storage.Create(Actor.System))
            {
                db.CalculationRuns.Add(run);
                await db.SaveChangesAsync(ct);
            }
            await work.RunAsync(run.Id, program, period, admin, ct);
            await PayoutsAsync(run, period, admin, pay: period != periods[^1], ct);
        }
        await DisputeAsync(ct);
    }

    /// <summary>A dispute in progress: the demo partner admin's partner (or another) disputes its largest paid line, and finance takes it on.</summary>
    async Task DisputeAsync(CancellationToken ct)
    {
        Actor partnerActor, finance;
        Guid statementId, transactionId;
        await using (var db = storage.Create(Actor.System))
        {
            var email = DemoPersonas.All.Single(p => p.Role == AccrueRoles.PartnerAdmin).Email;
            var user = await db.Users.SingleAsync(u => u.Email == email, ct);
            var statement = await db.PayoutStatements.Where(s => s.Status == StatementStatus.Paid)
                .OrderByDescending(s => s.PartnerId == user.PartnerId).ThenByDescending(s => s.Period).FirstOrDefaultAsync(ct);
            if (statement is null) return;
            var item = db.StatementItems.Where(i => i.StatementId == statement.Id).Select(i => i.TransactionId);
            transactionId = await db.LedgerTransactions.Where(t => item.Contains(t.Id)).OrderByDescending(t => t.PartnerAmountMinor).Select(t => t.Id).FirstAsync(ct);
            statementId = statement.Id;
            partnerActor = statement.PartnerId == user.PartnerId
                ? new Actor(user.Id, user.Email!, new HashSet<string> { AccrueRoles.PartnerAdmin }, user.PartnerId)
                : new Actor(null, "partner@demo", new HashSet<string> { AccrueRoles.PartnerAdmin }, statement.PartnerId);
            var financeEmail = DemoPersonas.All.Single(p => p.Role == AccrueRoles.Finance).Email;
            var financeUser = await db.Users.SingleAsync(u => u.Email == financeEmail, ct);
            finance = new Actor(financeUser.Id, financeUser.Email!, new HashSet<string> { AccrueRoles.Finance }, null);
        }
        DisputeView dispute;
        await using (var scope = scopes.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentActor>().Set(partnerActor);
            dispute = await scope.ServiceProvider.GetRequiredService<PayoutDisputes>().OpenAsync(statementId, new DisputeRequest(transactionId,
                "Two of our deals closed in the last week of the quarter are missing from this rebate; the customer's signed order forms are dated inside the quarter."), ct);
        }
        await using (var scope = scopes.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentActor>().Set(finance);
            await scope.ServiceProvider.GetRequiredService<PayoutDisputes>().AssignAsync(dispute.Id, new AssignDisputeRequest(null), ct);
        }
    }

    async Task PayoutsAsync(CalculationRun run, Period period, Actor admin, bool pay, CancellationToken ct)
    {
        Actor finance;
        await using (var db = storage.Create(Actor.System))
        {
            var email = DemoPersonas.All.Single(p => p.Role == AccrueRoles.Finance).Email;
            var user = await db.Users.SingleAsync(u => u.Email == email, ct);
            finance = new Actor(user.Id, user.Email!, new HashSet<string> { AccrueRoles.Finance }, null);
        }
        await using (var scope = scopes.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentActor>().Set(admin);
            await scope.ServiceProvider.GetRequiredService<LedgerPostings>().PostAsync(run.Id, ct);
        }
        await using (var scope = scopes.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentActor>().Set(finance);
            var statements = scope.ServiceProvider.GetRequiredService<PayoutStatements>();
            await statements.CreateAsync(new CreateStatementsRequest(period.Name), ct);
            if (!pay) return;
            var drafts = await statements.ListAsync(new StatementQuery(period.Name, StatementStatus.Draft, null, null, 0, Paging.MaxSize), ct);
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var paidOn = period.End.AddDays(50) is var d && d < today ? d : today;
            foreach (var (statement, i) in drafts.Items.Select((s, i) => (s, i)))
            {
                await statements.ApproveAsync(statement.Id, ct);
                await statements.PayAsync(statement.Id, new PaymentRequest($"AP-{period.Name}-{i + 1:D4}", paidOn), ct);
            }
        }
    }
}
