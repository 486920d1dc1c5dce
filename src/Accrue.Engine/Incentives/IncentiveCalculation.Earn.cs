namespace Accrue.Engine.Incentives;

public static partial class IncentiveCalculation
{
    /// <summary>What one partner earns under every rule of the period, rounded once and capped; null when nothing.</summary>
    static List<Pending>? Earn(Context c, int p)
    {
        List<Pending>? lines = null;
        foreach (var rule in c.Rules)
        {
            if (rule.Rule.IsPerDeal || !rule.Admits(c.Facts, p, c.Tiers[p])) continue;
            if ((rule.Rule.Kind == IncentiveKind.Spiff ? Certifications(c, rule, p) : OnRevenue(c, rule, p)) is { } line) (lines ??= []).Add(line);
        }
        foreach (var group in c.DealGroups) PerDeal(c, group, p, ref lines);

        if (lines is null) return null;
        lines.Sort((a, b) => a.Rule.Index.CompareTo(b.Rule.Index));
        foreach (var line in lines) Cap(line);
        return lines;
    }

    /// <summary>Rebate, accelerator, growth bonus, fund accrual: a rate on the partner's eligible won revenue.</summary>
    static Pending? OnRevenue(Context c, CompiledRule rule, int p)
    {
        var rows = Scratch.Rows();
        var revenue = Revenue(c, rule, p, c.From, c.To, rows);
        // Nothing earned in the period earns nothing under any of these kinds: most partners stop here, before any allocation.
        if (revenue == 0) return null;
        var line = new Pending(c.Facts, p, rule);
        var eligible = new BasisValue("eligible revenue", revenue / c.PerMajor);
        switch (rule.Rule.Kind)
        {
            case IncentiveKind.Rebate:
                var multiplier = c.Multiplier(p);
                line.Exact = Brackets.Pay(rule, revenue) * multiplier;
                line.Values = [eligible, new BasisValue("multiplier", multiplier)];
                break;
            case IncentiveKind.Accelerator:
                if (c.Targets[p] is not { } target) return null;
                line.Values = [eligible, new BasisValue("target", target / c.PerMajor)];
                line.Exact = revenue > target ? rule.Rate * (revenue - target) : 0;
                break;
            case IncentiveKind.GrowthBonus:
                var previous = Revenue(c, rule, p, c.PreviousFrom, c.From, null);
                if (previous == 0 || revenue <= previous) return null;
                var growth = (revenue - previous) / previous * 100m;
                if (growth < rule.Rule.GrowthThresholdPercent) return null;
                line.Values = [eligible, new BasisValue("previous revenue", previous / c.PerMajor), new BasisValue("growth %", growth)];
                line.Exact = rule.Rate * (revenue - previous);
                break;
            case IncentiveKind.FundAccrual:
                var rate = rule.Rule.RateFromTier ? (c.Tiers[p] < 0 ? 0 : c.FundRates[c.Tiers[p]]) : rule.Rate;
                line.Values = [eligible, new BasisValue("rate %", rate * 100m)];
                line.Exact = rate * revenue;
                break;
        }
        line.Uncapped = Pending.Round(line.Exact);
        if (line.Uncapped == 0) return null;
        line.Deals = [.. rows];
        return line;
    }

    /// <summary>Σ of the partner's eligible won deals closed in [from, to), exact, in program minor units: integers, plus fractions only when a conversion left some.</summary>
    static decimal Revenue(Context c, CompiledRule rule, int p, int from, int to, List<int>? rows)
    {
        var f = c.Facts;
        long whole = 0;
        decimal fraction = 0;
        var (start, end) = f.DealsClosedIn(p, from, to);
        for (var i = start; i < end; i++)
        {
            if (!rule.Earns(f, i, from, to, c.AsOf)) continue;
            whole += f.AmountMinor[i];
            if (f.Fraction is not null) fraction += f.Fraction[i];
            rows?.Add(i);
        }
        return whole + fraction;
    }

