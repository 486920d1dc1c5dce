using Accrue.Engine.Metrics;
using Accrue.Engine.Program;
using Accrue.Engine.Tiers;
using Accrue.Engine.Time;

namespace Accrue.Web.Cli;

/// <summary>The files `accrue evaluate` is given.</summary>
sealed record EvaluateOptions(
    string Program, string Period, string Partners, string Deals, string? Certifications, string? Activities, string? Rates, string Out)
{
    public static EvaluateOptions? Parse(string[] args, out string? error)
    {
        if (CommandOptions.Parse(args, ["--program", "--period", "--partners", "--deals", "--certifications", "--activities", "--rates", "--out"],
                                 ["--program", "--period", "--partners", "--deals", "--out"], out error) is not { } values) return null;
        return new EvaluateOptions(values["--program"], values["--period"], values["--partners"], values["--deals"],
            values.GetValueOrDefault("--certifications"), values.GetValueOrDefault("--activities"), values.GetValueOrDefault("--rates"), values["--out"]);
    }
}

/// <summary>The options of a file command: "--name value" pairs.</summary>
static class CommandOptions
{
    /// <summary>Every option once, each with a value; the required ones present. Null and a message otherwise.</summary>
    public static Dictionary<string, string>? Parse(string[] args, string[] known, string[] required, out string? error)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var option = args[i];
            if (!known.Contains(option)) { error = $"Unknown option '{option}'."; return null; }
            if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal)) { error = $"{option} needs a value."; return null; }
            if (!values.TryAdd(option, args[++i])) { error = $"{option} is given twice."; return null; }
        }
        var missing = required.Where(o => !values.ContainsKey(o)).ToList();
        if (missing.Count > 0) { error = $"Missing {string.Join(", ", missing)}."; return null; }
        error = null;
        return values;
    }
}

/// <summary>
/// `accrue evaluate`: a tier evaluation from files, without a database. Reads the program file and the
/// CSV files, evaluates every partner as of the period's end, and writes decisions.csv and the partners'
/// next state. Bad input is reported with file, line and column, and then nothing is written.
/// </summary>
static class EvaluateCommand
{
    public const string Usage =
        "accrue evaluate --program FILE --period 2026-Q3 --partners FILE --deals FILE [--certifications FILE] [--activities FILE] [--rates FILE] --out DIR";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors)
    {
        if (EvaluateOptions.Parse(args, out var usageError) is not { } options)
        {
            await errors.WriteLineAsync($"{usageError}\nUsage: {Usage}\nThe files are described in docs/evaluate.md.");
            return 2;
        }

        var problems = new List<string>();
        var program = ReadProgram(options.Program, problems);
        Period? period = null;
        if (program is not null) period = ReadPeriod(program, options.Period, problems);
        var inputs = program is not null ? EvaluationFiles.Read(options, program, problems) : null;
        if (problems.Count > 0 || program is null || period is null || inputs is null) return await Refuse(errors, problems);

        ProgramFacts facts;
        try
        {
            facts = ProgramFacts.Build(inputs.Partners.Select(p => inputs.Ids.Partner(p.Id)).ToList(), inputs.Deals, inputs.Certifications,
                inputs.Activities, inputs.Rates);
        }
        catch (MissingExchangeRateException missing)
        {
            return await Refuse(errors, [MissingRate(options.Deals, inputs.Ids, missing, program.Currency)]);
        }

        var decisions = TierEvaluation.Evaluate(program, period, inputs.States, facts);
        Directory.CreateDirectory(options.Out);
        await EvaluationFiles.WriteDecisionsAsync(Path.Combine(options.Out, "decisions.csv"), program, inputs.Partners, decisions);
        await EvaluationFiles.WritePartnersAsync(Path.Combine(options.Out, "partners.csv"), inputs.Partners, decisions);

        var counts = decisions.GroupBy(d => d.Kind).OrderBy(g => g.Key).Select(g => $"{g.Count()} {FileWords.Of(g.Key)}");
        await output.WriteLineAsync(
            $"Evaluated {decisions.Count} partners for {period.Name} as of {period.End:yyyy-MM-dd}: {string.Join(", ", counts)}.\n" +
            $"Wrote {Path.Combine(options.Out, "decisions.csv")} and {Path.Combine(options.Out, "partners.csv")}.");
        return 0;
    }

    internal static string MissingRate(string dealsFile, FileIds ids, MissingExchangeRateException missing, string programCurrency) =>
        $"{Path.GetFileName(dealsFile)}: deal {ids.NameOf(missing.DealId)} is won in {missing.Currency}, and rates.csv has no " +
        $"{missing.Currency} rate on or before {missing.Day:yyyy-MM-dd} to convert it into {programCurrency}.";

    internal static ProgramDefinition? ReadProgram(string file, List<string> problems)
    {
        if (!File.Exists(file))
        {
            problems.Add($"{file}: no such file.");
            return null;
        }
        var check = ProgramFile.Read(File.ReadAllText(file));
        problems.AddRange(check.Problems.Select(p => $"{Path.GetFileName(file)}, {p}"));
        return check.Definition;
    }

    static Period? ReadPeriod(ProgramDefinition program, string name, List<string> problems)
    {
        if (!program.Calendar.TryParse(name, out var period))
        {
            problems.Add($"--period: '{name}' is not a period; write a month (2026-07), a fiscal quarter (2026-Q3) or a fiscal year (2026).");
            return null;
        }
        if (period.Unit != program.Evaluation.Cadence)
        {
            var cadence = FileWords.Of(program.Evaluation.Cadence);
            problems.Add($"--period: the program evaluates every {cadence}; '{name}' is a {FileWords.Of(period.Unit)}, not a {cadence}.");
            return null;
        }
        return period;
    }

    internal static async Task<int> Refuse(TextWriter errors, IReadOnlyList<string> problems, string what = "evaluated")
    {
        foreach (var problem in problems) await errors.WriteLineAsync(problem);
        await errors.WriteLineAsync($"Nothing was {what} or written: {problems.Count} problem(s) to fix.");
        return 1;
    }
}
