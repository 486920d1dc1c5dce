using Accrue.Engine.Program;

namespace Accrue.Engine.Tiers;

/// <summary>The decision rules of the semantics (Tiers): promotion, grace, soft reset, ramp and locks, with the sentence that explains each.</summary>
/// <remarks>
/// Order of the rules: a lock first (nothing proposed, the count does not move), then promotion or
/// keeping the tier (count back to 0), then, below tier, ramp (never demoted, not counted), then
/// grace (count + 1 while ≤ g), then demotion (one level under soft reset, never below the
/// qualifying tier; straight to it otherwise).
/// </remarks>
static class TierRules
{
    public readonly record struct Outcome(TierDecisionKind Kind, int NewTier, PartnerTierState NextState, string Explanation);

    public static Outcome Decide(PartnerTierState state, int current, int qualifying, DateOnly evaluationDate,
                                 EvaluationPolicy policy, IReadOnlyList<TierDefinition> tiers)
    {
        string Name(int t) => tiers[t].Name;
        var (cur, qual) = (Name(current), Name(qualifying));

        if (state.LockedUntil is { } lockedUntil && evaluationDate < lockedUntil)
            return new(TierDecisionKind.Locked, current, state,
                       $"Locked on {cur} until {lockedUntil:yyyy-MM-dd} (qualifies for {qual}): nothing proposed, grace not counted.");

        if (qualifying > current)
        {
            var levels = qualifying - current;
            return new(TierDecisionKind.Promote, qualifying, state with { TierId = tiers[qualifying].Id, GraceCount = 0 },
                       $"Qualifies for {qual}; moves up {(levels == 1 ? "" : $"{levels} levels ")}from {cur} to {qual}.");
        }
        if (qualifying == current)
            return new(TierDecisionKind.Keep, current, state with { GraceCount = 0 }, $"Qualifies for {cur}; stays {cur}.");

        var rampEnds = state.JoinedOn.AddMonths(policy.RampMonths);
        if (evaluationDate < rampEnds)
            return new(TierDecisionKind.Ramp, current, state,
                       $"Below {cur} (qualifies for {qual}), but in its ramp until {rampEnds:yyyy-MM-dd}: stays {cur}; grace not counted.");

        var grace = policy.GraceEvaluations;
        var below = state.GraceCount + 1;
        if (below <= grace)
            return new(TierDecisionKind.Grace, current, state with { GraceCount = below },
                       $"Below {cur} (qualifies for {qual}): in grace, {below} of {grace}.");

        var past = grace == 0 ? "with no grace" : $"past its grace of {grace} evaluation{(grace == 1 ? "" : "s")}";
        if (!policy.SoftReset)
            return new(TierDecisionKind.Demote, qualifying, state with { TierId = tiers[qualifying].Id, GraceCount = 0 },
                       $"Below {cur} {past}: moves down to {qual}, the tier it qualifies for.");
        var lower = current - 1;   // qualifying < current here, so one level down is never below it
        return new(TierDecisionKind.Demote, lower, state with { TierId = tiers[lower].Id, GraceCount = 0 },
                   $"Below {cur} {past}: moves down one level to {Name(lower)} (soft reset).");
    }
}
