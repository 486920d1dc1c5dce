using Accrue.Engine.Metrics;
using Accrue.Engine.Program;
using Accrue.Engine.Tiers;
using Accrue.Engine.Training;
using static Accrue.Engine.Tests.Tiers.A;

namespace Accrue.Engine.Tests.Tiers;

public class TierComparisonTests
{
    static readonly Guid Birch = Id(0xb1);

    static ProgramDefinition Priced(decimal goldRevenue) => Definition(grace: 0) with
    {
        Tiers =
        [
            Tier("Registered"),
            Tier("Silver", Revenue(100_000)) with { Benefits = new() { DiscountPercent = 5, FundAccrualPercent = 1 } },
            Tier("Gold", Revenue(goldRevenue), People(2)) with { Benefits = new() { DiscountPercent = 10, FundAccrualPercent = 2 } },
        ],
    };

    static ProgramFacts TwoPartners() => ProgramFacts.Build([Acme, Birch],
        [Won(Acme, 300_000, "2026-09-01"), Won(Birch, 120_000, "2026-08-01"), Won(Birch, 1_000_000, "2026-06-30")],   // Birch's million is before Q3
        [Held(Acme), Held(Acme), Held(Birch)], [], new ExchangeRates("USD"));

    static DealFact Won(Guid partner, decimal amount, string closed) =>
        new(Guid.NewGuid(), partner, (long)(amount * 100), "USD", Day("2026-01-01"), true, null, DealOutcome.Won, Day(closed));

    static CertificationFact Held(Guid partner) => new(partner, Guid.NewGuid(), Id(0xce), CertificationTrack.Sales, Day("2026-01-01"), Day("2027-01-01"));

    [Fact]
    public void A_higher_gold_bar_moves_a_partner_down_and_costs_less()
    {
        var whatIf = TierComparison.Compare(Priced(250_000), Priced(500_000), EndOfQ3, [On("gold"), On("silver", partner: Birch)], TwoPartners());

        var move = Assert.Single(whatIf.Moves);
        Assert.Equal((Acme, "gold", "silver", -1), (move.PartnerId, move.PublishedTierId, move.DraftTierId, move.Levels));
        Assert.StartsWith("Gold under the published version, Silver under the draft (1 level down). Draft: Below Gold with no grace", move.Explanation);

        Assert.Equal([("registered", 0, 0, 0, 0), ("silver", 1, 2, 0, 1), ("gold", 1, 0, 0, 0)],
                     whatIf.ByTier.Select(t => (t.TierId, t.Published, t.Draft, t.MovingUp, t.MovingDown)));
        // Q3 won revenue × (discount + fund accrual): Acme 300,000 × 12 % + Birch 120,000 × 6 % under the published; Acme at 6 % under the draft.
        Assert.Equal(36_000m + 7_200m, whatIf.BenefitsCostPublished);
        Assert.Equal(18_000m + 7_200m, whatIf.BenefitsCostDraft);
        Assert.Equal("Won revenue of each partner over the trailing 1 quarter ending 2026-09-30 ($420,000 in all) × (discount % + fund accrual %) " +
                     "of the tier each version gives it, in USD; rebate multipliers, deal protection and support levels are not priced.", whatIf.CostBasis);
    }

    [Fact]
    public void A_partner_on_a_tier_the_draft_drops_lands_on_the_tier_it_qualifies_for_in_the_draft()
    {
        var draft = Priced(250_000) with { Tiers = [.. Priced(250_000).Tiers.Where(t => t.Id != "gold"), Tier("Premier", Revenue(250_000), People(2))] };
        var whatIf = TierComparison.Compare(Priced(250_000), draft, EndOfQ3, [On("gold"), On("silver", partner: Birch)], TwoPartners());
        var move = Assert.Single(whatIf.Moves);
        Assert.Equal(("gold", "premier", 0), (move.PublishedTierId, move.DraftTierId, move.Levels));
        Assert.Equal(["registered", "silver", "premier", "gold"], whatIf.ByTier.Select(t => t.TierId));
    }
}
