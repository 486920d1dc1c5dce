using Accrue.Engine.Incentives;
using Accrue.Engine.Program;
using Accrue.Engine.Time;
using Accrue.Engine.Training;

namespace Accrue.Engine.Tests.Program;

/// <summary>The rules as the forms meet them: each broken rule comes back as the field's path and a message, without a line.</summary>
public class ProgramValidationTests
{
    static readonly TierCriterion Revenue = new(Metric.WonRevenue, 250_000, new TrailingWindow(4, PeriodUnit.Quarter));

    static readonly ProgramDefinition Sound = new()
    {
        Name = "Northwind", Currency = "EUR", TimeZone = "Europe/Berlin",
        Tiers =
        [
            new TierDefinition { Id = "registered", Name = "Registered" },
            new TierDefinition { Id = "gold", Name = "Gold", Criteria = [Revenue], Benefits = new TierBenefits { DiscountPercent = 15, DealProtectionDays = 90 } },
        ],
    };

    static ProgramDefinition WithGold(Func<TierDefinition, TierDefinition> change) => Sound with { Tiers = [Sound.Tiers[0], change(Sound.Tiers[1])] };

    public static TheoryData<string, ProgramDefinition, string> Broken => new()
    {
        { "blank name", Sound with { Name = "  " }, "name: the program needs a name" },
        { "unknown currency", Sound with { Currency = "EURO" }, "currency: 'EURO' is not an ISO 4217 currency code Accrue knows — did you mean 'EUR'?" },
        { "unknown zone", Sound with { TimeZone = "Mars/Olympus" }, "time_zone: 'Mars/Olympus' is not a known time zone; use an IANA name such as Europe/Berlin or UTC" },
        { "month 0", Sound with { FiscalYearStartMonth = 0 }, "fiscal_year_start_month: must be a month from 1 (January) to 12, found 0" },
        { "negative notice", Sound with { ChangeNoticeDays = -1 }, "change_notice_days: must not be negative" },
        { "negative grace", Sound with { Evaluation = new EvaluationPolicy { GraceEvaluations = -1 } }, "evaluation.grace_evaluations: must not be negative (0: demote at the first evaluation below)" },
        { "negative ramp", Sound with { Evaluation = new EvaluationPolicy { RampMonths = -1 } }, "evaluation.ramp_months: must not be negative (0: no ramp)" },
        { "no tiers", Sound with { Tiers = [] }, "tiers: the program needs at least one tier, the entry tier" },
        { "criteria on entry", Sound with { Tiers = [Sound.Tiers[0] with { Criteria = [Revenue] }, Sound.Tiers[1]] }, "tiers[0].criteria: the first tier is the entry tier, where every partner starts: it has no criteria" },
        { "no criteria above entry", WithGold(t => t with { Criteria = [] }), "tiers[1].criteria: every tier above the entry tier needs at least one criterion" },
        { "same name", WithGold(t => t with { Name = "REGISTERED" }), "tiers[1].name: 'REGISTERED' is already the name of tiers[0]; names must be unique" },
        { "id not a slug", WithGold(t => t with { Id = "gold plus" }), "tiers[1].id: 'gold plus' is not an id: lowercase letters, digits, '-' and '_', starting with a letter" },
        { "at least 0", WithGold(t => t with { AtLeast = 0 }), "tiers[1].require: 'at least 0 of' needs n from 1 to the number of criteria (1)" },
        { "at least 2 of 1", WithGold(t => t with { AtLeast = 2 }), "tiers[1].require: 'at least 2 of' needs n from 1 to the number of criteria (1)" },
        { "days at_most negative", WithGold(t => t with { Criteria = [new(Metric.AvgDaysToClose, -1, Revenue.Window)] }), "tiers[1].criteria[0].at_most: a threshold must not be negative" },
        { "win rate 101", WithGold(t => t with { Criteria = [new(Metric.WinRate, 101, Revenue.Window)] }), "tiers[1].criteria[0].at_least: win_rate is in percent: a threshold above 100 can never pass" },
        { "window 0", WithGold(t => t with { Criteria = [Revenue with { Window = new(0, PeriodUnit.Month) }] }), "tiers[1].criteria[0].window: a window covers at least 1 month, quarter or year" },
        { "track on revenue", WithGold(t => t with { Criteria = [Revenue with { Track = CertificationTrack.Sales }] }), "tiers[1].criteria[0].track: only certified_people has a track, not won_revenue" },
        { "discount 101", WithGold(t => t with { Benefits = new TierBenefits { DiscountPercent = 101 } }), "tiers[1].benefits.discount_percent: must be a percentage from 0 to 100" },
        { "multiplier 0", WithGold(t => t with { Benefits = new TierBenefits { RebateMultiplier = 0 } }), "tiers[1].benefits.rebate_multiplier: must be above 0 (1 leaves rebates as the rules set them)" },
        { "protection 0", WithGold(t => t with { Benefits = new TierBenefits { DealProtectionDays = 0 } }), "tiers[1].benefits.deal_protection_days: must be at least 1 day (leave it out for the program default)" },
        { "fund -1", WithGold(t => t with { Benefits = new TierBenefits { FundAccrualPercent = -1 } }), "tiers[1].benefits.fund_accrual_percent: must be a percentage from 0 to 100" },
    };

    static readonly IncentiveRule Rebate = new()
    {
        Id = "q-rebate", Name = "Rebate", Kind = IncentiveKind.Rebate, Brackets = [new(0, 2), new(100_000, 4)],
    };

