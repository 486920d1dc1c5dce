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
        var basis = new AccrualBasis(line.Deals.Select(i => f.DealIds[i]).ToArray(),
                                     line.Certifications.Select(i => f.Certifications[i]).ToArray(), [.. line.Values]);
        var rule = line.Rule.Rule;
        return new AccrualLine(f.Partners[line.Partner], rule.Id, rule.Kind, period.Name, program.Currency, line.Amount, line.Uncapped,
                               line.Capped < line.Uncapped, line.ScaledFrom, basis, Explain(program.Currency, line));
    }

    /// <summary>"Q3 rebate: 4 deals, $300,000 eligible won revenue, marginal brackets: $11,000; capped at $10,000."</summary>
    static string Explain(string cur, Pending line)
    {
        var rule = line.Rule;
        string M(decimal minor) => Words.Money(minor, cur);
        decimal V(string name) => line.Values.First(v => v.Name == name).Value;
        string Major(string name) => MoneyText.Format(V(name), cur);
        var deals = Words.Count(line.Deals.Length, "deal");
        var earned = rule.Rule.Kind switch
        {
            IncentiveKind.Rebate => $"{Words.Percent(rule)} {rule.Rule.BracketMode.ToString().ToLowerInvariant()} on {Major("eligible revenue")} eligible won revenue from {deals}"
                                    + (V("multiplier") == 1m ? "" : $", × {Words.Number(V("multiplier"))} tier multiplier"),
            IncentiveKind.Accelerator => $"{Words.Number(rule.Rate * 100m)}% of {Major("eligible revenue")} eligible won revenue above the target of {Major("target")} ({deals})",
            IncentiveKind.GrowthBonus => $"growth {Words.Number(decimal.Round(V("growth %"), 1, MidpointRounding.AwayFromZero))}% (at least {Words.Number(rule.Rule.GrowthThresholdPercent)}%): "
                                         + $"{Words.Number(rule.Rate * 100m)}% of {Major("eligible revenue")} − {Major("previous revenue")}",
            IncentiveKind.FundAccrual => $"{Words.Number(V("rate %"))}% of {Major("eligible revenue")} eligible won revenue from {deals}, into the co-marketing fund",
            IncentiveKind.ReferralFee => $"{Words.Number(rule.Rate * 100m)}% of {Words.Count(line.Deals.Length, "referred deal")}",
            _ when rule.Rule.SpiffEvent == SpiffEvent.CertificationEarned => $"{Words.Count(line.Certifications.Length, "certification")} earned × {M(rule.SpiffMinor)}",
            _ => $"{deals} × {M(rule.SpiffMinor)}",
        };
        var text = $"{rule.Rule.Name}: {earned}: {M(line.Uncapped)}";
        if (line.PassedOver > 0) text += $" (maximum of {rule.Rule.MaxCount} reached; {line.PassedOver} more not paid)";
        if (line.Capped < line.Uncapped) text += $"; capped at {M(line.Capped)} per partner";
        if (line.ScaledFrom is { } from && line.Amount != from)
            text += rule.Rule.BudgetMode == BudgetMode.FirstCome
                ? $"; the first-come budget of {M(rule.BudgetMinor!.Value)} pays {M(line.Amount)}"
                : $"; the rule budget of {M(rule.BudgetMinor!.Value)} scales it pro rata to {M(line.Amount)}";
        return text + ".";
    }
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
