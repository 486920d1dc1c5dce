using Accrue.Web.Cli;
using Accrue.Web.Tests.Infrastructure;

namespace Accrue.Web.Tests.Cli;

/// <summary>`accrue evaluate` on files: the documented example gives the documented output, runs chain, and bad input writes nothing.</summary>
public sealed class EvaluateCommandTests : IDisposable
{
    static readonly string Example = Repository.PathOf("docs/examples/evaluate");
    readonly DirectoryInfo work = Directory.CreateTempSubdirectory("accrue-evaluate-");

    public void Dispose() => work.Delete(recursive: true);

    string Out => Path.Combine(work.FullName, "out");

    static string[] ExampleArgs(string period, string partners, string deals, string outDir) =>
    [
        "--program", Path.Combine(Example, "program.yaml"), "--period", period, "--partners", partners, "--deals", deals,
        "--certifications", Path.Combine(Example, "certifications.csv"), "--activities", Path.Combine(Example, "activities.csv"),
        "--rates", Path.Combine(Example, "rates.csv"), "--out", outDir,
    ];

    static Task<(int Exit, string Output, string Errors)> Evaluate(params string[] args) => CommandRun.Of(EvaluateCommand.RunAsync, args);

    string ExampleWith(string file, string line, string replacement) => CommandRun.ExampleWith(Example, work, file, line, replacement);

    [Fact]
    public async Task The_documented_example_gives_the_documented_output_byte_for_byte()
    {
        var (exit, output, errors) = await Evaluate(ExampleArgs("2026-Q3", Path.Combine(Example, "partners.csv"), Path.Combine(Example, "deals.csv"), Out));

        Assert.True(exit == 0, errors);
        Assert.Contains("Evaluated 7 partners for 2026-Q3 as of 2026-10-01: 2 promote, 1 keep, 1 grace, 1 demote, 1 ramp, 1 locked.", output);
        Assert.Equal(File.ReadAllBytes(Path.Combine(Example, "expected", "decisions.csv")), File.ReadAllBytes(Path.Combine(Out, "decisions.csv")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(Example, "expected", "partners.csv")), File.ReadAllBytes(Path.Combine(Out, "partners.csv")));
    }

    [Fact]
    public async Task The_next_state_reads_back_as_the_next_periods_partners_and_grace_runs_out()
    {
        var q3 = Path.Combine(work.FullName, "q3");
        Assert.Equal(0, (await Evaluate(ExampleArgs("2026-Q3", Path.Combine(Example, "partners.csv"), Path.Combine(Example, "deals.csv"), q3))).Exit);

        var (exit, _, errors) = await Evaluate(ExampleArgs("2026-Q4", Path.Combine(q3, "partners.csv"), Path.Combine(Example, "deals.csv"), Out));

        Assert.True(exit == 0, errors);
        var northwind = File.ReadLines(Path.Combine(Out, "decisions.csv")).Single(l => l.StartsWith("P-006,", StringComparison.Ordinal));
        // In grace 1 of 1 after Q3 and still qualifying only for Registered in Q4: past its grace, it moves down.
        Assert.StartsWith("P-006,Northwind Traders,silver,registered,registered,demote,needed,0 of 1,", northwind);
    }

    [Fact]
    public async Task Bad_rows_are_each_named_by_file_line_and_column_and_nothing_is_written()
    {
        var deals = ExampleWith("deals.csv", "D-102,P-001,250000.00,USD", "D-101,P-009,250000.001,USD");

        var (exit, _, errors) = await Evaluate(ExampleArgs("2026-Q3", Path.Combine(Example, "partners.csv"), deals, Out));

        Assert.Equal(1, exit);
        Assert.Contains("deals.csv, line 3, partner_id: No partner 'P-009' in partners.csv.", errors);
        Assert.Contains("deals.csv, line 3, amount: '250000.001' has more decimals than USD's 2.", errors);
        Assert.Contains("deals.csv, line 3, deal_id: 'D-101' appears on lines 2, 3; each may appear once.", errors);
        Assert.Contains("Nothing was evaluated or written: 3 problem(s) to fix.", errors);
        Assert.False(Directory.Exists(Out));
    }

    [Fact]
    public async Task A_partner_listed_twice_or_on_an_unknown_tier_is_refused()
    {
        var partners = ExampleWith("partners.csv", "P-007,Tailspin Europe GmbH,2025-01-20,registered,0,",
                                   "P-007,Tailspin Europe GmbH,2025-01-20,registered,0,\nP-001,Adatum again,2024-01-15,diamond,0,");

        var (exit, _, errors) = await Evaluate(ExampleArgs("2026-Q3", partners, Path.Combine(Example, "deals.csv"), Out));

        Assert.Equal(1, exit);
        Assert.Contains("partners.csv, line 9, partner_id: 'P-001' appears on lines 2, 9; each may appear once.", errors);
        Assert.Contains("partners.csv, line 9, tier: 'diamond' is not a tier of the program (its tiers: registered, silver, gold, platinum).", errors);
        Assert.False(Directory.Exists(Out));
    }