    static ProgramDefinition WithRule(IncentiveRule rule) => Sound with { Incentives = [rule] };

    public static TheoryData<string, ProgramDefinition, string> BrokenRules => new()
    {
        { "rule id", WithRule(Rebate with { Id = "Q rebate" }), "incentives[0].id: 'Q rebate' is not an id: lowercase letters, digits, '-' and '_', starting with a letter" },
        { "no brackets", WithRule(Rebate with { Brackets = [] }), "incentives[0].brackets: a rebate needs brackets, the first from 0 (one bracket for a flat rate)" },
        { "accelerator rate 0", WithRule(new IncentiveRule { Id = "acc", Name = "A", Kind = IncentiveKind.Accelerator }), "incentives[0].rate_percent: an accelerator needs rate_percent above 0" },
        { "growth with brackets", WithRule(Rebate with { Kind = IncentiveKind.GrowthBonus, RatePercent = 5 }), "incentives[0].brackets: a growth bonus does not read brackets; leave it out" },
        { "both fund rates", WithRule(new IncentiveRule { Id = "mdf", Name = "M", Kind = IncentiveKind.FundAccrual, RateFromTier = true, RatePercent = 2 }), "incentives[0].rate_percent: rate_from_tier takes the rate from the tier: leave rate_percent out" },
        { "rate from tier on referral", WithRule(new IncentiveRule { Id = "ref", Name = "R", Kind = IncentiveKind.ReferralFee, RatePercent = 5, RateFromTier = true }), "incentives[0].rate_from_tier: only a fund accrual takes its rate from the tier" },
        { "certification spiff grouped", WithRule(new IncentiveRule { Id = "cert", Name = "C", Kind = IncentiveKind.Spiff, SpiffAmount = 100, SpiffEvent = SpiffEvent.CertificationEarned, ExclusiveGroup = "g" }), "incentives[0].exclusive_group: only per-deal rules (SPIFFs on deals, referral fees) stack in exclusive groups" },
        { "max count on a rebate", WithRule(Rebate with { MaxCount = 3 }), "incentives[0].max_count: a rebate does not read max_count; leave it out" },
        { "mode without budget", WithRule(new IncentiveRule { Id = "ref", Name = "R", Kind = IncentiveKind.ReferralFee, RatePercent = 5, BudgetMode = BudgetMode.FirstCome }), "incentives[0].budget_mode: a budget mode needs a budget" },
        { "negative cap", WithRule(Rebate with { CapPerPartner = -1 }), "incentives[0].cap_per_partner: caps cannot be negative" },
        { "rate 101", WithRule(Rebate with { Brackets = [new(0, 101)] }), "incentives[0].brackets[0].rate_percent: must be a percentage from 0 to 100" },
        { "group not a slug", WithRule(new IncentiveRule { Id = "ref", Name = "R", Kind = IncentiveKind.ReferralFee, RatePercent = 5, ExclusiveGroup = "Deal SPIFFs" }), "incentives[0].exclusive_group: 'Deal SPIFFs' is not a group name: lowercase letters, digits, '-' and '_', starting with a letter" },
        { "negative growth threshold", WithRule(new IncentiveRule { Id = "g", Name = "G", Kind = IncentiveKind.GrowthBonus, RatePercent = 5, GrowthThresholdPercent = -10 }), "incentives[0].growth_threshold_percent: must not be negative (a bonus pays only on growth)" },
        { "cash budget in cents of a yen", Sound with { Currency = "JPY", CashBudget = new CashBudget(1000.5m) }, "cash_budget.amount: the cash budget 1000.5 is not a whole number of minor units" },
    };

    [Theory]
    [MemberData(nameof(BrokenRules))]
    public void Each_broken_incentive_rule_names_its_field(string rule, ProgramDefinition definition, string expected)
    {
        var problem = Assert.Single(ProgramValidation.Check(definition));
        Assert.True(expected == problem.ToString(), $"{rule}: {problem}");
    }

    [Fact]
    public void What_the_validation_refuses_of_a_rule_the_engine_refuses_too_in_the_same_words()
    {
        var rule = Rebate with { BudgetMode = BudgetMode.FirstCome, Budget = 10 };

        var problem = Assert.Single(ProgramValidation.Check(WithRule(rule)));
        var engine = Assert.Single(IncentiveRuleChecks.Problems(rule, 100));
        Assert.Equal(problem.Path, $"incentives[0].{engine.Field}");
        Assert.Equal(problem.Message, engine.Reason.TrimEnd('.'));
    }

    [Fact]
    public void A_sound_definition_has_no_problems() => Assert.Empty(ProgramValidation.Check(Sound));

    [Theory]
    [MemberData(nameof(Broken))]
    public void Each_broken_rule_names_its_field(string rule, ProgramDefinition definition, string expected)
    {
        var problem = Assert.Single(ProgramValidation.Check(definition));
        Assert.Null(problem.Line);
        Assert.True(expected == problem.ToString(), $"{rule}: {problem}");
    }

    [Fact]
    public void Certified_people_may_count_one_track()
    {
        var definition = WithGold(t => t with { Criteria = [new(Metric.CertifiedPeople, 2, new(1, PeriodUnit.Quarter), CertificationTrack.Technical)] });

        Assert.Empty(ProgramValidation.Check(definition));
    }
}
