using Accrue.Engine.Program;
using Accrue.Engine.Time;
using Accrue.Engine.Training;

namespace Accrue.Engine.Tests.Program;

/// <summary>Reading a program file: what a sound file becomes, and how each kind of mistake is answered with its line and field.</summary>
public partial class ProgramFileTests
{
    const string Minimal = """
        name: Northwind Partner Program
        currency: USD
        tiers:
          - id: registered
            name: Registered
          - id: silver
            name: Silver
            criteria:
              - metric: won_revenue
                at_least: 250000
                window: trailing 4 quarters
        """;

    static ProgramDefinition ReadSound(string yaml)
    {
        var check = ProgramFile.Read(yaml);
        Assert.True(check.IsValid, string.Join("\n", check.Problems));
        return check.Definition!;
    }

    /// <summary>The only problem, as the user reads it.</summary>
    static string OnlyProblem(string yaml)
    {
        var check = ProgramFile.Read(yaml);
        Assert.Null(check.Definition);
        return Assert.Single(check.Problems).ToString();
    }

    [Fact]
    public void A_minimal_file_takes_the_documented_defaults()
    {
        var program = ReadSound(Minimal);

        Assert.Equal("Northwind Partner Program", program.Name);
        Assert.Equal(("USD", "UTC", 1, 30), (program.Currency, program.TimeZone, program.FiscalYearStartMonth, program.ChangeNoticeDays));
        Assert.Equal(new EvaluationPolicy(), program.Evaluation);
        Assert.Equal(["registered", "silver"], program.Tiers.Select(t => t.Id));
        var criterion = Assert.Single(program.Tiers[1].Criteria);
        Assert.Equal(new TierCriterion(Metric.WonRevenue, 250_000m, new TrailingWindow(4, PeriodUnit.Quarter)), criterion);
        Assert.Null(program.Tiers[1].AtLeast);
        Assert.Equal(new TierBenefits(), program.Tiers[1].Benefits);
    }

    [Fact]
    public void The_documented_example_reads_without_problems()
    {
        var program = ReadSound(Repository.Read("docs/examples/program.yaml"));

        Assert.Equal(["registered", "silver", "gold", "platinum"], program.Tiers.Select(t => t.Id));
        Assert.Equal(2, program.Tiers[2].AtLeast);
        Assert.Equal(CertificationTrack.Technical, program.Tiers[2].Criteria[2].Track);
        Assert.Equal(new TierCriterion(Metric.AvgDaysToClose, 90, new TrailingWindow(4, PeriodUnit.Quarter)), program.Tiers[3].Criteria[1]);
        Assert.Equal(1.25m, program.Tiers[2].Benefits.RebateMultiplier);
        Assert.Equal(("Europe/Berlin", 2), (program.TimeZone, program.FiscalYearStartMonth));
        Assert.False(program.Evaluation.PromotionsNeedApproval);
    }

    [Fact]
    public void An_unknown_metric_names_its_line_and_field_and_suggests_the_nearest()
    {
        var problem = OnlyProblem(Minimal.Replace("metric: won_revenue", "metric: won_revenu"));

        Assert.Equal("line 9, tiers[1].criteria[0].metric: unknown metric 'won_revenu' — did you mean 'won_revenue'?", problem);
    }

    [Theory]
    [InlineData("at_least: abc", "line 10, tiers[1].criteria[0].at_least: expected a number, found 'abc'")]
    [InlineData("at_least: 250,000", "line 10, tiers[1].criteria[0].at_least: expected a number, found '250,000': write it without thousands separators (250000)")]
    [InlineData("at_least: -5", "line 10, tiers[1].criteria[0].at_least: a threshold must not be negative")]
    [InlineData("at_most: 250000", "line 10, tiers[1].criteria[0].at_most: won_revenue passes at or above its threshold: write at_least, not at_most")]
    public void A_bad_threshold_names_its_line_and_field(string threshold, string expected) =>
        Assert.Equal(expected, OnlyProblem(Minimal.Replace("at_least: 250000", threshold)));

