using Accrue.Engine.Incentives;
using Accrue.Engine.Partners;
using Accrue.Engine.Program;
using Accrue.Engine.Time;
using Accrue.Engine.Training;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Accrue.Engine.Tests.Program;

/// <summary>Writing and reading back: the canonical form loses nothing and is stable.</summary>
public partial class ProgramFileTests
{
    /// <summary>Deep equality: records holding lists compare the lists by reference, so compare them element by element.</summary>
    static bool SameDefinition(ProgramDefinition a, ProgramDefinition b)
    {
        IReadOnlyList<TierDefinition> noTiers = [];
        IReadOnlyList<TierCriterion> noCriteria = [];
        IReadOnlyList<IncentiveRule> noRules = [];
        return a with { Tiers = noTiers, Incentives = noRules } == b with { Tiers = noTiers, Incentives = noRules }
               && a.Tiers.Count == b.Tiers.Count
               && a.Tiers.Zip(b.Tiers).All(t => t.First with { Criteria = noCriteria } == t.Second with { Criteria = noCriteria }
                                                && t.First.Criteria.SequenceEqual(t.Second.Criteria))
               && a.Incentives.Count == b.Incentives.Count
               && a.Incentives.Zip(b.Incentives).All(r => SameRule(r.First, r.Second));
    }

    static readonly IncentiveEligibility AnyOne = new();

    static bool SameRule(IncentiveRule a, IncentiveRule b)
    {
        IReadOnlyList<RateBracket> noBrackets = [];
        var (e, f) = (a.Eligibility, b.Eligibility);
        return a with { Brackets = noBrackets, Eligibility = AnyOne } == b with { Brackets = noBrackets, Eligibility = AnyOne }
               && a.Brackets.SequenceEqual(b.Brackets)
               && e.Tiers.SequenceEqual(f.Tiers) && e.PartnerTypes.SequenceEqual(f.PartnerTypes) && e.Regions.SequenceEqual(f.Regions)
               && e.Segments.SequenceEqual(f.Segments) && e.Products.SequenceEqual(f.Products);
    }

    static ProgramDefinition Example => new()
    {
        Name = "Contoso \"Elite\": partners #1",
        Currency = "EUR",
        TimeZone = "Asia/Kolkata",
        FiscalYearStartMonth = 4,
        ChangeNoticeDays = 0,
        Evaluation = new EvaluationPolicy { Cadence = PeriodUnit.Year, GraceEvaluations = 0, SoftReset = false, RampMonths = 0 },
        Tiers =
        [
            new TierDefinition { Id = "member", Name = "null" },
            new TierDefinition
            {
                Id = "gold", Name = "  Gold  ", AtLeast = 1,
                Criteria =
                [
                    new(Metric.AvgDaysToClose, 45.5m, new TrailingWindow(1, PeriodUnit.Year)),
                    new(Metric.CertifiedPeople, 3, new TrailingWindow(1, PeriodUnit.Month), CertificationTrack.PreSales),
                ],
                Benefits = new TierBenefits { DiscountPercent = 12.50m, RebateMultiplier = 1.100m, SupportLevel = "24/7 — named engineer" },
            },
        ],
        Incentives =
        [
            new IncentiveRule
            {
                Id = "q-rebate", Name = "Rebate: retroactive", Kind = IncentiveKind.Rebate,
                Eligibility = new IncentiveEligibility
                {
                    Tiers = ["gold"], PartnerTypes = [PartnerType.Reseller, PartnerType.Msp], Regions = [Region.Europe],
                    Segments = ["Public sector, EU", "SMB"], Products = ["[Cloud]", "null"],
                },
                RequiresPayment = true, BracketMode = BracketMode.Retroactive,
                Brackets = [new(0, 2), new(100_000, 4.50m), new(250_000.5m, 6)],
                CapPerPartner = 50_000, Budget = 1_000_000, ClawbackDays = 90,
            },
            new IncentiveRule
            {
                Id = "logo-spiff", Name = "New logo", Kind = IncentiveKind.Spiff, Period = PeriodUnit.Month, RequiresInfluence = true,
                SpiffAmount = 500, SpiffEvent = SpiffEvent.NewLogo, MaxCount = 3,
                Budget = 20_000, BudgetMode = BudgetMode.FirstCome, ExclusiveGroup = "deal-spiffs",
            },
            new IncentiveRule { Id = "mdf", Name = "MDF", Kind = IncentiveKind.FundAccrual, RateFromTier = true },
            new IncentiveRule { Id = "growth", Name = "Growth", Kind = IncentiveKind.GrowthBonus, Period = PeriodUnit.Year, RatePercent = 1.5m },
        ],
        CashBudget = new CashBudget(2_000_000, PeriodUnit.Year),
    };

