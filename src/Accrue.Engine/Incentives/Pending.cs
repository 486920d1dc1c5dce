namespace Accrue.Engine.Incentives;

/// <summary>A line while it is being worked out: what the rule earned, then what caps and budgets leave of it.</summary>
sealed class Pending(IncentiveFacts facts, int partner, CompiledRule rule)
{
    /// <summary>The facts the line was computed from: an incremental update mixes lines of several fact sets.</summary>
    public IncentiveFacts Facts { get; } = facts;
    /// <summary>The partner's ordinal in <see cref="Facts"/>.</summary>
    public int Partner { get; } = partner;
    public Guid PartnerId => Facts.Partners[Partner];
    public CompiledRule Rule { get; } = rule;
    /// <summary>The exact amount earned, in program minor units.</summary>
    public decimal Exact { get; set; }
    public long Uncapped { get; set; }
    public long Capped { get; set; }
    public long Amount { get; set; }
    public long? ScaledFrom { get; set; }
    /// <summary>Rows of the facts' deals (or certification events) that earned, in event order.</summary>
    public int[] Deals { get; set; } = [];
    public int[] Certifications { get; set; } = [];
    /// <summary>First-come rules: each deal's part of the capped amount, in whole minor units.</summary>
    public long[]? EventMinor { get; set; }
    public BasisValue[] Values { get; set; } = [];
    /// <summary>Qualifying events passed over because the maximum count was used up.</summary>
    public int PassedOver { get; set; }

    /// <summary>The line as last materialised, kept while its amount and budget scaling stay the same.</summary>
    public AccrualLine? Materialized { get; set; }

    public static long Round(decimal minor) => decimal.ToInt64(decimal.Round(minor, 0, MidpointRounding.AwayFromZero));
}
