using System.Globalization;
using System.Text.RegularExpressions;
using Accrue.Engine.Metrics;
using Accrue.Engine.Time;
using Accrue.Engine.Training;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Accrue.Engine.Program;

/// <summary>Maps a program file's YAML onto the definition, noting every problem with its line and field instead of stopping at the first.</summary>
/// <remarks>
/// Reads YamlDotNet's node tree rather than deserializing into classes: a node knows where it
/// starts, so each problem can point at its line, and a bad value becomes one problem and a
/// placeholder (keeping the indices of later tiers and criteria) instead of an exception.
/// </remarks>
sealed partial class ProgramFileReader
{
    internal static readonly string[] RootKeys =
        ["name", "currency", "time_zone", "fiscal_year_start_month", "change_notice_days", "evaluation", "tiers", "incentives", "cash_budget"];
    internal static readonly string[] EvaluationKeys =
        ["cadence", "grace_evaluations", "soft_reset", "ramp_months", "promotions_need_approval", "demotions_need_approval"];
    internal static readonly string[] TierKeys = ["id", "name", "require", "criteria", "benefits"];
    internal static readonly string[] CriterionKeys = ["metric", "track", "at_least", "at_most", "window"];
    internal static readonly string[] BenefitKeys =
        ["discount_percent", "rebate_multiplier", "deal_protection_days", "fund_accrual_percent", "support_level"];

    readonly List<ProgramProblem> problems = [];
    /// <summary>Where each field's value starts, so that the validation's problems (which know only paths) get lines too.</summary>
    readonly Dictionary<string, Mark> places = new(StringComparer.Ordinal);

    public static ProgramCheck Read(string yaml)
    {
        // Text read without decoding its byte order mark (or pasted from such a file) keeps it; YAML would take it for part of the first key.
        if (yaml.StartsWith('\uFEFF')) yaml = yaml[1..];
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException error)
        {
            // The scanner places a tab in the indentation at the start of the enclosing mapping; the line with the tab helps more.
            var tab = error.Message.Contains("tab", StringComparison.Ordinal) ? FirstTabIndentedLine(yaml) : null;
            return new ProgramCheck(null,
                [new ProgramProblem("", $"not valid YAML: {Describe(error)}", tab ?? Line(error.Start), tab is null ? Column(error.Start) : 1)]);
        }
        if (stream.Documents.Count == 0)
            return new ProgramCheck(null, [new ProgramProblem("", "the file is empty: a program needs at least name, currency and tiers", 1, 1)]);

