using Accrue.Engine.Incentives;
using Accrue.Engine.Metrics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static Accrue.Engine.Tests.Incentives.A;

namespace Accrue.Engine.Tests.Incentives;

/// <summary>An incremental update recomputes the touched partners alone and equals a full recompute.</summary>
public partial class IncentivePropertyTests
{
    /// <summary>A partner that has no facts before the change and joins with it.</summary>
    static readonly Guid Dove = Id(0xd0);

    static readonly IncentivePartner[] AllPartners = [Partner(Acme), Partner(Birch), Partner(Cedar), Partner(Dove)];

    /// <summary>What a change does to one deal: 0 keeps it, 1 removes it, 2 changes its amount, 3 reverses it, 4 moves its close date.</summary>
    static IncentiveDeal? Change(IncentiveDeal deal, int what, int cents) => what switch
    {
        1 => null,
        2 => deal with { Deal = deal.Deal with { AmountMinor = cents } },
        3 => deal with { Deal = deal.Deal with { ReversedOn = deal.Deal.ClosedOn!.Value.AddDays(3) } },
        4 => deal with { Deal = deal.Deal with { ClosedOn = deal.Deal.ClosedOn!.Value.AddDays(-30) } },
        _ => deal,
    };

    // A property, not a field: the generators it builds on are fields of the class's other file, whose
    // initialisers may run after this file's.
    static Gen<(IncentiveDeal[] Before, IncentiveDeal[] After)> Changes =>
        from before in DealSets
        from changes in Gen.ArrayOf(Gen.Zip(Gen.Frequency((6, Gen.Constant(0)), (1, Gen.Choose(1, 4))), Gen.Choose(1, 20_000_000)), before.Length)
        from added in DealSets
        from dove in Gen.Elements(true, false)
        let kept = before.Zip(changes, (d, c) => Change(d, c.Item1, c.Item2)).OfType<IncentiveDeal>()
        let fresh = added.Select(d => d with { Deal = d.Deal with { DealId = Id(0x100_0000 + d.Deal.DealId.GetHashCode() % 0xff_ffff & 0xff_ffff), PartnerId = dove && d.Deal.AmountMinor % 2 == 0 ? Dove : d.Deal.PartnerId } })
        select (before, kept.Concat(fresh).DistinctBy(d => d.Deal.DealId).ToArray());

    [Property(MaxTest = 200)]
    public Property An_update_of_the_touched_partners_equals_a_full_recompute() =>
        Prop.ForAll(Changes.ToArbitrary(), Rules.ToArbitrary(), Budgets.ToArbitrary(), (change, rules, cash) =>
        {
            var program = Definition(rules) with { CashBudget = new CashBudget(cash) };
            var full = IncentiveCalculation.Calculate(program, Q3, EndOfQ3, Facts(change.After, partners: AllPartners), Tiers, NoTargets);

            var live = IncrementalCalculation.Start(program, Q3, EndOfQ3, Facts(change.Before), Tiers, NoTargets);
            var touched = Touched(change.Before, change.After);
            var updated = live.Update(Facts(change.After.Where(d => touched.Contains(d.Deal.PartnerId)),
                                            partners: AllPartners.Where(p => touched.Contains(p.PartnerId)).ToArray()));

            return (Print(full) == Print(updated)).Label($"touched {touched.Count} of 4 partners");
        });

    /// <summary>The partners whose deals differ between the two sets, as a caller would find them from the changed deals.</summary>
    static HashSet<Guid> Touched(IncentiveDeal[] before, IncentiveDeal[] after) =>
        [.. before.Except(after).Concat(after.Except(before)).Select(d => d.Deal.PartnerId)];

    static readonly Dictionary<Guid, decimal> NoTargets = [];
}

public class IncrementalCalculationTests
{
    static readonly Dictionary<Guid, string> NoTiers = [];
    static readonly Dictionary<Guid, decimal> NoTargets = [];

    [Fact]
    public void A_deal_of_one_partner_moves_the_pro_rata_share_of_a_partner_it_did_not_touch()
    {
        // A 10% rebate with a budget of 1,000: Acme earns 800 and Birch 200 (within budget); then Birch wins
        // 4,000 more and earns 600 in all, 1,400 claimed: Acme's 800 is scaled to 571.43 although Acme did not change.
        var program = Definition(Rebate(10) with { Budget = 1_000 });
        var acme = Won(8_000, id: 1);
        var live = IncrementalCalculation.Start(program, Q3, EndOfQ3, Facts([acme, Won(2_000, partner: Birch, id: 2)]), NoTiers, NoTargets);
        Assert.Equal([800_00L, 200_00L], live.Result.Lines.Select(l => l.AmountMinor));

        var birchNow = new[] { Won(2_000, partner: Birch, id: 2), Won(4_000, partner: Birch, id: 3) };
        var updated = live.Update(Facts(birchNow, partners: [Partner(Birch)]));

        Assert.Equal([(Acme, 571_43L, (long?)800_00L), (Birch, 428_57L, (long?)600_00L)],
                     updated.Lines.Select(l => (l.PartnerId, l.AmountMinor, l.BudgetScaledFrom)));
        Assert.Equal(1_000_00L, updated.Lines.Sum(l => l.AmountMinor));
        Assert.Equal([acme.Deal.DealId], updated.Of("rebate")!.Basis.Deals);
    }

    [Fact]
    public void A_result_explains_its_lines_as_they_were_even_when_read_after_a_later_update()
    {
        var program = Definition(Rebate(10) with { Budget = 1_000 });
        var live = IncrementalCalculation.Start(program, Q3, EndOfQ3, Facts([Won(8_000, id: 1), Won(2_000, partner: Birch, id: 2)]), NoTiers, NoTargets);
        var before = live.Result;   // explanations are written when first read: none is read yet

        var updated = live.Update(Facts([Won(2_000, partner: Birch, id: 2), Won(4_000, partner: Birch, id: 3)], partners: [Partner(Birch)]));

        Assert.Contains("scales it pro rata to $571.43", updated.Lines[0].Explanation);
        Assert.DoesNotContain("budget", before.Lines[0].Explanation);
        Assert.EndsWith(": $800.", before.Lines[0].Explanation);
    }

    [Fact]
    public void A_partner_listed_without_facts_earns_nothing_any_more_and_a_new_partner_joins()
    {
        var program = Definition(Rebate(10));
        var live = IncrementalCalculation.Start(program, Q3, EndOfQ3, Facts([Won(1_000, id: 1), Won(2_000, partner: Birch, id: 2)]), NoTiers, NoTargets);
        var dove = Id(0xd0);

        var updated = live.Update(Facts([Won(500, partner: dove, id: 3)], partners: [Partner(Acme), Partner(dove)]));

        Assert.Equal([(Birch, 200_00L), (dove, 50_00L)], updated.Lines.Select(l => (l.PartnerId, l.AmountMinor)));
        Assert.Same(updated, live.Result);
    }
}
