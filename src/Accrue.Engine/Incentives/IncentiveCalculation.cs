using System.Collections.Concurrent;
using Accrue.Engine.Program;
using Accrue.Engine.Time;

namespace Accrue.Engine.Incentives;

/// <summary>Computes a period's accrual lines from a program's incentive rules and the period's facts.</summary>
/// <remarks>
/// Three passes. Per partner, in parallel over partner ranges: what each rule earns (integer sums
/// of minor units over the partner's deals; a decimal product once per line), rounded once half
/// away from zero, then the per-partner cap. Then, globally: each rule budget (pro rata by largest
/// remainder, or first-come in event order), then the program cash budget. The same input gives the
/// same lines in the same order, whatever the order of the facts and the number of threads.
/// </remarks>
public static partial class IncentiveCalculation
{
    /// <summary>The accrual lines of the rules whose cadence is the period's unit, as of a date.</summary>
    /// <param name="asOf">The run's date: payments and reversals dated before it are seen (normally the period's end or later).</param>
    /// <param name="tiersInForce">The tier each partner holds at the period's start; a partner not listed is on the entry tier.</param>
    /// <param name="targets">Each partner's target for the period in the program currency's major units, read by accelerators.</param>
    /// <param name="maxThreads">At most this many threads; null lets the runtime choose.</param>
    public static IncentiveResult Calculate(
        ProgramDefinition program, Period period, DateOnly asOf, IncentiveFacts facts,
        IReadOnlyDictionary<Guid, string> tiersInForce, IReadOnlyDictionary<Guid, decimal> targets, int? maxThreads = null) =>
        IncrementalCalculation.Start(program, period, asOf, facts, tiersInForce, targets, maxThreads).Result;

    /// <summary>Each partner's lines, rounded once and capped (null: none), in the order of the facts' partners.</summary>
    internal static List<Pending>?[] EarnAll(Context context, ParallelOptions options)
    {
        var n = context.Facts.Partners.Length;
        var perPartner = new List<Pending>?[n];
        if (n == 0) return perPartner;   // the partitioner refuses an empty range
        Parallel.ForEach(Partitioner.Create(0, n, Math.Max(256, n / 64 + 1)), options, range =>
        {
            for (var p = range.Item1; p < range.Item2; p++) perPartner[p] = Earn(context, p);
        });
        return perPartner;
    }

    /// <summary>The cross-partner steps over every partner's capped lines (in partner-id order): rule budgets, then the cash budget.</summary>
    internal static IncentiveResult Finish(Context context, Pending[] lines, ParallelOptions options)
    {
        foreach (var line in lines) (line.Amount, line.ScaledFrom) = (line.Capped, null);
        foreach (var rule in context.Rules) ApplyBudget(rule, lines);
        var budgetLines = ApplyCashBudget(context.Program, context.Period, lines);
        return new IncentiveResult(Materialize(context.Program, context.Period, lines, options), budgetLines);
    }

    /// <summary>Everything the per-partner pass reads, resolved once to ordinals.</summary>
    internal sealed record Context(
        ProgramDefinition Program, Period Period, IncentiveFacts Facts, CompiledRule[] Rules, CompiledRule[][] DealGroups,
        int From, int To, int PreviousFrom, int AsOf, int[] Tiers, decimal[] Multipliers, decimal[] FundRates, decimal?[] Targets, long PerMajor)
    {
        public static Context Of(ProgramDefinition program, Period period, DateOnly asOf, IncentiveFacts facts,
                                 IReadOnlyDictionary<Guid, string> tiersInForce, IReadOnlyDictionary<Guid, decimal> targets)
        {
            var rules = program.Incentives.Select((r, i) => (Rule: r, Index: i)).Where(x => x.Rule.Period == period.Unit)
                               .Select(x => CompiledRule.Compile(x.Rule, x.Index, program, facts)).ToArray();
            var groups = rules.Where(r => r.Rule.IsPerDeal).GroupBy(r => r.Rule.ExclusiveGroup ?? "\0" + r.Rule.Id)
                              .Select(g => g.ToArray()).ToArray();
            var tierIndex = program.Tiers.Select((t, i) => (t.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
            var tiers = facts.Partners.Select(p =>
                tiersInForce.TryGetValue(p, out var id)
                    ? tierIndex.TryGetValue(id, out var i) ? i : throw new ArgumentException($"Partner {p} is on tier '{id}', which the program does not have.", nameof(tiersInForce))
                    : program.Tiers.Count > 0 ? 0 : -1).ToArray();
            var perMajor = Money.Currency.Of(program.Currency).MinorPerMajor;
            var months = period.Start.MonthsUntil(period.End);
            return new Context(
                program, period, facts, rules, groups, period.Start.DayNumber, period.End.DayNumber,
                period.Start.AddMonths(-months).DayNumber, asOf.DayNumber, tiers,
                program.Tiers.Select(t => t.Benefits.RebateMultiplier).ToArray(),
                program.Tiers.Select(t => t.Benefits.FundAccrualPercent / 100m).ToArray(),
                facts.Partners.Select(p => targets.TryGetValue(p, out var t) ? t * perMajor : (decimal?)null).ToArray(), perMajor);
        }

        public decimal Multiplier(int partner) => Tiers[partner] < 0 ? 1m : Multipliers[Tiers[partner]];
    }
}

static class DateOnlyMonths
{
    /// <summary>Whole calendar months from one first-of-month to another.</summary>
    public static int MonthsUntil(this DateOnly start, DateOnly end) => (end.Year - start.Year) * 12 + end.Month - start.Month;
}