        var reader = new ProgramFileReader();
        if (stream.Documents.Count > 1)
            reader.Problem("", "a program file holds one document; remove the second '---' and what follows it", stream.Documents[1].RootNode.Start);
        var definition = reader.Program(stream.Documents[0].RootNode);
        return reader.Finish(definition);
    }

    ProgramCheck Finish(ProgramDefinition? definition)
    {
        if (definition is not null)
        {
            // The validation knows paths, not lines: place each of its problems at its field (or the nearest enclosing one),
            // and leave out those about a field the reading already found wrong, not to say the same thing twice.
            var found = problems.ToList();
            foreach (var problem in ProgramValidation.Check(definition).Where(p => !found.Any(f => Related(f.Path, p.Path))))
            {
                var mark = Locate(problem.Path);
                problems.Add(problem with { Line = mark is { } m ? Line(m) : null, Column = mark is { } c ? Column(c) : null });
            }
        }
        var ordered = problems.OrderBy(p => p.Line ?? int.MaxValue).ThenBy(p => p.Column ?? 0).ThenBy(p => p.Path, StringComparer.Ordinal).ToList();
        return new ProgramCheck(ordered.Count == 0 ? definition : null, ordered);
    }

    ProgramDefinition? Program(YamlNode root)
    {
        if (root is not YamlMappingNode map)
        {
            Problem("", "expected the program's fields (name:, currency:, tiers: …) at the top level", root.Start);
            return null;
        }
        var file = new Section(this, map, "");
        file.RefuseUnknownKeys(RootKeys, NestedKeyHint);
        var defaults = new ProgramDefinition { Name = "" };
        return new ProgramDefinition
        {
            Name = file.Text("name", required: true) ?? "",
            Currency = file.Text("currency", required: true) ?? defaults.Currency,
            TimeZone = file.Text("time_zone") ?? defaults.TimeZone,
            FiscalYearStartMonth = file.Whole("fiscal_year_start_month") ?? defaults.FiscalYearStartMonth,
            ChangeNoticeDays = file.Whole("change_notice_days") ?? defaults.ChangeNoticeDays,
            Evaluation = file.Map("evaluation") is { } evaluation ? Evaluation(evaluation) : defaults.Evaluation,
            Tiers = file.List("tiers", required: true) is { } tiers ? tiers.Select(Tier).ToList() : [],
            Incentives = file.List("incentives") is { } rules ? rules.Select(Rule).ToList() : [],
            CashBudget = file.Map("cash_budget") is { } budget ? ReadCashBudget(budget) : null,
        };
    }

    EvaluationPolicy Evaluation(Section evaluation)
    {
        evaluation.RefuseUnknownKeys(EvaluationKeys);
        var defaults = new EvaluationPolicy();
        return new EvaluationPolicy
        {
            Cadence = evaluation.Choice<PeriodUnit>("cadence") ?? defaults.Cadence,
            GraceEvaluations = evaluation.Whole("grace_evaluations") ?? defaults.GraceEvaluations,
            SoftReset = evaluation.Flag("soft_reset") ?? defaults.SoftReset,
            RampMonths = evaluation.Whole("ramp_months") ?? defaults.RampMonths,
            PromotionsNeedApproval = evaluation.Flag("promotions_need_approval") ?? defaults.PromotionsNeedApproval,
            DemotionsNeedApproval = evaluation.Flag("demotions_need_approval") ?? defaults.DemotionsNeedApproval,
        };
    }

    TierDefinition Tier(Item item)
    {
        if (item.AsSection("a tier (id:, name:, criteria: …)") is not { } tier) return new TierDefinition { Id = "", Name = "" };
        tier.RefuseUnknownKeys(TierKeys);
        return new TierDefinition
        {
            Id = tier.Text("id", required: true) ?? "",
            Name = tier.Text("name", required: true) ?? "",
            AtLeast = tier.Text("require") is { } require ? Require(tier, require) : null,
            Criteria = tier.List("criteria") is { } criteria ? criteria.Select(Criterion).ToList() : [],
            Benefits = tier.Map("benefits") is { } benefits ? Benefits(benefits) : new TierBenefits(),
        };
    }

    int? Require(Section tier, string text)
    {
        if (text == "all") return null;
        if (AtLeastOf().Match(text) is { Success: true } match)
        {
            if (int.TryParse(match.Groups[1].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)) return n;
            tier.ProblemAt("require", $"expected a whole number in 'at least n of', found '{match.Groups[1].Value}'");
            return null;
        }
        tier.ProblemAt("require", $"expected 'all' or 'at least 2 of', found '{text}'");
        return null;
    }

    TierCriterion Criterion(Item item)
    {
        var placeholder = new TierCriterion(Metric.WonRevenue, 0, new TrailingWindow(1, PeriodUnit.Quarter));
        if (item.AsSection("a criterion (metric:, at_least:, window:)") is not { } criterion) return placeholder;
        criterion.RefuseUnknownKeys(CriterionKeys);
        var metric = criterion.Choice<Metric>("metric", required: true);
        var track = criterion.Choice<CertificationTrack>("track");
        var atLeast = criterion.Number("at_least");
        var atMost = criterion.Number("at_most");
        var window = criterion.Text("window", required: true) is { } text ? Window(criterion, text) : null;

        decimal? threshold = null;
        if (metric is { } m)
        {
            var lowerIsBetter = MetricNames.LowerIsBetter(m);
            var (right, wrong) = lowerIsBetter ? ("at_most", "at_least") : ("at_least", "at_most");
            var rightValue = lowerIsBetter ? atMost : atLeast;
            if (criterion.Has(wrong))
                criterion.ProblemAt(wrong, $"{FileWords.Of(m)} passes {(lowerIsBetter ? "at or below" : "at or above")} its threshold: write {right}, not {wrong}");
            else if (!criterion.Has(right))
                criterion.Missing(right, $"write the threshold as {right}: a number");
            threshold = rightValue;
        }
        return metric is null || threshold is null || window is null
            ? placeholder
            : new TierCriterion(metric.Value, threshold.Value, window.Value, track);
    }

    TrailingWindow? Window(Section criterion, string text)
    {
        if (TrailingUnits().Match(text) is not { Success: true } match)
        {
            criterion.ProblemAt("window", $"expected a window such as 'trailing 4 quarters', found '{text}'");
            return null;
        }
        var (countText, unitText) = (match.Groups[1].Value, match.Groups[2].Value);
        var count = int.TryParse(countText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : (int?)null;
        if (count is null) criterion.ProblemAt("window", $"expected a whole number of units, found '{countText}'");
        var singular = unitText.EndsWith('s') ? unitText[..^1] : unitText;
        if (!FileWords.TryParse<PeriodUnit>(singular, out var unit))
        {
            var units = FileWords.All<PeriodUnit>().SelectMany(u => new[] { u, u + "s" });
            criterion.ProblemAt("window", $"unknown unit '{unitText}'{FileWords.Suggest(unitText, units)}");
            return null;
        }
        return count is { } c ? new TrailingWindow(c, unit) : null;
    }

    TierBenefits Benefits(Section benefits)
    {
        benefits.RefuseUnknownKeys(BenefitKeys);
        var defaults = new TierBenefits();
        return new TierBenefits
        {
            DiscountPercent = benefits.Number("discount_percent") ?? defaults.DiscountPercent,
            RebateMultiplier = benefits.Number("rebate_multiplier") ?? defaults.RebateMultiplier,
            DealProtectionDays = benefits.Whole("deal_protection_days"),
            FundAccrualPercent = benefits.Number("fund_accrual_percent") ?? defaults.FundAccrualPercent,
            SupportLevel = benefits.Text("support_level"),
        };
    }

    /// <summary>A top-level key that belongs one level down was most likely not indented.</summary>
    static string? NestedKeyHint(string key) =>
        EvaluationKeys.Contains(key) ? $"'{key}' belongs under 'evaluation:' — is it indented?"
        : TierKeys.Contains(key) || CriterionKeys.Contains(key) || BenefitKeys.Contains(key) ? $"'{key}' belongs inside a tier under 'tiers:' — is it indented?"
        : RuleKeys.Contains(key) || EligibilityKeys.Contains(key) || BracketKeys.Contains(key) ? $"'{key}' belongs inside a rule under 'incentives:' — is it indented?"
        : CashBudgetKeys.Contains(key) ? $"'{key}' belongs under 'cash_budget:' — is it indented?"
        : null;

    [GeneratedRegex(@"^at\s+least\s+(\S+)\s+of$")]
    private static partial Regex AtLeastOf();

    [GeneratedRegex(@"^trailing\s+(\S+)\s+(\S+)$")]
    private static partial Regex TrailingUnits();

    [GeneratedRegex(@"^tiers\[\d+\]\.criteria\[\d+\]")]
    private static partial Regex CriterionScope();

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex MarkPrefix();

    /// <summary>Two problems concern the same thing when one's field holds the other's, or both are about one criterion.</summary>
    static bool Related(string found, string check) =>
        found == check || Holds(found, check) || Holds(check, found)
        || (CriterionScope().Match(found) is { Success: true } a && CriterionScope().Match(check) is { Success: true } b && a.Value == b.Value)
        || SameRuleUnreadKind(found, check);

    static bool Holds(string outer, string inner) =>
        inner.Length > outer.Length && inner.StartsWith(outer, StringComparison.Ordinal) && inner[outer.Length] is '.' or '[';

    Mark? Locate(string path)
    {
        while (true)
        {
            if (places.TryGetValue(path, out var mark)) return mark;
            if (path.Length == 0) return null;
            var cut = path.LastIndexOfAny(['.', '[']);
            path = cut < 0 ? "" : path[..cut];
        }
    }

    static string Describe(YamlException error)
    {
        var message = MarkPrefix().Replace(error.Message, "");
        if (error.InnerException is { } inner && inner.Message != message) message += " " + MarkPrefix().Replace(inner.Message, "");
        return message.TrimEnd('.');
    }

    static int? FirstTabIndentedLine(string yaml)
    {
        var lines = yaml.Split('\n');
        for (var i = 0; i < lines.Length; i++)
            if (lines[i].TakeWhile(c => c is ' ' or '\t').Contains('\t')) return i + 1;
        return null;
    }

    static int Line(Mark mark) => (int)mark.Line;
    static int Column(Mark mark) => (int)mark.Column;

    void Problem(string path, string message, Mark at) => problems.Add(new ProgramProblem(path, message, Line(at), Column(at)));

    static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    static string Kind(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping (key: value lines)",
        YamlSequenceNode => "a list",
        YamlScalarNode scalar => $"'{scalar.Value}'",
        _ => "something else",
    };

    /// <summary>An empty value, '~' or 'null' written plainly is no value at all, as YAML means it.</summary>
    static bool IsEmpty(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };
}
