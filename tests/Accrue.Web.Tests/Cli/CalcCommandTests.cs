using Accrue.Web.Cli;
using Accrue.Web.Tests.Infrastructure;

namespace Accrue.Web.Tests.Cli;

/// <summary>`accrue calc` on files: the documented example gives the documented output, and bad input writes nothing.</summary>
public sealed class CalcCommandTests : IDisposable
{
    static readonly string Example = Repository.PathOf("docs/examples/calc");
    readonly DirectoryInfo work = Directory.CreateTempSubdirectory("accrue-calc-");

    public void Dispose() => work.Delete(recursive: true);

    string Out => Path.Combine(work.FullName, "out");

    string[] ExampleArgs(string? deals = null, string? targets = null, string? rates = null, params string[] more) =>
    [
        "--program", Path.Combine(Example, "program.yaml"), "--period", "2026-Q3",
        "--partners", Path.Combine(Example, "partners.csv"), "--deals", deals ?? Path.Combine(Example, "deals.csv"),
        "--activities", Path.Combine(Example, "activities.csv"), "--rates", rates ?? Path.Combine(Example, "rates.csv"),
        "--targets", targets ?? Path.Combine(Example, "targets.csv"), "--out", Out, .. more,
    ];

    static Task<(int Exit, string Output, string Errors)> Calc(params string[] args) => CommandRun.Of(CalcCommand.RunAsync, args);

    string ExampleWith(string file, string line, string replacement) => CommandRun.ExampleWith(Example, work, file, line, replacement);

    static string Line(string file, string start) => File.ReadLines(file).Single(l => l.StartsWith(start, StringComparison.Ordinal));

    [Fact]
    public async Task The_documented_example_gives_the_documented_output_byte_for_byte()
    {
        var (exit, output, errors) = await Calc(ExampleArgs());

        Assert.True(exit == 0, errors);
        Assert.Contains("Calculated 9 rule(s) of quarter cadence for 2026-Q3 as of 2026-10-01: 14 line(s), 5 cash budget line(s); " +
                        "cash 36000.00 USD, into funds 9310.00 USD.", output);
        Assert.Equal(File.ReadAllBytes(Path.Combine(Example, "expected", "lines.csv")), File.ReadAllBytes(Path.Combine(Out, "lines.csv")));
    }

    [Fact]
    public async Task The_example_pays_the_semantics_worked_figures()
    {
        Assert.Equal(0, (await Calc(ExampleArgs())).Exit);
        var lines = Path.Combine(Out, "lines.csv");

        // $395,000 marginal: 2,000 + 6,000 + 8,700 = 16,700, × 1.25 Gold = 20,875, capped at 15,000.
        Assert.StartsWith("P-001,Adatum Systems,q-rebate,rebate,2026-Q3,USD,15000.00,20875.00,true,,", Line(lines, "P-001,Adatum Systems,q-rebate"));
        // D-204 was refunded 50 days after it closed: inside the rebate's 90-day clawback window, so the rebate drops it;
        // the fund accrual has no clawback window and keeps it (80,000 + 40,000 + 10,000 EUR at 1.10, 1.05, 1.10 = 141,000 USD).
        Assert.Contains(",D-201 D-202,,eligible revenue = 130000;", Line(lines, "P-002,Fabrikam Integration,q-rebate"));
        Assert.Contains(",1410.00,1410.00,false,,D-201 D-204 D-202,", Line(lines, "P-002,Fabrikam Integration,mdf"));
        // The cash budget of 36,000 against 40,207 earned: the reductions add up to exactly 4,207.00.
        var reductions = File.ReadLines(lines).Where(l => l.Contains(",cash_budget,cash_budget,", StringComparison.Ordinal))
                             .Sum(l => decimal.Parse(l.Split(',')[6], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(-4207.00m, reductions);
    }

    [Fact]
    public async Task A_run_as_of_a_date_before_a_refund_keeps_the_refunded_deal()
    {
        var (exit, _, errors) = await Calc(ExampleArgs(more: ["--as-of", "2026-09-20"]));

        Assert.True(exit == 0, errors);
        Assert.Contains(",D-201 D-204 D-202,,eligible revenue = 141000;", Line(Path.Combine(Out, "lines.csv"), "P-002,Fabrikam Integration,q-rebate"));
    }

    [Fact]
    public async Task Bad_rows_are_each_named_by_file_line_and_column_and_nothing_is_written()
    {
        var deals = ExampleWith("deals.csv", "D-102,P-001,60000.00,USD", "D-102,P-009,60000.001,USD");
        var targets = ExampleWith("targets.csv", "P-002,150000", "P-001,-5");

        var (exit, _, errors) = await Calc(ExampleArgs(deals, targets));

        Assert.Equal(1, exit);
        Assert.Contains("deals.csv, line 4, partner_id: No partner 'P-009' in partners.csv.", errors);
        Assert.Contains("deals.csv, line 4, amount: '60000.001' has more decimals than USD's 2.", errors);
        Assert.Contains("targets.csv, line 3, target: '-5' is not an amount such as 12500.50", errors);
        Assert.Contains("targets.csv, line 3, partner_id: 'P-001' already has a target, on line 2.", errors);
        Assert.Contains("Nothing was calculated or written: 4 problem(s) to fix.", errors);
        Assert.False(Directory.Exists(Out));
    }

    [Fact]
    public async Task A_missing_exchange_rate_names_the_currency_the_day_and_the_deal()
    {
        var rates = ExampleWith("rates.csv", "EUR,2026-07-01,1.10\n", "");

        var (exit, _, errors) = await Calc(ExampleArgs(rates: rates));

        Assert.Equal(1, exit);
        Assert.Contains("deals.csv: deal D-201 is won in EUR, and rates.csv has no EUR rate on or before 2026-07-10 to convert it into USD.", errors);
        Assert.False(Directory.Exists(Out));
    }

    [Theory]
    [InlineData("--period", "2026-Q5", "--period: '2026-Q5' is not a period")]
    [InlineData("--as-of", "2026-07-01", "--as-of: 2026-07-01 is not after the start of 2026-Q3")]
    public async Task A_bad_period_or_date_is_refused(string option, string value, string message)
    {
        var args = ExampleArgs().ToList();
        var at = args.IndexOf(option);
        if (at >= 0) args[at + 1] = value; else args.AddRange([option, value]);

        var (exit, _, errors) = await Calc([.. args]);

        Assert.Equal(1, exit);
        Assert.Contains(message, errors);
    }

    [Fact]
    public async Task Wrong_options_print_the_usage_and_exit_2()
    {
        var (exit, _, errors) = await Calc("--program", "p.yaml", "--bogus", "x");

        Assert.Equal(2, exit);
        Assert.Contains("Unknown option '--bogus'.", errors);
        Assert.Contains("Usage: accrue calc", errors);
    }
}
