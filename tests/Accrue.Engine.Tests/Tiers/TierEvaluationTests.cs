using Accrue.Engine.Tiers;
using static Accrue.Engine.Tests.Tiers.A;

namespace Accrue.Engine.Tests.Tiers;

/// <summary>The decision rules, one row per rule: where the partner is, what it qualifies for, what happens and how it reads.</summary>
public class TierEvaluationTests
{
    public static TheoryData<string, PartnerTierState, int, int, TierDecisionKind, string, int, string> Rules => new()
    {
        { "qualifies for its tier: stays, grace back to 0",
            On("gold", grace: 1), 300_000, 2, TierDecisionKind.Keep, "gold", 0, "Qualifies for Gold; stays Gold." },
        { "qualifies one above: promoted",
            On("silver"), 300_000, 2, TierDecisionKind.Promote, "gold", 0, "Qualifies for Gold; moves up from Silver to Gold." },
        { "promotion skips levels",
            On("registered"), 1_200_000, 3, TierDecisionKind.Promote, "platinum", 0, "Qualifies for Platinum; moves up 3 levels from Registered to Platinum." },
        { "the highest tier all of whose criteria pass: revenue for Platinum, people for Silver only",
            On("registered"), 1_200_000, 1, TierDecisionKind.Promote, "silver", 0, "Qualifies for Silver; moves up from Registered to Silver." },
        { "first evaluation below: in grace 1 of 1",
            On("gold"), 150_000, 2, TierDecisionKind.Grace, "gold", 1, "Below Gold (qualifies for Silver): in grace, 1 of 1." },
        { "past the grace: down one level",
            On("gold", grace: 1), 150_000, 2, TierDecisionKind.Demote, "silver", 0, "Below Gold past its grace of 1 evaluation: moves down one level to Silver (soft reset)." },
        { "soft reset: one level at a time even when qualifying for the entry tier",
            On("platinum", grace: 1), 0, 0, TierDecisionKind.Demote, "gold", 0, "Below Platinum past its grace of 1 evaluation: moves down one level to Gold (soft reset)." },
        { "ramp: joined 5 months ago, below tier, never demoted and not counted",
            On("gold", joined: "2026-05-01"), 0, 0, TierDecisionKind.Ramp, "gold", 0, "Below Gold (qualifies for Registered), but in its ramp until 2026-11-01: stays Gold; grace not counted." },
        { "ramp ends 6 calendar months after joining: on that day grace counts",
            On("gold", joined: "2026-04-01"), 0, 0, TierDecisionKind.Grace, "gold", 1, "Below Gold (qualifies for Registered): in grace, 1 of 1." },
        { "ramp does not hold back a promotion",
            On("silver", joined: "2026-09-01"), 300_000, 2, TierDecisionKind.Promote, "gold", 0, "Qualifies for Gold; moves up from Silver to Gold." },
        { "locked: explained, nothing proposed, grace does not move",
            On("gold", grace: 1, lockedUntil: "2026-12-31"), 0, 0, TierDecisionKind.Locked, "gold", 1, "Locked on Gold until 2026-12-31 (qualifies for Registered): nothing proposed, grace not counted." },
        { "locked: no promotion either",
            On("silver", lockedUntil: "2026-10-02"), 1_200_000, 3, TierDecisionKind.Locked, "silver", 0, "Locked on Silver until 2026-12-31 (qualifies for Platinum): nothing proposed, grace not counted.".Replace("2026-12-31", "2026-10-02") },
        { "a lock ending on the evaluation date has ended",
            On("gold", grace: 1, lockedUntil: "2026-10-01"), 150_000, 2, TierDecisionKind.Demote, "silver", 0, "Below Gold past its grace of 1 evaluation: moves down one level to Silver (soft reset)." },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void Each_rule_decides_and_explains(string rule, PartnerTierState state, int revenue, int people,
                                               TierDecisionKind kind, string newTier, int graceAfter, string explanation)
    {
        var decision = Evaluate(state, Facts(revenue, people));
        Assert.True((kind, newTier, graceAfter, explanation) == (decision.Kind, decision.NewTierId, decision.NextState.GraceCount, decision.Explanation),
                    $"{rule}: got {decision.Kind} → {decision.NewTierId}, grace {decision.NextState.GraceCount}: {decision.Explanation}");
        Assert.Equal(newTier, decision.NextState.TierId);
        Assert.Equal(decision.NewTierId != state.TierId, decision.ChangesTier);
    }

    [Fact]
    public void Without_soft_reset_a_demotion_goes_straight_to_the_qualifying_tier()
    {
        var decision = Evaluate(On("platinum", grace: 1), Facts(150_000, 0), Definition(softReset: false));
        Assert.Equal((TierDecisionKind.Demote, "silver"), (decision.Kind, decision.NewTierId));
        Assert.Equal("Below Platinum past its grace of 1 evaluation: moves down to Silver, the tier it qualifies for.", decision.Explanation);
    }

    [Fact]
    public void Grace_counts_consecutive_evaluations_below_and_resets_after_the_move()
    {
        var program = Definition(grace: 2);
        var state = On("gold");
        var seen = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var decision = Evaluate(state, Facts(0, 0), program);
            seen.Add($"{decision.Kind} {decision.NewTierId} {decision.NextState.GraceCount}");
            state = decision.NextState;
        }
        Assert.Equal(["Grace gold 1", "Grace gold 2", "Demote silver 0", "Grace silver 1"], seen);
    }