    /// <summary>A SPIFF per certification earned in the period (before the run's date), the first MaxCount in event order.</summary>
    static Pending? Certifications(Context c, CompiledRule rule, int p)
    {
        var rows = new List<int>();
        var passed = 0;
        for (var i = c.Facts.CertificationOffsets[p]; i < c.Facts.CertificationOffsets[p + 1]; i++)
        {
            var day = c.Facts.Certifications[i].EarnedOn.DayNumber;
            if (day < c.From || day >= c.To || day >= c.AsOf) continue;
            if (rows.Count >= rule.Rule.MaxCount) passed++; else rows.Add(i);
        }
        var line = new Pending(c.Facts, p, rule) { Exact = (decimal)rows.Count * rule.SpiffMinor, Certifications = [.. rows], PassedOver = passed };
        line.Uncapped = rows.Count * rule.SpiffMinor;
        return line.Uncapped == 0 ? null : line;
    }

    /// <summary>
    /// The per-deal rules of one exclusive group (or one rule alone): each deal, in event order, earns
    /// from the rule that pays it most (ties: the rule listed first), skipping rules whose maximum count is used up.
    /// </summary>
    static void PerDeal(Context c, CompiledRule[] group, int p, ref List<Pending>? lines)
    {
        var f = c.Facts;
        var (start, end) = f.DealsClosedIn(p, c.From, c.To);
        if (start == end) return;   // no deal closed in the period: nothing to allocate
        var admitted = new bool[group.Length];
        var any = false;
        for (var k = 0; k < group.Length; k++) any |= admitted[k] = group[k].Admits(f, p, c.Tiers[p]);
        if (!any) return;
        // Made for a rule when it first earns: most partners earn from few of a group's rules.
        var rows = new List<int>?[group.Length];
        var amounts = new List<decimal>?[group.Length];
        var passed = new int[group.Length];
        for (var i = start; i < end; i++)
        {
            var (best, bestAmount) = (-1, 0m);
            for (var k = 0; k < group.Length; k++)
            {
                var rule = group[k];
                if (!admitted[k] || !rule.Earns(f, i, c.From, c.To, c.AsOf)) continue;
                if ((rows[k]?.Count ?? 0) >= rule.Rule.MaxCount) { passed[k]++; continue; }
                var amount = rule.Rule.Kind == IncentiveKind.ReferralFee
                    ? rule.Rate * (f.AmountMinor[i] + (f.Fraction?[i] ?? 0))
                    : rule.SpiffMinor;
                if (amount > bestAmount) (best, bestAmount) = (k, amount);
            }
            if (best < 0) continue;
            (rows[best] ??= []).Add(i);
            (amounts[best] ??= []).Add(bestAmount);
        }
        for (var k = 0; k < group.Length; k++)
        {
            if (rows[k] is not { } earned) continue;   // earned nothing (events passed over alone pay nothing either)
            var line = new Pending(c.Facts, p, group[k]) { Exact = amounts[k]!.Sum(), Deals = [.. earned], PassedOver = passed[k] };
            line.Uncapped = Pending.Round(line.Exact);
            if (line.Uncapped == 0) continue;
            if (group[k].Rule.BudgetMode == BudgetMode.FirstCome) line.EventMinor = WholeParts(amounts[k]!);
            (lines ??= []).Add(line);
        }
    }

    /// <summary>A list of rows per thread, reused from line to line; a line keeps an exact copy.</summary>
    static class Scratch
    {
        [ThreadStatic] static List<int>? rows;

        public static List<int> Rows()
        {
            rows ??= new List<int>(1024);
            rows.Clear();
            return rows;
        }
    }

    /// <summary>Each event's part in whole minor units: differences of the rounded running sum, so they add up to the line rounded once.</summary>
    static long[] WholeParts(List<decimal> exact)
    {
        var parts = new long[exact.Count];
        var (running, roundedBefore) = (0m, 0L);
        for (var j = 0; j < exact.Count; j++)
        {
            running += exact[j];
            var rounded = Pending.Round(running);
            parts[j] = rounded - roundedBefore;
            roundedBefore = rounded;
        }
        return parts;
    }

    /// <summary>The per-partner cap; a first-come line's events use it up in event order.</summary>
    static void Cap(Pending line)
    {
        line.Capped = line.Rule.CapMinor is { } cap ? Math.Min(line.Uncapped, cap) : line.Uncapped;
        line.Amount = line.Capped;
        if (line.EventMinor is not { } events || line.Capped == line.Uncapped) return;
        var left = line.Capped;
        for (var j = 0; j < events.Length; j++)
        {
            events[j] = Math.Min(events[j], left);
            left -= events[j];
        }
    }
}
