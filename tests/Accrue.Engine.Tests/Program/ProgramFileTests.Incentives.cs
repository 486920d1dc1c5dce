using Accrue.Engine.Incentives;
using Accrue.Engine.Partners;
using Accrue.Engine.Program;
using Accrue.Engine.Time;

namespace Accrue.Engine.Tests.Program;

/// <summary>Incentive rules in the program file: what they read as, and how a broken rule is answered with its line and field.</summary>
public partial class ProgramFileTests
{
    const string WithRules = Minimal + "\n" + """
        incentives:
          - id: q-rebate
            name: Quarterly rebate
            kind: rebate
            period: quarter
            eligibility:
              tiers: [silver]
              regions: [europe, north_america]
            bracket_mode: marginal
            brackets:
              - from: 0
                rate_percent: 2
              - from: 100000
                rate_percent: 4
              - from: 250000
                rate_percent: 6
            cap_per_partner: 25000
          - id: logo-spiff
            name: New logo SPIFF
            kind: spiff
            amount: 500
            event: new_logo
            max_count: 3
            budget: 20000
            budget_mode: first_come
            exclusive_group: deal-spiffs
        cash_budget:
          amount: 100000
          per: quarter
        """;

    /// <summary>The 1-based line of the first line holding <paramref name="text"/>: the line a problem must point at.</summary>
    static int LineOf(string yaml, string text)
    {
        var lines = yaml.Split('\n');
        var index = Array.FindIndex(lines, l => l.Contains(text, StringComparison.Ordinal));
        Assert.True(index >= 0, $"'{text}' is not in the file");
        return index + 1;
    }

    /// <summary>The only problem of the file with <paramref name="from"/> replaced, and the line <paramref name="at"/> is on in that file.</summary>
    static (string Problem, int Line) Broken(string from, string to, string at)
    {
        var yaml = WithRules.Replace(from, to);
        Assert.NotEqual(WithRules, yaml);
        return (OnlyProblem(yaml), LineOf(yaml, at));
    }

    [Fact]
    public void Rules_and_the_cash_budget_read_as_written()
    {
        var program = ReadSound(WithRules);

        Assert.Equal(["q-rebate", "logo-spiff"], program.Incentives.Select(r => r.Id));
        var rebate = program.Incentives[0];
        Assert.Equal((IncentiveKind.Rebate, PeriodUnit.Quarter, BracketMode.Marginal, 25_000m), (rebate.Kind, rebate.Period, rebate.BracketMode, rebate.CapPerPartner));
        Assert.Equal([new RateBracket(0, 2), new RateBracket(100_000, 4), new RateBracket(250_000, 6)], rebate.Brackets);
        Assert.Equal(["silver"], rebate.Eligibility.Tiers);
        Assert.Equal([Region.Europe, Region.NorthAmerica], rebate.Eligibility.Regions);
        var spiff = program.Incentives[1];
        Assert.Equal((IncentiveKind.Spiff, 500m, SpiffEvent.NewLogo, (int?)3), (spiff.Kind, spiff.SpiffAmount, spiff.SpiffEvent, spiff.MaxCount));
        Assert.Equal((20_000m, BudgetMode.FirstCome, "deal-spiffs"), (spiff.Budget, spiff.BudgetMode, spiff.ExclusiveGroup));
        Assert.Equal(new CashBudget(100_000, PeriodUnit.Quarter), program.CashBudget);
    }

    [Fact]
    public void A_file_with_rules_round_trips_through_the_canonical_form()
    {
        var program = ReadSound(WithRules);

        var written = ProgramFile.Write(program);
        var again = ReadSound(written);

        Assert.True(SameDefinition(program, again), written);
        Assert.Equal(written, ProgramFile.Write(again));
        Assert.Contains("  - id: logo-spiff\n    name: New logo SPIFF\n    kind: spiff\n    period: quarter\n", written);
    }

    [Fact]
    public void The_rules_of_the_documented_example_read_and_pay_the_semantics_bracket_example()
    {
        var program = ReadSound(Repository.Read("docs/examples/program.yaml"));

        Assert.Equal(Enum.GetValues<IncentiveKind>().ToHashSet(), program.Incentives.Select(r => r.Kind).ToHashSet());
        var rebate = program.Incentives.First(r => r.Kind == IncentiveKind.Rebate);
        Assert.Equal([new RateBracket(0, 2), new RateBracket(100_000, 4), new RateBracket(250_000, 6)], rebate.Brackets);
        Assert.NotNull(program.CashBudget);
        Assert.Contains(program.Incentives, r => r.Kind == IncentiveKind.FundAccrual && r.RateFromTier);
        Assert.Equal(2, program.Incentives.Count(r => r.Kind == IncentiveKind.Spiff && r.ExclusiveGroup is not null && r.ExclusiveGroup == program.Incentives.First(s => s.Kind == IncentiveKind.Spiff).ExclusiveGroup));
    }

    [Fact]
    public void An_unknown_kind_names_its_line_and_suggests_the_nearest_and_nothing_else()
    {
        var (problem, line) = Broken("kind: rebate", "kind: rebat", "kind: rebat");

        Assert.Equal($"line {line}, incentives[0].kind: unknown kind 'rebat' — did you mean 'rebate'?", problem);
    }

    [Fact]
    public void An_exclusive_group_on_a_rebate_is_refused()
    {
        var (problem, line) = Broken("    cap_per_partner: 25000", "    cap_per_partner: 25000\n    exclusive_group: deal-spiffs", "cap_per_partner: 25000");

        Assert.Equal($"line {line + 1}, incentives[0].exclusive_group: only per-deal rules (SPIFFs on deals, referral fees) stack in exclusive groups", problem);
    }

