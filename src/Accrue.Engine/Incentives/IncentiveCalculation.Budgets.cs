using Accrue.Engine.Money;
using Accrue.Engine.Program;
using Accrue.Engine.Time;

namespace Accrue.Engine.Incentives;

public static partial class IncentiveCalculation
{
    /// <summary>
    /// A rule budget over the capped lines (in partner-id order): pro rata by largest remainder when the
    /// sum exceeds it; first-come pays the rule's deals in event order until it runs out.
    /// </summary>
    static void ApplyBudget(CompiledRule rule, Pending[] lines)
    {
        if (rule.BudgetMinor is not { } budget) return;
        var mine = lines.Where(l => l.Rule.Index == rule.Index).ToArray();
        if (mine.Sum(l => l.Capped) <= budget) return;
        if (rule.Rule.BudgetMode == BudgetMode.ProRata)
        {
            var parts = LargestRemainder.Share(budget, mine.Select(l => l.Capped).ToArray());
            for (var i = 0; i < mine.Length; i++) mine[i].Amount = parts[i];
        }
        else PayFirstCome(budget, mine);
        foreach (var line in mine) line.ScaledFrom = line.Amount == line.Capped ? null : line.Capped;
    }

    /// <summary>Pays the rule's deals in event order (close date, registration time, deal id) until the budget runs out; the crossing one in part.</summary>
    static void PayFirstCome(long budget, Pending[] mine)
    {
        var events = mine.SelectMany(l => l.Deals.Select((row, j) => (Line: l, Row: row, Part: l.EventMinor![j])))
                         .OrderBy(e => e.Line.Facts.CloseDays[e.Row]).ThenBy(e => e.Line.Facts.RegisteredTicks[e.Row])
                         .ThenBy(e => e.Line.Facts.DealIds[e.Row], GuidOrder.Instance);
        foreach (var line in mine) line.Amount = 0;
        var left = budget;
        foreach (var e in events)
        {
            var paid = Math.Min(e.Part, left);
            e.Line.Amount += paid;
            left -= paid;
        }
    }

    /// <summary>The program cash budget over each partner's cash total, pro rata; one budget line per partner it reduces.</summary>
    static List<CashBudgetLine> ApplyCashBudget(ProgramDefinition program, Period period, Pending[] lines)
    {
        var result = new List<CashBudgetLine>();
        if (program.CashBudget is not { } cash || cash.Per != period.Unit) return result;
        var budget = decimal.ToInt64(decimal.Round(cash.Amount * Currency.Of(program.Currency).MinorPerMajor, 0, MidpointRounding.AwayFromZero));
        // Lines arrive in partner-id order, so each partner's cash lines are consecutive and the totals come out in that order too.
        var totals = new List<(Guid Partner, long Total)>();
        for (var i = 0; i < lines.Length;)
        {
            var (partner, total) = (lines[i].PartnerId, 0L);
            for (; i < lines.Length && lines[i].PartnerId == partner; i++)
                if (lines[i].Rule.Rule.IsCash) total += lines[i].Amount;
            if (total > 0) totals.Add((partner, total));
        }
        if (totals.Sum(t => t.Total) <= budget) return result;
        var parts = LargestRemainder.Share(budget, totals.Select(t => t.Total).ToArray());
        var currency = program.Currency;
        for (var i = 0; i < totals.Count; i++)
        {
            var (total, paid) = (totals[i].Total, parts[i]);
            if (paid == total) continue;
            result.Add(new CashBudgetLine(totals[i].Partner, period.Name, currency, paid - total, total, () =>
                $"The program cash budget of {Words.Money(budget, currency)} for {period.Name} is shared pro rata: "
                + $"{Words.Money(total, currency)} earned in cash, {Words.Money(paid, currency)} paid."));
        }
        return result;
    }
}

/// <summary>Shares a whole number of minor units by weights so the parts add up to it exactly.</summary>
/// <remarks>
/// Each part is the floor of total × weight / Σ weights; the units left over go one each to the
/// largest remainders, equal remainders to the earlier weight (callers list weights by partner id).
/// Integer arithmetic in 128 bits: exact for any amounts a long holds.
/// </remarks>
public static class LargestRemainder
{
    public static long[] Share(long total, long[] weights)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        if (weights.Any(w => w < 0)) throw new ArgumentException("Weights cannot be negative.", nameof(weights));
        Int128 sum = 0;
        foreach (var w in weights) sum += w;
        if (sum == 0) throw new ArgumentException("At least one weight must be positive.", nameof(weights));

        var parts = new long[weights.Length];
        var remainders = new Int128[weights.Length];
        var given = 0L;
        for (var i = 0; i < weights.Length; i++)
        {
            var product = (Int128)total * weights[i];
            parts[i] = (long)(product / sum);
            remainders[i] = product % sum;
            given += parts[i];
        }
        var left = (int)(total - given);
        if (left == 0) return parts;
        var order = new int[weights.Length];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        Array.Sort(order, (a, b) => remainders[a] != remainders[b] ? remainders[b].CompareTo(remainders[a]) : a.CompareTo(b));
        for (var i = 0; i < left; i++) parts[order[i]]++;
        return parts;
    }
}
