using System.Globalization;
using Accrue.Engine.Incentives;
using Accrue.Engine.Metrics;
using Accrue.Engine.Money;
using Accrue.Engine.Program;
using Accrue.Engine.Time;
using Accrue.Web.Hosting;

namespace Accrue.Web.Cli;

/// <summary>The files `accrue calc` is given.</summary>
sealed record CalcOptions(EvaluateOptions Files, string? AsOf, string? Targets)
{
    public static CalcOptions? Parse(string[] args, out string? error)
    {
        if (CommandOptions.Parse(args,
                ["--program", "--period", "--as-of", "--partners", "--deals", "--certifications", "--activities", "--rates", "--targets", "--out"],
                ["--program", "--period", "--partners", "--deals", "--out"], out error) is not { } values) return null;
        var files = new EvaluateOptions(values["--program"], values["--period"], values["--partners"], values["--deals"],
            values.GetValueOrDefault("--certifications"), values.GetValueOrDefault("--activities"), values.GetValueOrDefault("--rates"), values["--out"]);
        return new CalcOptions(files, values.GetValueOrDefault("--as-of"), values.GetValueOrDefault("--targets"));
    }
}

/// <summary>
/// `accrue calc`: a period's incentive accrual lines from files, without a database, through the same
/// engine as the application. Reads what `accrue evaluate` reads (with the incentive columns) and the
/// partners' targets; writes lines.csv. Bad input is reported with file, line and column, and then
/// nothing is written.
/// </summary>
static class CalcCommand
{
    public const string Usage =
        "accrue calc --program FILE --period 2026-Q3 [--as-of 2026-10-01] --partners FILE --deals FILE [--certifications FILE] " +
        "[--activities FILE] [--rates FILE] [--targets FILE] --out DIR";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors)
    {
        if (CalcOptions.Parse(args, out var usageError) is not { } options)
        {
            await errors.WriteLineAsync($"{usageError}\nUsage: {Usage}\nThe files are described in docs/calc.md.");
            return 2;
        }
        var files = options.Files;
        var problems = new List<string>();
        var program = EvaluateCommand.ReadProgram(files.Program, problems);
        Period? period = null;
        DateOnly asOf = default;
        if (program is not null && ReadPeriod(program, files.Period, problems) is { } read)
            (period, asOf) = (read, ReadAsOf(options.AsOf, read, problems));
        var targets = new Dictionary<Guid, decimal>();
        var inputs = program is null ? null : EvaluationFiles.Read(files, program, problems, (partners, ids) =>
        {
            if (options.Targets is { } targetFile) CalcFiles.ReadTargets(targetFile, program.Currency, partners, ids, targets, problems);
        });
        if (problems.Count > 0 || program is null || period is null || inputs is null) return await EvaluateCommand.Refuse(errors, problems, "calculated");

        IncentiveFacts facts;
        try
        {
            facts = IncentiveFacts.Build(
                inputs.Partners.Select(p => new IncentivePartner(inputs.Ids.Partner(p.Id), p.Type, p.Region, p.Segment)).ToList(),
                inputs.IncentiveDeals, inputs.CertificationsEarned, inputs.Rates);
        }
        catch (MissingExchangeRateException missing)
        {
            return await EvaluateCommand.Refuse(errors, [EvaluateCommand.MissingRate(files.Deals, inputs.Ids, missing, program.Currency)], "calculated");
        }
        var tiers = inputs.Partners.ToDictionary(p => inputs.Ids.Partner(p.Id), p => p.TierId);
        var result = IncentiveCalculation.Calculate(program, period, asOf, facts, tiers, targets);

        Directory.CreateDirectory(files.Out);
        var path = Path.Combine(files.Out, "lines.csv");
        await CalcFiles.WriteLinesAsync(path, program.Currency, inputs, result);
        var rules = program.Incentives.Count(r => r.Period == period.Unit);
        var currency = Currency.Of(program.Currency);
        await output.WriteLineAsync(
            $"Calculated {rules} rule(s) of {FileWords.Of(period.Unit)} cadence for {period.Name} as of {asOf:yyyy-MM-dd}: " +
            $"{result.Lines.Count} line(s), {result.BudgetLines.Count} cash budget line(s); cash {CalcFiles.Major(result.CashTotalMinor, currency)} " +
            $"{program.Currency}, into funds {CalcFiles.Major(result.Lines.Where(l => !l.IsCash).Sum(l => l.AmountMinor), currency)} {program.Currency}.\n" +
            $"Wrote {path}.");
        return 0;
    }

    /// <summary>Any period of the program's calendar: the rules whose cadence is its unit are calculated.</summary>
    static Period? ReadPeriod(ProgramDefinition program, string name, List<string> problems)
    {
        if (program.Calendar.TryParse(name, out var period)) return period;
        problems.Add($"--period: '{name}' is not a period; write a month (2026-07), a fiscal quarter (2026-Q3) or a fiscal year (2026).");
        return null;
    }

    /// <summary>The run's date: the period's exclusive end unless given; a date inside the period gives the accruals so far.</summary>
    static DateOnly ReadAsOf(string? text, Period period, List<string> problems)
    {
        if (text is null) return period.End;
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            problems.Add($"--as-of: '{text}' is not a date such as {period.End:yyyy-MM-dd}.");
        else if (day <= period.Start)
            problems.Add($"--as-of: {day:yyyy-MM-dd} is not after the start of {period.Name} ({period.Start:yyyy-MM-dd}); nothing could have earned yet.");
        return day;
    }
}

