// The tier engine's public shape, agreed before its implementation: the web side, the command line
// and the benchmark are written against these types. Implementations live beside this file.
using Accrue.Engine.Metrics;
using Accrue.Engine.Program;
using Accrue.Engine.Time;

namespace Accrue.Engine.Tiers;

/// <summary>Where a partner stands before an evaluation.</summary>
/// <param name="TierId">The tier in force; a new partner starts on the entry tier.</param>
/// <param name="GraceCount">Consecutive evaluations below its tier so far.</param>
/// <param name="LockedUntil">A manual override's lock: before this date evaluations explain but propose nothing.</param>
public sealed record PartnerTierState(Guid PartnerId, string TierId, int GraceCount, DateOnly JoinedOn, DateOnly? LockedUntil = null);

public enum TierDecisionKind
{
    /// <summary>Qualifies above its tier: moves up, perhaps several levels.</summary>
    Promote,
    /// <summary>Qualifies for its tier: stays, grace count back to 0.</summary>
    Keep,
    /// <summary>Below its tier, keeps it for now: in grace k of g.</summary>
    Grace,
    /// <summary>Below its tier past the grace: moves down (one level under soft reset).</summary>
    Demote,
    /// <summary>Below its tier, but joined less than the ramp ago: never demoted, grace not counted.</summary>
    Ramp,
    /// <summary>A locked override: explained, nothing proposed, grace not counted.</summary>
    Locked,
}

/// <summary>One criterion judged: actual against threshold, and what is missing in words ("$42,000 more won revenue").</summary>
/// <param name="Progress">0 to 1, for progress bars: how far the actual goes toward the threshold.</param>
public sealed record CriterionResult(
    TierCriterion Criterion, MetricValue Actual, bool Passed, double Progress, string Explanation, string? Missing);

/// <summary>A tier's criteria judged for a partner.</summary>
public sealed record TierCheck(string TierId, string TierName, bool Passed, IReadOnlyList<CriterionResult> Criteria, string Summary);

/// <summary>The result of one partner's evaluation, with every criterion of the current, next and qualifying tiers.</summary>
/// <param name="NextState">The state after this decision takes effect.</param>
/// <remarks>
/// The tiers' checks are judged and put in words when first read: an evaluation of every partner
/// decides tiers for all of them, while the words are read for the few on a screen or stored with a
/// proposal. What they say is fixed by the measured values, so reading them later gives the same.
/// </remarks>
public sealed record TierDecision(
    Guid PartnerId, DateOnly EvaluatedOn, TierDecisionKind Kind, string CurrentTierId, string QualifyingTierId, string NewTierId,
    int GraceAllowed, PartnerTierState NextState, string Explanation)
{
    readonly Func<int, TierCheck> check = _ => throw new InvalidOperationException("This decision has no measured values to judge.");
    readonly (int Current, int? Next, int Qualifying) tiers;
    TierCheck? current, next, qualifying;

    /// <param name="check">Judges the tier at a position of the ladder against the partner's measured values.</param>
    internal TierDecision(Guid partnerId, DateOnly evaluatedOn, TierDecisionKind kind, string currentTierId, string qualifyingTierId, string newTierId,
                          int graceAllowed, PartnerTierState nextState, string explanation, Func<int, TierCheck> check, int currentTier, int? nextTier, int qualifyingTier)
        : this(partnerId, evaluatedOn, kind, currentTierId, qualifyingTierId, newTierId, graceAllowed, nextState, explanation) =>
        (this.check, tiers) = (check, (currentTier, nextTier, qualifyingTier));

    /// <summary>A decision with its checks already judged: what a client reads back from the API.</summary>
    [System.Text.Json.Serialization.JsonConstructor]
    public TierDecision(Guid partnerId, DateOnly evaluatedOn, TierDecisionKind kind, string currentTierId, string qualifyingTierId, string newTierId,
                        int graceAllowed, PartnerTierState nextState, string explanation, TierCheck current, TierCheck? next, TierCheck qualifying)
        : this(partnerId, evaluatedOn, kind, currentTierId, qualifyingTierId, newTierId, graceAllowed, nextState, explanation) =>
        (this.current, this.next, this.qualifying, tiers) = (current, next, qualifying, (0, next is null ? null : 1, 0));

    public TierCheck Current => current ??= check(tiers.Current);
    /// <summary>The tier above the current one; null at the top.</summary>
    public TierCheck? Next => tiers.Next is { } above ? next ??= check(above) : null;
    public TierCheck Qualifying => qualifying ??= check(tiers.Qualifying);

    public bool ChangesTier => NewTierId != CurrentTierId;
}

public static partial class TierEvaluation
{
    /// <summary>Evaluates every partner as of the period's exclusive end; decisions come back in the order of <paramref name="partners"/>.</summary>
    /// <param name="partnersDone">Told how many partners are done so far, once per chunk of partners.</param>
    /// <param name="maxThreads">At most this many threads; null lets the runtime choose.</param>
    public static IReadOnlyList<TierDecision> Evaluate(
        ProgramDefinition program, Period period, IReadOnlyList<PartnerTierState> partners, ProgramFacts facts,
        IProgress<int>? partnersDone = null, int? maxThreads = null) =>
        Evaluate(program, period.End, partners, facts, partnersDone, maxThreads);

    /// <summary>Evaluates as of a date: windows end there (exclusive), ramp and locks are judged on it.</summary>
    /// <remarks>A partner absent from <paramref name="facts"/> is evaluated as having none; a state on a tier the program lacks is refused.</remarks>
    public static IReadOnlyList<TierDecision> Evaluate(
        ProgramDefinition program, DateOnly evaluationDate, IReadOnlyList<PartnerTierState> partners, ProgramFacts facts,
        IProgress<int>? partnersDone = null, int? maxThreads = null) =>
        EvaluateAll(program, evaluationDate, partners, facts, partnersDone, maxThreads);
}

/// <summary>How a draft version would move partners compared with the published one, on the same facts.</summary>
public sealed record TierWhatIf(
    IReadOnlyList<TierCount> ByTier, IReadOnlyList<TierMove> Moves,
    decimal BenefitsCostPublished, decimal BenefitsCostDraft, string CostBasis);

/// <summary>How many partners each version puts on a tier, and how many move up or down into it.</summary>
public sealed record TierCount(string TierId, string TierName, int Published, int Draft, int MovingUp, int MovingDown);

/// <summary>A partner whose resulting tier differs between the versions.</summary>
public sealed record TierMove(Guid PartnerId, string PublishedTierId, string DraftTierId, int Levels, string Explanation);

public static partial class TierComparison
{
    /// <summary>Evaluates both versions as of the date and compares the resulting tiers and the benefits they cost.</summary>
    public static TierWhatIf Compare(
        ProgramDefinition published, ProgramDefinition draft, DateOnly evaluationDate,
        IReadOnlyList<PartnerTierState> partners, ProgramFacts facts) =>
        CompareVersions(published, draft, evaluationDate, partners, facts);
}