    [Fact]
    public void Reading_what_was_written_gives_back_the_same_definition()
    {
        var written = ProgramFile.Write(Example);

        var check = ProgramFile.Read(written);

        Assert.True(check.IsValid, string.Join("\n", check.Problems) + "\n" + written);
        Assert.True(SameDefinition(Example, check.Definition!), written);
        Assert.Equal(written, ProgramFile.Write(check.Definition!));
    }

    [Fact]
    public void The_documented_example_is_in_canonical_form()
    {
        var file = Repository.Read("docs/examples/program.yaml");

        Assert.Equal(file, ProgramFile.Write(ProgramFile.Read(file).Definition!));
    }

    [Fact]
    public void The_canonical_form_writes_every_program_field_and_only_the_tier_and_rule_fields_that_are_set()
    {
        var written = ProgramFile.Write(Example);

        Assert.Equal("""
            # Accrue program definition: see docs/program-file.md
            name: "Contoso \"Elite\": partners #1"
            currency: EUR
            time_zone: Asia/Kolkata
            fiscal_year_start_month: 4
            change_notice_days: 0
            evaluation:
              cadence: year
              grace_evaluations: 0
              soft_reset: false
              ramp_months: 0
              promotions_need_approval: true
              demotions_need_approval: true
            tiers:
              - id: member
                name: "null"
              - id: gold
                name: "  Gold  "
                require: at least 1 of
                criteria:
                  - metric: avg_days_to_close
                    at_most: 45.5
                    window: trailing 1 year
                  - metric: certified_people
                    track: pre_sales
                    at_least: 3
                    window: trailing 1 month
                benefits:
                  discount_percent: 12.5
                  rebate_multiplier: 1.1
                  fund_accrual_percent: 0
                  support_level: "24/7 — named engineer"
            incentives:
              - id: q-rebate
                name: "Rebate: retroactive"
                kind: rebate
                period: quarter
                eligibility:
                  tiers: [gold]
                  partner_types: [reseller, msp]
                  regions: [europe]
                  segments: ["Public sector, EU", SMB]
                  products: ["[Cloud]", "null"]
                requires_payment: true
                bracket_mode: retroactive
                brackets:
                  - from: 0
                    rate_percent: 2
                  - from: 100000
                    rate_percent: 4.5
                  - from: 250000.5
                    rate_percent: 6
                cap_per_partner: 50000
                budget: 1000000
                budget_mode: pro_rata
                clawback_days: 90
              - id: logo-spiff
                name: New logo
                kind: spiff
                period: month
                requires_influence: true
                amount: 500
                event: new_logo
                max_count: 3
                budget: 20000
                budget_mode: first_come
                exclusive_group: deal-spiffs
              - id: mdf
                name: MDF
                kind: fund_accrual
                period: quarter
                rate_from_tier: true
              - id: growth
                name: Growth
                kind: growth_bonus
                period: year
                rate_percent: 1.5
                growth_threshold_percent: 0
            cash_budget:
              amount: 2000000
              per: year

            """.Replace("\r\n", "\n"), written);
    }

    static readonly Gen<string> Texts = Gen.OneOf(
        Gen.Elements("Gold", "Gold Plus", "Élite", "金", "true", "null", "~", "123", "1.50", "- dash", "a: b", "#hash", "x #y", "'quoted'",
                     "\"double\"", "back\\slash", "tab\there", "line\nbreak", " padded ", "yes", "[list]", "{map}", "&anchor", "*alias", "50%", "@at"),
        Gen.ListOf(Gen.Elements("a", "Z", " ", ":", "#", "'", "\"", "\\", "é", "-", "\t", "\n", "\u0001", "\u2028", "9", ".")).Select(parts => string.Concat(parts)));

    static readonly Gen<decimal> Amounts = Gen.OneOf(
        Gen.Choose(0, 2_000_000).Select(n => (decimal)n),
        Gen.Choose(0, 100_000).Select(n => n / 100m),
        Gen.Elements(0m, 0.001m, 1.10m, 99.999m, 79_228_162_514_264_337_593_543_950_335m));