    [Fact]
    public void A_missing_name_is_reported_at_the_top_of_the_file()
    {
        Assert.Equal("line 1, name: missing: 'name' needs a value", OnlyProblem(Minimal.Replace("name: Northwind Partner Program\n", "")));
    }

    [Fact]
    public void An_empty_name_is_reported_on_its_own_line()
    {
        Assert.Equal("line 1, name: missing: 'name' needs a value", OnlyProblem(Minimal.Replace("name: Northwind Partner Program", "name:")));
    }

    [Fact]
    public void A_duplicate_tier_id_points_at_the_second_one()
    {
        var problem = OnlyProblem(Minimal.Replace("id: silver", "id: registered"));

        Assert.Equal("line 6, tiers[1].id: 'registered' is already the id of tiers[0]; ids must be unique", problem);
    }

    [Fact]
    public void A_yaml_syntax_error_gives_its_line()
    {
        var check = ProgramFile.Read(Minimal.Replace("name: Silver", "name: \"Silver"));

        var problem = Assert.Single(check.Problems);
        Assert.StartsWith("not valid YAML", problem.Message);
        Assert.InRange(problem.Line!.Value, 7, 12);   // the parser notices the unclosed quote where the scalar or the file ends
    }

    [Fact]
    public void A_key_indented_too_far_is_a_syntax_error_on_its_line()
    {
        var check = ProgramFile.Read(Minimal.Replace("    name: Silver", "      name: Silver"));

        var problem = Assert.Single(check.Problems);
        Assert.Equal(7, problem.Line);
        Assert.StartsWith("not valid YAML", problem.Message);
    }

    [Fact]
    public void A_key_not_indented_under_its_section_is_named_as_such()
    {
        var yaml = Minimal + "\nevaluation:\ncadence: month\n";

        Assert.Equal("line 13, cadence: 'cadence' belongs under 'evaluation:' — is it indented?", OnlyProblem(yaml));
    }

    [Fact]
    public void Every_problem_is_reported_in_file_order_not_only_the_first()
    {
        var yaml = """
            name: Northwind
            curency: USD
            fiscal_year_start_month: 13
            evaluation:
              cadence: quartr
              grace_evaluations: one
            tiers:
              - id: Registered
                name: Registered
              - id: gold
                name: Gold
                require: at least 3 of
                criteria:
                  - metric: certified_people
                    track: technicl
                    at_least: 2
                    window: trailing 2 fortnights
                  - metric: won_deals
                    track: sales
                    at_least: 2.5
                    window: trailing 0 months
                benefits:
                  discount_percent: 120
                  rebate_multiplyer: 1.2
            """;

        var problems = ProgramFile.Read(yaml).Problems.Select(p => p.ToString()).ToList();

        Assert.Equal(
        [
            "line 1, currency: missing: 'currency' needs a value",
            "line 2, curency: unknown key 'curency' — did you mean 'currency'?",
            "line 3, fiscal_year_start_month: must be a month from 1 (January) to 12, found 13",
            "line 5, evaluation.cadence: unknown cadence 'quartr' — did you mean 'quarter'?",
            "line 6, evaluation.grace_evaluations: expected a whole number, found 'one'",
            "line 8, tiers[0].id: 'Registered' is not an id: lowercase letters, digits, '-' and '_', starting with a letter",
            "line 12, tiers[1].require: 'at least 3 of' needs n from 1 to the number of criteria (2)",
            "line 15, tiers[1].criteria[0].track: unknown track 'technicl' — did you mean 'technical'?",
            "line 17, tiers[1].criteria[0].window: unknown unit 'fortnights' (expected one of: month, months, quarter, quarters, year, years)",
            "line 19, tiers[1].criteria[1].track: only certified_people has a track, not won_deals",
            "line 20, tiers[1].criteria[1].at_least: won_deals counts things: the threshold must be a whole number",
            "line 21, tiers[1].criteria[1].window: a window covers at least 1 month, quarter or year",
            "line 23, tiers[1].benefits.discount_percent: must be a percentage from 0 to 100",
            "line 24, tiers[1].benefits.rebate_multiplyer: unknown key 'rebate_multiplyer' — did you mean 'rebate_multiplier'?",
        ], problems);
    }