    [Fact]
    public void Qualifying_again_during_grace_returns_the_count_to_zero()
    {
        var decision = Evaluate(On("gold", grace: 1), Facts(300_000, 2), Definition(grace: 2));
        Assert.Equal((TierDecisionKind.Keep, 0), (decision.Kind, decision.NextState.GraceCount));
    }

    [Fact]
    public void With_no_grace_a_partner_below_its_tier_moves_down_at_once()
    {
        var decision = Evaluate(On("gold"), Facts(150_000, 2), Definition(grace: 0));
        Assert.Equal("Below Gold with no grace: moves down one level to Silver (soft reset).", decision.Explanation);
    }

    [Fact]
    public void The_evaluation_of_a_period_happens_as_of_its_exclusive_end()
    {
        var q3 = new Engine.Time.FiscalCalendar().Parse("2026-Q3");
        var decision = TierEvaluation.Evaluate(Definition(), q3, [On("silver")], Facts(300_000, 2)).Single();
        Assert.Equal((EndOfQ3, "gold"), (decision.EvaluatedOn, decision.NewTierId));
    }

    [Fact]
    public void A_decision_judges_its_tiers_when_read_and_keeps_them_through_JSON()
    {
        var decision = Evaluate(On("silver"), Facts(300_000, 2));
        var json = System.Text.Json.JsonSerializer.Serialize(decision);
        var read = System.Text.Json.JsonSerializer.Deserialize<TierDecision>(json)!;

        static string Words(TierCheck? c) => c is null ? "-" : c.Summary + " | " + string.Join(" | ", c.Criteria.Select(r => r.Explanation));
        Assert.Equal((Words(decision.Current), Words(decision.Next), Words(decision.Qualifying)),
                     (Words(read.Current), Words(read.Next), Words(read.Qualifying)));
        Assert.StartsWith("Meets Gold", read.Qualifying.Summary);
        Assert.Same(decision.Current, decision.Current);   // judged once, then kept
    }

    [Fact]
    public void A_state_on_a_tier_the_program_lacks_is_refused_with_the_partner_and_the_tier()
    {
        var error = Assert.Throws<ArgumentException>(() => Evaluate(On("diamond"), Facts()));
        Assert.StartsWith($"Partner {Acme} is on tier 'diamond', which program 'Partners 2026' does not have.", error.Message);
    }

    [Fact]
    public void A_partner_without_facts_is_evaluated_as_having_none()
    {
        var decision = Evaluate(On("silver", grace: 1), Facts(partner: Id(0xbb)));
        Assert.Equal((TierDecisionKind.Demote, "registered"), (decision.Kind, decision.NewTierId));
    }

    [Fact]
    public void Decisions_come_back_in_input_order_with_progress_per_chunk()
    {
        var states = Enumerable.Range(0, 5_000).Select(i => On(i % 3 == 0 ? "gold" : "registered", partner: Id(0x10000 + i))).ToList();
        var progress = new Reports();
        var decisions = TierEvaluation.Evaluate(Definition(), EndOfQ3, states, Facts(300_000, 2, partner: Id(0x10000)), progress, maxThreads: 2);
        Assert.Equal(states.Select(s => s.PartnerId), decisions.Select(d => d.PartnerId));
        Assert.Equal("gold", decisions[0].NewTierId);
        Assert.Equal(5, progress.Seen.Count);   // chunks of 1,024
        Assert.Equal(5_000, progress.Seen.Max());
    }

    sealed class Reports : IProgress<int>
    {
        public readonly System.Collections.Concurrent.ConcurrentBag<int> Seen = [];
        public void Report(int value) => Seen.Add(value);
    }
}