    static readonly Gen<TierCriterion> Criteria =
        from metric in Gen.Elements(Enum.GetValues<Metric>())
        from threshold in Amounts
        from count in Gen.Choose(1, 12)
        from unit in Gen.Elements(Enum.GetValues<PeriodUnit>())
        from track in Gen.Elements<CertificationTrack?>(null, CertificationTrack.Sales, CertificationTrack.PreSales, CertificationTrack.Technical)
        select new TierCriterion(metric, Sound(metric, threshold), new TrailingWindow(count, unit), metric == Metric.CertifiedPeople ? track : null);

    /// <summary>A threshold the validation accepts: whole for counts, at most 100 for win_rate.</summary>
    static decimal Sound(Metric metric, decimal threshold) => metric switch
    {
        Metric.WinRate => Math.Min(threshold, 100),
        Metric.WonRevenue or Metric.AvgDaysToClose or Metric.Growth => threshold,
        _ => decimal.Truncate(threshold),
    };

    static readonly Gen<TierBenefits> Benefits =
        from discount in Gen.Choose(0, 10_000).Select(n => n / 100m)
        from multiplier in Gen.Choose(1, 300).Select(n => n / 100m)
        from days in Gen.Elements<int?>(null, 1, 90, 365)
        from fund in Gen.Choose(0, 100).Select(n => (decimal)n)
        from support in Gen.OneOf(Gen.Constant<string?>(null), Texts.Select(t => (string?)t))
        select new TierBenefits { DiscountPercent = discount, RebateMultiplier = multiplier, DealProtectionDays = days, FundAccrualPercent = fund, SupportLevel = support };

    static readonly Gen<TierDefinition> Tiers =
        from name in Texts
        from criteria in Gen.NonEmptyListOf(Criteria)
        from atLeast in Gen.Elements<int?>(null, 1)
        from benefits in Benefits
        select new TierDefinition { Id = "x", Name = name, Criteria = criteria.ToList(), AtLeast = atLeast, Benefits = benefits };

