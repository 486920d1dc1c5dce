using Accrue.Engine.Program;

namespace Accrue.Engine.Incentives;

/// <summary>A rule turned into what the hot path reads: masks over the facts' ordinals, money in program minor units, rates as fractions.</summary>
sealed class CompiledRule
{
    public required IncentiveRule Rule { get; init; }
    public required int Index { get; init; }
    /// <summary>By tier index of the ladder; null: every tier (and partners without one).</summary>
    public bool[]? Tiers { get; init; }
    public int TypeMask { get; init; }
    public int RegionMask { get; init; }
    /// <summary>By the facts' segment and product ordinals; null: any.</summary>
    public bool[]? Segments { get; init; }
    public bool[]? Products { get; init; }
    /// <summary>Bracket lower bounds in program minor units and their rates as fractions (0.04 for 4 %).</summary>
    public decimal[] BracketFrom { get; init; } = [];
    public decimal[] BracketRate { get; init; } = [];
    public decimal Rate { get; init; }
    public long SpiffMinor { get; init; }
    public long? CapMinor { get; init; }
    public long? BudgetMinor { get; init; }

    string? rateWords;

    /// <summary>
    /// How the rule pays, in the words of its lines' explanations: "2% to 100,000, 4% above marginal",
    /// "3%", "$500". The same for every line, so made once (a race only makes the same text twice).
    /// </summary>
    public string RateWords(string currency) => rateWords ??= Rule.Kind switch
    {
        IncentiveKind.Rebate => $"{Words.Percent(this)} {Rule.BracketMode.ToString().ToLowerInvariant()}",
        IncentiveKind.Accelerator or IncentiveKind.GrowthBonus or IncentiveKind.ReferralFee => $"{Words.Number(Rate * 100m)}%",
        _ => Words.Money(SpiffMinor, currency),
    };

    public bool Admits(IncentiveFacts facts, int partner, int tier)
    {
        if (Tiers is not null && (tier < 0 || !Tiers[tier])) return false;
        if (TypeMask != 0 && (TypeMask & (1 << (int)facts.Types[partner])) == 0) return false;
        if (RegionMask != 0 && (RegionMask & (1 << (int)facts.Regions[partner])) == 0) return false;
        return Segments is null || facts.Segments[partner] >= 0 && Segments[facts.Segments[partner]];
    }

    /// <summary>Whether won deal row i earns for this rule in [from, to), as of the run's date.</summary>
    public bool Earns(IncentiveFacts facts, int i, int from, int to, int asOf)
    {
        var close = facts.CloseDays[i];
        if (close < from || close >= to) return false;
        if (Products is not null && (facts.Products[i] < 0 || !Products[facts.Products[i]])) return false;
        var flags = facts.Flags[i];
        if (Rule.RequiresInfluence && (flags & IncentiveFacts.DealFlags.Influenced) == 0) return false;
        if (Rule.Kind == IncentiveKind.ReferralFee && (flags & IncentiveFacts.DealFlags.Referred) == 0) return false;
        if (Rule is { Kind: IncentiveKind.Spiff, SpiffEvent: SpiffEvent.NewLogo } && (flags & IncentiveFacts.DealFlags.NewLogo) == 0) return false;
        if (Rule.RequiresPayment && facts.PaidDays[i] >= asOf) return false;
        var reversed = facts.ReversedDays[i];
        return Rule.ClawbackDays is not { } days || reversed >= asOf || reversed >= close + days;
    }

    public static CompiledRule Compile(IncentiveRule rule, int index, ProgramDefinition program, IncentiveFacts facts)
    {
        var perMajor = Money.Currency.Of(program.Currency).MinorPerMajor;
        Check(rule, perMajor);
        var e = rule.Eligibility;
        var brackets = rule.Brackets.Count > 0 ? rule.Brackets : [new RateBracket(0, rule.RatePercent)];
        return new CompiledRule
        {
            Rule = rule, Index = index,
            Tiers = e.Tiers.Count == 0 ? null : program.Tiers.Select(t => e.Tiers.Contains(t.Id)).ToArray(),
            TypeMask = e.PartnerTypes.Aggregate(0, (mask, t) => mask | 1 << (int)t),
            RegionMask = e.Regions.Aggregate(0, (mask, r) => mask | 1 << (int)r),
            Segments = e.Segments.Count == 0 ? null : facts.SegmentNames.Select(s => e.Segments.Contains(s)).ToArray(),
            Products = e.Products.Count == 0 ? null : facts.ProductNames.Select(p => e.Products.Contains(p)).ToArray(),
            BracketFrom = brackets.Select(b => b.From * perMajor).ToArray(),
            BracketRate = brackets.Select(b => b.RatePercent / 100m).ToArray(),
            Rate = rule.RatePercent / 100m,
            SpiffMinor = Whole(rule, "the SPIFF amount", rule.SpiffAmount, perMajor),
            CapMinor = rule.CapPerPartner is { } cap ? Whole(rule, "the cap", cap, perMajor) : null,
            BudgetMinor = rule.Budget is { } budget ? Whole(rule, "the budget", budget, perMajor) : null,
        };
    }

    /// <summary>What the engine cannot run; the program file refuses these first, this guards callers that build rules in code.</summary>
    static void Check(IncentiveRule rule, long perMajor)
    {
        foreach (var problem in IncentiveRuleChecks.Problems(rule, perMajor))
            throw new InvalidIncentiveRuleException(rule.Id, $"{problem.Field}: {problem.Reason}");
    }

    static long Whole(IncentiveRule rule, string what, decimal major, long perMajor)
    {
        var minor = major * perMajor;
        return minor == decimal.Truncate(minor)
            ? decimal.ToInt64(minor)
            : throw new InvalidIncentiveRuleException(rule.Id, $"{what} {major} is not a whole number of minor units.");
    }
}