    [Fact]
    public async Task A_name_a_spreadsheet_would_run_as_a_formula_is_escaped_and_reads_back_unchanged()
    {
        var partners = ExampleWith("partners.csv", "P-002,Blue Yonder Consulting,", "P-002,\"=HYPERLINK(\"\"x\"\")\",");
        var q3 = Path.Combine(work.FullName, "q3");
        Assert.Equal(0, (await Evaluate(ExampleArgs("2026-Q3", partners, Path.Combine(Example, "deals.csv"), q3))).Exit);
        Assert.Contains("P-002,\"'=HYPERLINK(\"\"x\"\")\",", File.ReadAllText(Path.Combine(q3, "partners.csv")));

        var (exit, _, errors) = await Evaluate(ExampleArgs("2026-Q4", Path.Combine(q3, "partners.csv"), Path.Combine(Example, "deals.csv"), Out));

        Assert.True(exit == 0, errors);
        Assert.Contains("P-002,\"'=HYPERLINK(\"\"x\"\")\",", File.ReadAllText(Path.Combine(Out, "partners.csv")));   // escaped once, not twice
    }

    [Fact]
    public async Task A_misspelt_word_is_answered_with_the_nearest_one()
    {
        var deals = ExampleWith("deals.csv", "D-203,P-002,55000.00,USD,2026-04-02,true,2026-05-01,lost", "D-203,P-002,55000.00,USD,2026-04-02,true,2026-05-01,lsot");

        var (exit, _, errors) = await Evaluate(ExampleArgs("2026-Q3", Path.Combine(Example, "partners.csv"), deals, Out));

        Assert.Equal(1, exit);
        Assert.Contains("deals.csv, line 7, outcome: 'lsot' is not one of open, won, lost — did you mean 'lost'?", errors);
    }

    [Fact]
    public async Task A_broken_program_file_is_reported_with_its_line()
    {
        var program = ExampleWith("program.yaml", "metric: business_reviews", "metric: business_review");
        var args = ExampleArgs("2026-Q3", Path.Combine(Example, "partners.csv"), Path.Combine(Example, "deals.csv"), Out);
        args[1] = program;

        var (exit, _, errors) = await Evaluate(args);

        Assert.Equal(1, exit);
        Assert.Contains("program.yaml, line 61, tiers[3].criteria[2].metric: unknown metric 'business_review' — did you mean 'business_reviews'?", errors);
        Assert.False(Directory.Exists(Out));
    }

    [Fact]
    public async Task A_won_deal_before_any_rate_of_its_currency_is_refused_by_name()
    {
        var rates = ExampleWith("rates.csv", "EUR,2026-07-01,1.08\nEUR,2026-08-01,1.10\n", "EUR,2026-08-01,1.10\n");
        var args = ExampleArgs("2026-Q3", Path.Combine(Example, "partners.csv"), Path.Combine(Example, "deals.csv"), Out);
        args[^3] = rates;

        var (exit, _, errors) = await Evaluate(args);

        Assert.Equal(1, exit);
        Assert.Contains("deals.csv: deal D-702 is won in EUR, and rates.csv has no EUR rate on or before 2026-07-01 to convert it into USD.", errors);
        Assert.False(Directory.Exists(Out));
    }

    [Theory]
    [InlineData("2026-07", "--period: the program evaluates every quarter; '2026-07' is a month, not a quarter.")]
    [InlineData("2026-Q5", "--period: '2026-Q5' is not a period; write a month (2026-07), a fiscal quarter (2026-Q3) or a fiscal year (2026).")]
    public async Task A_period_must_be_one_the_program_evaluates(string period, string expected)
    {
        var (exit, _, errors) = await Evaluate(ExampleArgs(period, Path.Combine(Example, "partners.csv"), Path.Combine(Example, "deals.csv"), Out));

        Assert.Equal(1, exit);
        Assert.Contains(expected, errors);
    }

    [Theory]
    [InlineData(new[] { "--program", "p.yaml" }, "Missing --period, --partners, --deals, --out.")]
    [InlineData(new[] { "--programme", "p.yaml" }, "Unknown option '--programme'.")]
    [InlineData(new[] { "--program" }, "--program needs a value.")]
    public async Task Wrong_options_answer_with_the_usage_and_exit_code_2(string[] args, string expected)
    {
        var (exit, _, errors) = await Evaluate(args);

        Assert.Equal(2, exit);
        Assert.StartsWith(expected, errors);
        Assert.Contains(EvaluateCommand.Usage, errors);
    }
}