    [Fact]
    public void A_first_come_budget_on_a_rebate_is_refused()
    {
        var (problem, line) = Broken("    cap_per_partner: 25000", "    cap_per_partner: 25000\n    budget: 90000\n    budget_mode: first_come", "budget: 90000");

        Assert.Equal($"line {line + 1}, incentives[0].budget_mode: only per-deal rules (SPIFFs on deals, referral fees) can be first-come", problem);
    }

    [Fact]
    public void Brackets_not_starting_at_0_are_refused_at_the_first_bound()
    {
        var (problem, line) = Broken("- from: 0\n", "- from: 1000\n", "from: 1000");

        Assert.Equal($"line {line}, incentives[0].brackets[0].from: the first bracket starts at 0", problem);
    }

    [Fact]
    public void Brackets_that_do_not_rise_are_refused_at_the_bound()
    {
        var (problem, line) = Broken("from: 250000", "from: 90000", "from: 90000");

        Assert.Equal($"line {line}, incentives[0].brackets[2].from: bracket bounds must rise (this one is not above the previous bracket's 100000)", problem);
    }

    [Fact]
    public void Falling_retroactive_rates_are_refused()
    {
        var yaml = WithRules.Replace("bracket_mode: marginal", "bracket_mode: retroactive").Replace("rate_percent: 6", "rate_percent: 3");

        Assert.Equal($"line {LineOf(yaml, "rate_percent: 3")}, incentives[0].brackets[2].rate_percent: retroactive rates must not fall (3 % after 4 %): more revenue would pay less",
                     OnlyProblem(yaml));
        Assert.True(ProgramFile.Read(yaml.Replace("bracket_mode: retroactive", "bracket_mode: marginal")).IsValid);   // marginal rates may fall
    }

    [Fact]
    public void A_duplicate_rule_id_points_at_the_second_one()
    {
        var yaml = WithRules.Replace("id: logo-spiff", "id: q-rebate");

        Assert.Equal($"line {LineOf(WithRules, "id: logo-spiff")}, incentives[1].id: 'q-rebate' is already the id of incentives[0]; ids must be unique", OnlyProblem(yaml));
    }

    [Fact]
    public void Eligibility_naming_an_unknown_tier_is_refused_with_a_suggestion()
    {
        var (problem, line) = Broken("tiers: [silver]", "tiers: [silvr]", "tiers: [silvr]");

        Assert.Equal($"line {line}, incentives[0].eligibility.tiers[0]: no tier 'silvr' in the ladder — did you mean 'silver'?", problem);
    }

    [Fact]
    public void An_unknown_region_is_refused_at_its_item_with_a_suggestion()
    {
        var (problem, line) = Broken("[europe, north_america]", "[europe, north_amerca]", "north_amerca");

        Assert.Equal($"line {line}, incentives[0].eligibility.regions[1]: unknown region 'north_amerca' — did you mean 'north_america'?", problem);
    }

    [Fact]
    public void A_spiff_without_an_amount_is_refused_where_the_rule_starts()
    {
        var (problem, line) = Broken("    amount: 500\n", "", "id: logo-spiff");

        Assert.Equal($"line {line}, incentives[1].amount: missing: a SPIFF needs 'amount', paid per event", problem);
    }

    [Theory]
    [InlineData("rate_percent: 4", "rate_percent: 104", "rate_percent: 104", "incentives[0].brackets[1].rate_percent: must be a percentage from 0 to 100")]
    [InlineData("cap_per_partner: 25000", "cap_per_partner: 0", "cap_per_partner: 0", "incentives[0].cap_per_partner: must be above 0 (leave it out for no cap)")]
    [InlineData("cap_per_partner: 25000", "cap_per_partnr: 25000", "cap_per_partnr", "incentives[0].cap_per_partnr: unknown key 'cap_per_partnr' — did you mean 'cap_per_partner'?")]
    [InlineData("cap_per_partner: 25000", "rate_percent: 3", "rate_percent: 3", "incentives[0].rate_percent: a rebate takes its rates from its brackets: write a flat rate as one bracket from 0")]
    [InlineData("max_count: 3", "max_count: 0", "max_count: 0", "incentives[1].max_count: must be at least 1 (leave it out for no maximum)")]
    [InlineData("amount: 500", "amount: 500.001", "amount: 500.001", "incentives[1].amount: the SPIFF amount 500.001 is not a whole number of minor units")]
    [InlineData("event: new_logo", "event: new_logos", "event: new_logos", "incentives[1].event: unknown event 'new_logos' — did you mean 'new_logo'?")]
    [InlineData("  per: quarter", "  per: quartr", "per: quartr", "cash_budget.per: unknown period 'quartr' — did you mean 'quarter'?")]
    [InlineData("  amount: 100000", "  amount: -1", "amount: -1", "cash_budget.amount: must be above 0 (leave cash_budget out for no limit)")]
    public void A_broken_rule_field_names_its_line_and_field(string from, string to, string at, string expected)
    {
        var yaml = WithRules.Replace(from, to);
        Assert.NotEqual(WithRules, yaml);

        Assert.Equal($"line {LineOf(yaml, at)}, {expected}", OnlyProblem(yaml));
    }

    [Fact]
    public void A_rule_key_not_indented_under_incentives_is_named_as_such()
    {
        Assert.Equal("line 12, clawback_days: 'clawback_days' belongs inside a rule under 'incentives:' — is it indented?",
                     OnlyProblem(Minimal + "\nclawback_days: 30\n"));
    }
}
