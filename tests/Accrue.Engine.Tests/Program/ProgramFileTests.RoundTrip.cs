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
        return a with { Tiers = noTiers } == b with { Tiers = noTiers }
               && a.Tiers.Count == b.Tiers.Count
               && a.Tiers.Zip(b.Tiers).All(t => t.First with { Criteria = noCriteria } == t.Second with { Criteria = noCriteria }
                                                && t.First.Criteria.SequenceEqual(t.Second.Criteria));
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
    public void The_canonical_form_writes_every_program_field_and_only_the_tier_fields_that_are_set()
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