    [Theory]
    [InlineData("soft_reset: yes", "line 13, evaluation.soft_reset: expected true or false, found 'yes'")]
    [InlineData("ramp_months: 1.5", "line 13, evaluation.ramp_months: expected a whole number, found '1.5'")]
    [InlineData("ramp_months: [1, 2]", "line 13, evaluation.ramp_months: expected a single value, found a list")]
    public void A_value_of_the_wrong_type_says_what_was_expected(string line, string expected) =>
        Assert.Equal(expected, OnlyProblem(Minimal + "\nevaluation:\n  " + line + "\n"));

    [Theory]
    [InlineData("", "line 1, the file is empty: a program needs at least name, currency and tiers")]
    [InlineData("- a\n- b\n", "line 1, expected the program's fields (name:, currency:, tiers: …) at the top level")]
    public void A_file_that_is_not_a_program_says_so(string yaml, string expected) => Assert.Equal(expected, OnlyProblem(yaml));

    [Fact]
    public void A_tier_without_criteria_above_the_entry_tier_is_refused()
    {
        var yaml = Minimal + "\n  - id: gold\n    name: Gold\n";

        Assert.Equal("line 12, tiers[2].criteria: every tier above the entry tier needs at least one criterion", OnlyProblem(yaml));
    }

    [Fact]
    public void A_duplicate_key_is_a_syntax_error_on_its_line()
    {
        var check = ProgramFile.Read(Minimal.Replace("currency: USD", "currency: USD\ncurrency: EUR"));

        var problem = Assert.Single(check.Problems);
        Assert.Equal(3, problem.Line);
    }

    [Fact]
    public void An_unknown_currency_and_time_zone_are_refused_with_a_hint()
    {
        var problems = ProgramFile.Read(Minimal.Replace("currency: USD", "currency: usd\ntime_zone: Europe/Berlinn"))
            .Problems.Select(p => p.ToString()).ToList();

        Assert.Equal(
        [
            "line 2, currency: 'usd' is not an ISO 4217 currency code Accrue knows — did you mean 'USD'?",
            "line 3, time_zone: 'Europe/Berlinn' is not a known time zone; use an IANA name such as Europe/Berlin or UTC",
        ], problems);
    }

    [Fact]
    public void A_tab_used_for_indenting_is_reported_on_its_line()
    {
        var check = ProgramFile.Read(Minimal.Replace("    name: Silver", "\tname: Silver"));

        var problem = Assert.Single(check.Problems);
        Assert.Equal(7, problem.Line);
        Assert.Contains("tab", problem.Message);
    }

    [Fact]
    public void A_file_saved_on_windows_with_a_byte_order_mark_reads_the_same()
    {
        var windows = "\uFEFF" + Minimal.Replace("\n", "\r\n");

        Assert.Equal(ProgramFile.Write(ReadSound(Minimal)), ProgramFile.Write(ReadSound(windows)));
    }

    [Fact]
    public void A_second_document_is_refused_where_it_starts()
    {
        Assert.Equal("line 13, a program file holds one document; remove the second '---' and what follows it",
                     OnlyProblem(Minimal + "\n---\nname: Other\n"));
    }

    [Fact]
    public void A_second_document_does_not_hide_the_problems_of_the_first()
    {
        var problems = ProgramFile.Read(Minimal.Replace("currency: USD", "currency: USD\nfiscal_year_start_month: 13") + "\n---\nname: Other\n").Problems.Select(p => p.ToString());

        Assert.Equal(
        [
            "line 3, fiscal_year_start_month: must be a month from 1 (January) to 12, found 13",
            "line 14, a program file holds one document; remove the second '---' and what follows it",
        ], problems);
    }
}