/// <summary>targets.csv in, lines.csv out (docs/calc.md), on <see cref="CsvFiles"/>.</summary>
static class CalcFiles
{
    static readonly string[] TargetColumns = ["partner_id", "target"];
    public static readonly string[] LineColumns =
        ["partner_id", "name", "rule_id", "kind", "period", "currency", "amount", "uncapped", "cap_applied", "budget_scaled_from",
         "deals", "certifications", "basis", "explanation"];

    /// <summary>Each partner's target for the period, in the program currency's major units; a partner listed twice is refused.</summary>
    public static void ReadTargets(string file, string programCurrency, HashSet<string> known, FileIds ids,
                                   Dictionary<Guid, decimal> targets, List<string> problems)
    {
        var currency = Currency.Of(programCurrency);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        EvaluationFiles.Read(file, TargetColumns, TargetColumns, problems, false, row =>
        {
            var partner = EvaluationFiles.Partner(row, known);
            var target = row.Amount("target", required: true);
            if (target is { } t && t * currency.MinorPerMajor % 1 != 0)
                row.Problem("target", $"'{t.ToString(CultureInfo.InvariantCulture)}' has more decimals than {currency.Code}'s {currency.MinorDigits}.");
            if (partner is not null && !seen.TryAdd(partner, row.Line)) row.Problem("partner_id", $"'{partner}' already has a target, on line {seen[partner]}.");
            if (row.Ok) targets[ids.Partner(partner!)] = target!.Value;
        });
    }

    /// <summary>Partners in the order of partners.csv, each with its lines in the rules' order, then the cash budget lines likewise.</summary>
    public static async Task WriteLinesAsync(string path, string programCurrency, EvaluationInputs inputs, IncentiveResult result)
    {
        var currency = Currency.Of(programCurrency);
        var names = inputs.Partners.Select((p, row) => (p, row)).ToDictionary(x => inputs.Ids.Partner(x.p.Id), x => (x.p.Id, x.p.Name, Row: x.row));
        var lines = result.Lines.OrderBy(l => names[l.PartnerId].Row).Select(l => new[]
        {
            names[l.PartnerId].Id, names[l.PartnerId].Name, l.RuleId, FileWords.Of(l.Kind), l.Period, l.Currency,
            Major(l.AmountMinor, currency), Major(l.UncappedMinor, currency), l.CapApplied ? "true" : "false",
            l.BudgetScaledFrom is { } from ? Major(from, currency) : null,
            string.Join(' ', l.Basis.Deals.Select(inputs.Ids.NameOf)),
            string.Join(' ', l.Basis.Certifications.Select(c => $"{inputs.Ids.NameOf(c.CertificationId)}@{c.EarnedOn:yyyy-MM-dd}")),
            string.Join("; ", l.Basis.Values.Select(v => $"{v.Name} = {Number(v.Value)}")),
            l.Explanation,
        });
        var budgetLines = result.BudgetLines.OrderBy(b => names[b.PartnerId].Row).Select(b => new[]
        {
            names[b.PartnerId].Id, names[b.PartnerId].Name, "cash_budget", "cash_budget", b.Period, b.Currency,
            Major(b.AmountMinor, currency), null, "false", Major(b.CashTotalMinor, currency), null, null,
            $"cash total = {Major(b.CashTotalMinor, currency)}", b.Explanation,
        });
        await using var output = File.Create(path);
        await CsvFiles.WriteAsync(output, LineColumns, lines.Concat(budgetLines), CancellationToken.None);
    }

    /// <summary>Minor units as major units with the currency's decimals: 1234567 EUR cents is "12345.67", 1500 JPY is "1500".</summary>
    public static string Major(long minor, Currency currency) =>
        (minor / (decimal)currency.MinorPerMajor).ToString("F" + currency.MinorDigits, CultureInfo.InvariantCulture);

    static string Number(decimal value) => decimal.Round(value, 6, MidpointRounding.AwayFromZero).ToString("0.######", CultureInfo.InvariantCulture);
}