    static readonly Gen<IncentiveEligibility> Eligibilities =
        from tiers in Gen.ListOf(Gen.Choose(0, 20))
        from types in Gen.ListOf(Gen.Elements(Enum.GetValues<PartnerType>()))
        from regions in Gen.ListOf(Gen.Elements(Enum.GetValues<Region>()))
        from segments in Gen.ListOf(Texts.Where(t => !string.IsNullOrWhiteSpace(t)))
        from products in Gen.ListOf(Texts.Where(t => !string.IsNullOrWhiteSpace(t)))
        // Tier picks are indices, resolved against the ladder once it is known (see Definitions).
        select new IncentiveEligibility
        {
            Tiers = tiers.Select(t => t.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList(),
            PartnerTypes = types.ToList(), Regions = regions.ToList(), Segments = segments.ToList(), Products = products.ToList(),
        };

    static readonly Gen<RateBracket[]> Brackets =
        from steps in Gen.NonEmptyListOf(Gen.Choose(1, 50_000_000).Select(n => n / 100m))
        from rates in Gen.ArrayOf(Gen.Choose(0, 10_000).Select(n => n / 100m), steps.Count)
        select steps.Select((_, k) => new RateBracket(k == 0 ? 0 : steps.Take(k).Sum(), rates[k])).ToArray();

    /// <summary>Sound rules of every kind: the fields the kind reads, limits only where the kind may have them.</summary>
    static readonly Gen<IncentiveRule> Rules =
        from kind in Gen.Elements(Enum.GetValues<IncentiveKind>())
        from name in Texts.Where(t => !string.IsNullOrWhiteSpace(t))
        from period in Gen.Elements(Enum.GetValues<PeriodUnit>())
        from eligibility in Eligibilities
        from flags in Gen.ArrayOf(Gen.Elements(true, false), 5)
        from brackets in Brackets
        from rate in Gen.Choose(1, 10_000).Select(n => n / 100m)
        from amount in Gen.Choose(1, 100_000).Select(n => (decimal)n)
        from spiffEvent in Gen.Elements(Enum.GetValues<SpiffEvent>())
        from maxCount in Gen.Elements<int?>(null, 1, 5)
        from threshold in Gen.Choose(0, 50_000).Select(n => n / 100m)
        from limits in Gen.ArrayOf(Gen.Elements<decimal?>(null, 1, 5_000, 1_000_000), 2)
        from stack in Gen.Elements<string?>(null, "deal-spiffs", "g2")
        from clawback in Gen.Elements<int?>(null, 1, 90)
        let rule = new IncentiveRule
        {
            Id = "x", Name = name, Kind = kind, Period = period, Eligibility = eligibility,
            RequiresInfluence = flags[0], RequiresPayment = flags[1], CapPerPartner = limits[0], Budget = limits[1], ClawbackDays = clawback,
        }
        select kind switch
        {
            IncentiveKind.Rebate => rule with
            {
                BracketMode = flags[2] ? BracketMode.Retroactive : BracketMode.Marginal,
                // Retroactive rates rise, as the validation asks.
                Brackets = flags[2] ? brackets.Zip(brackets.Select(b => b.RatePercent).Order(), (b, r) => b with { RatePercent = r }).ToList() : brackets,
            },
            IncentiveKind.Spiff => rule with
            {
                SpiffAmount = amount, SpiffEvent = spiffEvent, MaxCount = maxCount,
                ExclusiveGroup = spiffEvent == SpiffEvent.CertificationEarned ? null : stack,
                BudgetMode = flags[3] && limits[1] is not null && spiffEvent != SpiffEvent.CertificationEarned ? BudgetMode.FirstCome : BudgetMode.ProRata,
            },
            IncentiveKind.ReferralFee => rule with
            {
                RatePercent = rate, ExclusiveGroup = stack,
                BudgetMode = flags[3] && limits[1] is not null ? BudgetMode.FirstCome : BudgetMode.ProRata,
            },
            IncentiveKind.GrowthBonus => rule with { RatePercent = rate, GrowthThresholdPercent = threshold },
            IncentiveKind.FundAccrual => flags[4] ? rule with { RateFromTier = true } : rule with { RatePercent = rate },
            _ => rule with { RatePercent = rate },
        };

    static readonly Gen<ProgramDefinition> Definitions =
        from name in Texts.Where(t => !string.IsNullOrWhiteSpace(t))
        from currency in Gen.Elements("USD", "EUR", "JPY", "BHD")
        from zone in Gen.Elements("UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata")
        from month in Gen.Choose(1, 12)
        from notice in Gen.Choose(0, 90)
        from cadence in Gen.Elements(Enum.GetValues<PeriodUnit>())
        from grace in Gen.Choose(0, 3)
        from flags in Gen.ArrayOf(Gen.Elements(true, false), 3)
        from ramp in Gen.Choose(0, 12)
        from entry in Benefits
        from upper in Gen.ListOf(Tiers)
        from rules in Gen.ListOf(Rules)
        from cash in Gen.Elements<CashBudget?>(null, new CashBudget(250_000), new CashBudget(1_000_000, PeriodUnit.Year))
        let ladder = new[] { "entry" }.Concat(upper.Select((_, i) => $"tier-{i + 1}")).ToArray()
        select new ProgramDefinition
        {
            Name = name, Currency = currency, TimeZone = zone, FiscalYearStartMonth = month, ChangeNoticeDays = notice,
            Evaluation = new EvaluationPolicy
            {
                Cadence = cadence, GraceEvaluations = grace, SoftReset = flags[0], RampMonths = ramp,
                PromotionsNeedApproval = flags[1], DemotionsNeedApproval = flags[2],
            },
            // Ids and names unique, as a sound definition has them; names keep their odd characters.
            Tiers = [new TierDefinition { Id = "entry", Name = "Entry", Benefits = entry },
                     .. upper.Select((t, i) => t with { Id = $"tier-{i + 1}", Name = $"{t.Name} {i + 1}" })],
            Incentives = rules.Select((r, i) => r with
            {
                Id = $"rule-{i + 1}",
                Eligibility = r.Eligibility with { Tiers = r.Eligibility.Tiers.Select(t => ladder[int.Parse(t, System.Globalization.CultureInfo.InvariantCulture) % ladder.Length]).ToList() },
            }).ToList(),
            CashBudget = cash,
        };

    [Property(MaxTest = 200)]
    public Property Any_sound_definition_reads_back_as_written_and_writes_the_same_again() =>
        Prop.ForAll(Definitions.ToArbitrary(), definition =>
        {
            var written = ProgramFile.Write(definition);
            var check = ProgramFile.Read(written);
            return (check.IsValid && SameDefinition(definition, check.Definition!) && ProgramFile.Write(check.Definition!) == written)
                .Label(written + "\n" + string.Join("\n", check.Problems));
        });
}
