using Accrue.Data;
using Accrue.Data.Audit;
using Accrue.Data.Program;
using Accrue.Data.Tiers;
using Accrue.Engine.Metrics;
using Accrue.Engine.Program;
using Accrue.Engine.Time;
using Accrue.Engine.Training;
using Accrue.Web.Features.Tiers;
using Microsoft.EntityFrameworkCore;

namespace Accrue.Web.Features.Demo;

/// <summary>The demo's program: a four-tier ladder and incentive rules in force for two years, exchange rates, a year of quarterly evaluations and their calculations.</summary>
/// <remarks>
/// The evaluations run through the real engine and runner, oldest first, each approved by the demo admin
/// except the last quarter's, which waits for review. So some partners were promoted, some are in grace,
/// and the review page has work on it.
/// </remarks>
public sealed class DemoTiers(AccrueStorage storage, TierEvaluationWork work, DemoIncentives incentives, AuditTrail audit, TimeProvider clock)
{
    public const int EvaluatedQuarters = 4;

    public static ProgramDefinition Program => new()
    {
        Name = "Accrue Demo Partner Program",
        Currency = "USD",
        TimeZone = "UTC",
        FiscalYearStartMonth = 1,
        ChangeNoticeDays = 30,
        Evaluation = new EvaluationPolicy
        {
            Cadence = PeriodUnit.Quarter, GraceEvaluations = 1, SoftReset = true, RampMonths = 6,
            PromotionsNeedApproval = true, DemotionsNeedApproval = true,
        },
        Tiers =
        [
            new TierDefinition
            {
                Id = "registered", Name = "Registered",
                Benefits = new TierBenefits { DiscountPercent = 5, DealProtectionDays = 60, SupportLevel = "Community" },
            },
            new TierDefinition
            {
                Id = "silver", Name = "Silver",
                Criteria = [new TierCriterion(Metric.WonRevenue, 100_000, Trailing4Quarters)],
                Benefits = new TierBenefits { DiscountPercent = 10, RebateMultiplier = 1.1m, DealProtectionDays = 90, FundAccrualPercent = 1, SupportLevel = "Standard" },
            },
            new TierDefinition
            {
                Id = "gold", Name = "Gold",
                Criteria =
                [
                    new TierCriterion(Metric.WonRevenue, 400_000, Trailing4Quarters),
                    new TierCriterion(Metric.CertifiedPeople, 1, Trailing4Quarters),
                ],
                Benefits = new TierBenefits { DiscountPercent = 15, RebateMultiplier = 1.25m, DealProtectionDays = 120, FundAccrualPercent = 2, SupportLevel = "Priority" },
            },
            new TierDefinition
            {
                Id = "platinum", Name = "Platinum",
                AtLeast = 2,
                Criteria =
                [
                    new TierCriterion(Metric.WonRevenue, 1_000_000, Trailing4Quarters),
                    new TierCriterion(Metric.WonDeals, 8, Trailing4Quarters),
                    new TierCriterion(Metric.WinRate, 50, Trailing4Quarters),
                ],
                Benefits = new TierBenefits { DiscountPercent = 20, RebateMultiplier = 1.5m, DealProtectionDays = 180, FundAccrualPercent = 3, SupportLevel = "Dedicated" },
            },
        ],
        Incentives = DemoIncentives.Rules,
        CashBudget = DemoIncentives.CashBudget,
    };

    static readonly TrailingWindow Trailing4Quarters = new(4, PeriodUnit.Quarter);

    public async Task SeedAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var program = Program;
        var calendar = program.Calendar;
        var lastFinished = calendar.Previous(calendar.Containing(today, PeriodUnit.Quarter));
        var periods = new List<Period> { lastFinished };
        while (periods.Count < EvaluatedQuarters) periods.Insert(0, calendar.Previous(periods[0]));

        Actor admin;
        await using (var db = storage.Create(Actor.System))
        {
            var user = await db.Users.SingleAsync(u => u.Email == DemoPersonas.All[0].Email, ct);
            admin = new Actor(user.Id, user.Email!, new HashSet<string> { AccrueRoles.ProgramAdmin }, null);
            var version = new ProgramVersion
            {
                Number = 1, Document = ProgramFile.Write(program), Summary = "The first published program: four tiers on trailing won revenue, certifications and win rate.",
                CreatedAt = now.AddYears(-2), CreatedBy = admin.Name, UpdatedAt = now.AddYears(-2),
            };
            version.Publish(calendar.Containing(today.AddYears(-2), PeriodUnit.Quarter).Start, now.AddYears(-2), admin.Name);
            db.ProgramVersions.Add(version);
            // The euro drifts around 1.08 dollars, one rate a month.
            for (var month = new DateOnly(today.Year - 3, 1, 1); month <= today; month = month.AddMonths(1))
                db.ExchangeRates.Add(new ExchangeRate { Currency = "EUR", From = month, Rate = 1.08m + 0.03m * (decimal)Math.Sin(month.Month + month.Year) });
            await db.SaveChangesAsync(ct);
        }

        foreach (var period in periods)
        {
            var run = new TierEvaluationRun
            {
                Period = period.Name, EvaluatedOn = period.End, ProgramVersion = 1, StartedAt = now, StartedBy = admin.Name,
            };
            await using (var db = storage.Create(Actor.System))
            {
                db.TierEvaluationRuns.Add(run);
                await db.SaveChangesAsync(ct);
            }
            await work.RunAsync(run.Id, program, admin, ct);
            if (period != lastFinished) await ApproveAll(run, admin, ct);
        }
        await incentives.SeedAsync(periods, admin, ct);
    }

    async Task ApproveAll(TierEvaluationRun run, Actor admin, CancellationToken ct)
    {
        await using var db = storage.Create(Actor.System);
        var pending = await db.TierProposals.Where(p => p.RunId == run.Id && p.Status == ProposalStatus.Pending).ToListAsync(ct);
        var tiers = await db.PartnerTiers.ToDictionaryAsync(t => t.PartnerId, ct);
        var at = new DateTimeOffset(run.EvaluatedOn.AddDays(7).ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);
        foreach (var proposal in pending)
        {
            (proposal.Status, proposal.DecidedAt, proposal.DecidedBy, proposal.DecisionReason) = (ProposalStatus.Approved, at, admin.Name, "Quarterly tier review");
            TierStates.Apply(db, audit, tiers, proposal, run.Period, "Quarterly tier review", admin, at);
        }
        await db.SaveChangesAsync(ct);
    }
}
