using System.Globalization;
using Accrue.Engine.Money;
using Accrue.Engine.Program;
using Accrue.Engine.Time;

namespace Accrue.Engine.Incentives;

public static partial class IncentiveCalculation
{
    /// <summary>The public lines; a line whose amount and budget scaling did not change since it was last made is reused.</summary>
    static AccrualLine[] Materialize(ProgramDefinition program, Period period, Pending[] lines, ParallelOptions options)
    {
        var result = new AccrualLine[lines.Length];
        Parallel.For(0, lines.Length, options, i =>
        {
            var line = lines[i];
            if (line.Materialized is not { } made || made.AmountMinor != line.Amount || made.BudgetScaledFrom != line.ScaledFrom)
                line.Materialized = Line(program, period, line);
            result[i] = line.Materialized;
        });
        return result;
    }

    static AccrualLine Line(ProgramDefinition program, Period period, Pending line)
    {
        var f = line.Facts;
        var basis = new AccrualBasis(new RowIds(f.DealIds, line.Deals), line.Certifications.Select(i => f.Certifications[i]).ToArray(), line.Values);
        var rule = line.Rule.Rule;
        // The explanation reads the line's amount and budget scaling as they are now: an incremental update may change them later.
        var (amount, scaledFrom) = (line.Amount, line.ScaledFrom);
        return new AccrualLine(f.Partners[line.Partner], rule.Id, rule.Kind, period.Name, program.Currency, amount, line.Uncapped,
                               line.Capped < line.Uncapped, scaledFrom, basis, () => Explain(program.Currency, line, amount, scaledFrom));
    }

    /// <summary>The deal ids of a line's rows, read through the facts instead of copied out.</summary>
    sealed class RowIds(Guid[] ids, int[] rows) : IReadOnlyList<Guid>
    {
        public Guid this[int index] => ids[rows[index]];
        public int Count => rows.Length;

        public IEnumerator<Guid> GetEnumerator()
        {
            foreach (var row in rows) yield return ids[row];
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>"Q3 rebate: 4 deals, $300,000 eligible won revenue, marginal brackets: $11,000; capped at $10,000."</summary>
    /// <remarks>About 100 k lines at a time: no closures or LINQ here, and the rule's own words are made once per calculation.</remarks>
    static string Explain(string cur, Pending line, long amount, long? scaledFrom)
    {
        var rule = line.Rule;
        var kind = rule.Rule.Kind;
        var deals = Words.Count(line.Deals.Length, "deal");
        var earned = kind switch
        {
            IncentiveKind.Rebate => Value(line, "multiplier") is var multiplier && multiplier == 1m
                ? $"{rule.RateWords(cur)} on {Major(line, "eligible revenue", cur)} eligible won revenue from {deals}"
                : $"{rule.RateWords(cur)} on {Major(line, "eligible revenue", cur)} eligible won revenue from {deals}, × {Words.Number(multiplier)} tier multiplier",
            IncentiveKind.Accelerator => $"{rule.RateWords(cur)} of {Major(line, "eligible revenue", cur)} eligible won revenue above the target of {Major(line, "target", cur)} ({deals})",
            IncentiveKind.GrowthBonus => $"growth {Words.Number(decimal.Round(Value(line, "growth %"), 1, MidpointRounding.AwayFromZero))}% (at least {Words.Number(rule.Rule.GrowthThresholdPercent)}%): "
                                         + $"{rule.RateWords(cur)} of {Major(line, "eligible revenue", cur)} − {Major(line, "previous revenue", cur)}",
            IncentiveKind.FundAccrual => $"{Words.Number(Value(line, "rate %"))}% of {Major(line, "eligible revenue", cur)} eligible won revenue from {deals}, into the co-marketing fund",
            IncentiveKind.ReferralFee => $"{rule.RateWords(cur)} of {Words.Count(line.Deals.Length, "referred deal")}",
            _ when rule.Rule.SpiffEvent == SpiffEvent.CertificationEarned => $"{Words.Count(line.Certifications.Length, "certification")} earned × {rule.RateWords(cur)}",
            _ => $"{deals} × {rule.RateWords(cur)}",
        };
        var text = $"{rule.Rule.Name}: {earned}: {Words.Money(line.Uncapped, cur)}";
        if (line.PassedOver > 0) text += $" (maximum of {rule.Rule.MaxCount} reached; {line.PassedOver} more not paid)";
        if (line.Capped < line.Uncapped) text += $"; capped at {Words.Money(line.Capped, cur)} per partner";
        if (scaledFrom is { } from && amount != from)
            text += rule.Rule.BudgetMode == BudgetMode.FirstCome
                ? $"; the first-come budget of {Words.Money(rule.BudgetMinor!.Value, cur)} pays {Words.Money(amount, cur)}"
                : $"; the rule budget of {Words.Money(rule.BudgetMinor!.Value, cur)} scales it pro rata to {Words.Money(amount, cur)}";
        return text + ".";
    }

    static decimal Value(Pending line, string name)
    {
        foreach (var value in line.Values)
            if (value.Name == name) return value.Value;
        throw new InvalidOperationException($"The line has no basis value '{name}'.");
    }

    static string Major(Pending line, string name, string currency) => MoneyText.Format(Value(line, name), currency);
}

/// <summary>Amounts, counts and rates in an explanation.</summary>
static class Words
{
    public static string Money(decimal minor, string currency) => MoneyText.Format(minor / Currency.Of(currency).MinorPerMajor, currency);

    public static string Number(decimal value) => value.ToString("#,0.####", CultureInfo.InvariantCulture);

    public static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";

    /// <summary>"2% to $100,000, 4% to $250,000, 6% above", or "3%" for one bracket.</summary>
    public static string Percent(CompiledRule rule)
    {
        var brackets = rule.Rule.Brackets;
        if (brackets.Count <= 1) return Number(rule.BracketRate[0] * 100m) + "%";
        return string.Join(", ", brackets.Select((b, k) => k + 1 < brackets.Count
            ? $"{Number(b.RatePercent)}% to {Number(brackets[k + 1].From)}"
            : $"{Number(b.RatePercent)}% above"));
    }
}
