using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Accrue.Engine.Time;

namespace Accrue.Engine.Program;

/// <summary>The program definition as a YAML file: human-friendly, diffable, documented in docs/program-file.md.</summary>
public static partial class ProgramFile
{
    /// <summary>Reads and validates a file; problems name the line and the field.</summary>
    /// <remarks>Every problem is reported, not only the first; the definition comes back only when there are none.</remarks>
    public static ProgramCheck Read(string yaml) => ProgramFileReader.Read(yaml);

    /// <summary>Writes the definition in the file's canonical form: Read(Write(d)) equals d.</summary>
    /// <remarks>
    /// Canonical: keys in one fixed order, every program and evaluation field written (so a changed
    /// default never changes a program silently), optional tier fields only when set, numbers without
    /// trailing zeros. Two equal definitions give the same text, so a diff shows only real changes.
    /// </remarks>
    public static string Write(ProgramDefinition definition)
    {
        var file = new StringBuilder();
        void Line(int indent, string key, string value) => ProgramFile.Line(file, indent, key, value);
        void Open(int indent, string key) => ProgramFile.Open(file, indent, key);

        file.Append("# Accrue program definition: see docs/program-file.md\n");
        Line(0, "name", Text(definition.Name));
        Line(0, "currency", Text(definition.Currency));
        Line(0, "time_zone", Text(definition.TimeZone));
        Line(0, "fiscal_year_start_month", Whole(definition.FiscalYearStartMonth));
        Line(0, "change_notice_days", Whole(definition.ChangeNoticeDays));

        var evaluation = definition.Evaluation;
        Open(0, "evaluation");
        Line(2, "cadence", FileWords.Of(evaluation.Cadence));
        Line(2, "grace_evaluations", Whole(evaluation.GraceEvaluations));
        Line(2, "soft_reset", Flag(evaluation.SoftReset));
        Line(2, "ramp_months", Whole(evaluation.RampMonths));
        Line(2, "promotions_need_approval", Flag(evaluation.PromotionsNeedApproval));
        Line(2, "demotions_need_approval", Flag(evaluation.DemotionsNeedApproval));

        Open(0, "tiers");
        foreach (var tier in definition.Tiers)
        {
            Line(2, "- id", Text(tier.Id));
            Line(4, "name", Text(tier.Name));
            if (tier.AtLeast is { } n) Line(4, "require", $"at least {Whole(n)} of");
            if (tier.Criteria.Count > 0) Open(4, "criteria");
            foreach (var criterion in tier.Criteria)
            {
                Line(6, "- metric", FileWords.Of(criterion.Metric));
                if (criterion.Track is { } track) Line(8, "track", FileWords.Of(track));
                Line(8, Metrics.MetricNames.LowerIsBetter(criterion.Metric) ? "at_most" : "at_least", Number(criterion.Threshold));
                Line(8, "window", Window(criterion.Window));
            }
            var benefits = tier.Benefits;
            if (benefits == new TierBenefits()) continue;
            Open(4, "benefits");
            Line(6, "discount_percent", Number(benefits.DiscountPercent));
            Line(6, "rebate_multiplier", Number(benefits.RebateMultiplier));
            if (benefits.DealProtectionDays is { } days) Line(6, "deal_protection_days", Whole(days));
            Line(6, "fund_accrual_percent", Number(benefits.FundAccrualPercent));
            if (benefits.SupportLevel is { } support) Line(6, "support_level", Text(support));
        }

        if (definition.Incentives.Count > 0) Open(0, "incentives");
        foreach (var rule in definition.Incentives) WriteRule(file, rule);
        if (definition.CashBudget is { } budget)
        {
            Open(0, "cash_budget");
            Line(2, "amount", Number(budget.Amount));
            Line(2, "per", FileWords.Of(budget.Per));
        }
        return file.ToString();
    }

    static void Line(StringBuilder file, int indent, string key, string value) => file.Append(' ', indent).Append(key).Append(": ").Append(value).Append('\n');

    static void Open(StringBuilder file, int indent, string key) => file.Append(' ', indent).Append(key).Append(":\n");

    static string Whole(int value) => value.ToString(CultureInfo.InvariantCulture);

    static string Flag(bool value) => value ? "true" : "false";

    /// <summary>No trailing zeros: 1.10 and 1.1 are the same multiplier and write alike.</summary>
    static string Number(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);

    static string Window(TrailingWindow window) =>
        $"trailing {Whole(window.Count)} {FileWords.Of(window.Unit)}{(window.Count == 1 ? "" : "s")}";

    /// <summary>Plain when YAML reads the text back unchanged (and not as "no value"); double-quoted with escapes otherwise.</summary>
    /// <param name="inFlow">Inside [a, b]: a plain word may not hold ',', '[', ']', '{' or '}' there.</param>
    static string Text(string? value, bool inFlow = false)
    {
        value ??= "";
        if (PlainText().IsMatch(value) && value is not ("null" or "Null" or "NULL") && !(inFlow && value.IndexOfAny([',', '[', ']', '{', '}']) >= 0))
            return value;
        var quoted = new StringBuilder("\"");
        foreach (var c in value)
        {
            quoted.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                '\r' => "\\r",
                '\u0085' => "\\N",
                '\u2028' => "\\L",
                '\u2029' => "\\P",
                '\uFEFF' => "\\uFEFF",
                _ when c < ' ' || c is >= '\u007F' and <= '\u009F' => $"\\x{(int)c:X2}",
                _ => c.ToString(),
            });
        }
        return quoted.Append('"').ToString();
    }

    /// <summary>Starts with a letter or digit, holds only letters, digits, single spaces and a few harmless marks, ends without a space.</summary>
    [GeneratedRegex(@"^[\p{L}\p{N}](?:[\p{L}\p{N}_.,'&()/+-]| (?! )(?=.))*\z")]
    private static partial Regex PlainText();
}
