using Accrue.Engine.Metrics;
using Accrue.Engine.Program;
using Accrue.Engine.Tiers;
using static Accrue.Engine.Tests.Tiers.A;

namespace Accrue.Engine.Tests.Tiers;

/// <summary>What a decision says about each criterion of the current, next and qualifying tiers.</summary>
public class TierCriteriaTests
{
    [Fact]
    public void A_decision_explains_the_current_the_next_and_the_qualifying_tier()
    {
        var decision = Evaluate(On("gold"), Facts(208_000, 1));
        Assert.Equal(("gold", "platinum", "silver"), (decision.Current.TierId, decision.Next!.TierId, decision.Qualifying.TierId));

        var revenue = decision.Current.Criteria[0];
        Assert.Equal((false, "$42,000 more won revenue", 208_000m), (revenue.Passed, revenue.Missing, revenue.Actual.Value));
        Assert.Equal("Won revenue over the trailing 4 quarters: $208,000 against at least $250,000 — not met: $42,000 more won revenue.", revenue.Explanation);
        Assert.Equal(0.832, revenue.Progress, 3);
        Assert.Equal("1 more certified person", decision.Current.Criteria[1].Missing);
        Assert.Equal("Misses Gold: 0 of 2 criteria met, all needed.", decision.Current.Summary);
        Assert.Equal("2 more certified people", decision.Next.Criteria[1].Missing);

        var met = decision.Qualifying.Criteria.Single();
        Assert.Equal((true, null, 1.0), (met.Passed, met.Missing, met.Progress));
        Assert.Equal("Won revenue over the trailing 4 quarters: $208,000 against at least $100,000 — met.", met.Explanation);
        Assert.Equal("Meets Silver: 1 of 1 criteria, all needed.", decision.Qualifying.Summary);
    }

    [Fact]
    public void At_the_top_there_is_no_next_tier_and_the_entry_tier_has_no_criteria()
    {
        Assert.Null(Evaluate(On("platinum"), Facts(1_200_000, 3)).Next);
        var entry = Evaluate(On("registered"), Facts()).Current;
        Assert.Equal((true, 0, "Registered is the entry tier: no criteria."), (entry.Passed, entry.Criteria.Count, entry.Summary));
    }

    /// <summary>Registered, then Elite on the given criteria: the deals of a test are all its facts.</summary>
    static ProgramDefinition WithElite(int? atLeast, params TierCriterion[] criteria) =>
        Definition() with { Tiers = [Tier("Registered"), new TierDefinition { Id = "elite", Name = "Elite", AtLeast = atLeast, Criteria = criteria }] };

    static readonly TierCriterion WinRate40 = new(Metric.WinRate, 40, Year);
    static readonly TierCriterion FastClose = new(Metric.AvgDaysToClose, 30, Year);
    static readonly TierCriterion Growing = new(Metric.Growth, 10, new(1, Engine.Time.PeriodUnit.Quarter));

    static DealFact Closed(DealOutcome outcome, string registered = "2026-07-01", string closed = "2026-09-01") =>
        new(Guid.NewGuid(), Acme, 100_00, "USD", Day(registered), true, null, outcome, Day(closed));

    [Fact]
    public void An_undefined_metric_fails_with_its_reason_inside_at_least_n_of_too()
    {
        var program = WithElite(1, WinRate40, FastClose, Growing);
        var decision = Evaluate(On("registered"), Facts(more: [Closed(DealOutcome.Open)]), program);
        var elite = decision.Next!;
        Assert.False(elite.Passed);
        Assert.Equal("registered", decision.QualifyingTierId);
        Assert.Equal(["no closed deals in the window", "no won deals in the window", "no won revenue in the previous window"],
                     elite.Criteria.Select(c => c.Missing));
        Assert.Equal("Win rate over the trailing 4 quarters: none (no closed deals in the window) against at least 40% — not met: no closed deals in the window.",
                     elite.Criteria[0].Explanation);
        Assert.Equal(0, elite.Criteria[0].Progress);
    }

    [Theory]
    [InlineData(7, 13, false, "win rate 35% of 40% needed")]   // 7 won of 20 closed
    [InlineData(8, 12, true, null)]                              // exactly 40 %: at the threshold passes
    public void Win_rate_is_judged_in_percent(int won, int lost, bool passes, string? missing)
    {
        var deals = Enumerable.Repeat(DealOutcome.Won, won).Concat(Enumerable.Repeat(DealOutcome.Lost, lost)).Select(o => Closed(o));
        var result = Evaluate(On("registered"), Facts(more: deals), WithElite(null, WinRate40)).Next!.Criteria.Single();
        Assert.Equal((passes, missing), (result.Passed, result.Missing));
    }

    [Theory]
    [InlineData("2026-08-02", true)]    // 30 days: at most 30 passes
    [InlineData("2026-08-03", false)]   // 31 days
    public void Average_days_to_close_passes_at_or_below_its_threshold(string closed, bool passes)
    {
        var program = WithElite(null, FastClose);
        var decision = Evaluate(On("registered"), Facts(more: [Closed(DealOutcome.Won, "2026-07-03", closed)]), program);
        Assert.Equal(passes, decision.Next!.Passed);
        if (!passes) Assert.Equal("1 fewer day to close on average", decision.Next.Criteria[0].Missing);
    }

    [Fact]
    public void At_least_n_of_passes_with_n_criteria_met()
    {
        var program = WithElite(2, WinRate40, FastClose, Growing);
        var decision = Evaluate(On("registered"), Facts(more: [Closed(DealOutcome.Won, "2026-08-20", "2026-09-01")]), program);
        Assert.Equal(("elite", "Meets Elite: 2 of 3 criteria, at least 2 needed."), (decision.NewTierId, decision.Qualifying.Summary));
    }

    [Fact]
    public void Money_reads_in_the_program_currency()
    {
        var euros = Definition() with { Currency = "EUR" };
        var facts = ProgramFacts.Build([Acme], [new DealFact(Guid.NewGuid(), Acme, 208_000_50, "EUR", Day("2026-07-01"), true, null, DealOutcome.Won, Day("2026-09-01"))],
                                       [], [], new ExchangeRates("EUR"));
        Assert.Equal("€41,999.50 more won revenue", Evaluate(On("gold"), facts, euros).Current.Criteria[0].Missing);
    }
}
