using System.Globalization;
using Accrue.Engine.Incentives;
using Accrue.Engine.Metrics;
using Accrue.Engine.Program;
using Accrue.Engine.Tiers;
using Accrue.Engine.Time;

namespace Accrue.Bench.Incentives;

/// <summary>
/// Accrue's engine through its public API: the benchmark's program as an ordinary program file, the
/// facts built once (the ingest), then each timed run evaluates the tiers as of the quarter's end and
/// calculates the quarter's incentives with them.
/// </summary>
sealed class EnginePeer
{
    readonly ProgramDefinition program;
    readonly Period quarter;
    readonly ProgramFacts tierFacts;
    readonly IncentiveFacts incentiveFacts;
    readonly PartnerTierState[] states;
    readonly IncentiveDeal[] rows;
    readonly IncentivePartner[] partners;

    public EnginePeer(IncentiveDataset data, long cashBudgetCents)
    {
        var check = ProgramFile.Read(ProgramText(cashBudgetCents / 100));
        program = check.Definition ?? throw new InvalidOperationException("The benchmark's program file: " + string.Join("; ", check.Problems));
        quarter = program.Calendar.Parse("2027-Q1");
        var ids = Enumerable.Range(0, data.Partners).Select(IncentiveDataset.PartnerId).ToArray();
        var deals = new DealFact[data.Deals];
        Parallel.For(0, data.Deals, i => deals[i] = Deal(data, i));
        var earned = Enumerable.Range(0, data.CompletionPartner.Length).Select(i => new ActivityFact(
            ids[data.CompletionPartner[i]], ActivityKind.CertificationEarned, IncentiveDataset.DayZero.AddDays(data.CompletedDay[i]),
            new Guid(data.Certification[i], 0xce, 0, 0, 0, 0, 0, 0, 0, 0, 0))).ToArray();
        tierFacts = ProgramFacts.Build(ids, deals, [], earned, new ExchangeRates("USD"));
        var products = Enumerable.Range(0, 20).Select(p => "p" + p.ToString(CultureInfo.InvariantCulture)).ToArray();
        partners = ids.Select(id => new IncentivePartner(id, Engine.Partners.PartnerType.Reseller, Engine.Partners.Region.NorthAmerica)).ToArray();
        rows = deals.Select((deal, i) => new IncentiveDeal(deal, data.SpiffA(i) ? "spiff-a" : products[data.Product[i]], NewLogo: data.NewLogo[i])).ToArray();
        incentiveFacts = IncentiveFacts.Build(partners, rows, [], new ExchangeRates("USD"));
        states = ids.Select(id => new PartnerTierState(id, "registered", 0, new DateOnly(2020, 1, 1))).ToArray();
    }

    static DealFact Deal(IncentiveDataset data, int i)
    {
        var stage = data.Stage[i];
        var outcome = stage == IncentiveDataset.Won ? DealOutcome.Won : stage == IncentiveDataset.Lost ? DealOutcome.Lost : DealOutcome.Open;
        var close = IncentiveDataset.DayZero.AddDays(data.CloseDay[i]);
        return new DealFact(IncentiveDataset.DealId(i), IncentiveDataset.PartnerId(data.Partner[i]), data.AmountCents[i], "USD",
                            close.AddDays(-30), true, null, outcome, outcome == DealOutcome.Open ? null : close);
    }

    /// <summary>Evaluates the tiers, then calculates the quarter's incentives with them.</summary>
    public (Dictionary<Guid, string> Tiers, IncentiveResult Result) Run(int threads)
    {
        var decisions = TierEvaluation.Evaluate(program, quarter, states, tierFacts, maxThreads: threads);
        var tiers = decisions.ToDictionary(d => d.PartnerId, d => d.NewTierId);
        return (tiers, IncentiveCalculation.Calculate(program, quarter, quarter.End, incentiveFacts, tiers, new Dictionary<Guid, decimal>(), threads));
    }

    /// <summary>The incentive calculation alone, with tiers already evaluated: where the engine's time goes.</summary>
    public IncentiveResult Calculate(IReadOnlyDictionary<Guid, string> tiers, int threads) =>
        IncentiveCalculation.Calculate(program, quarter, quarter.End, incentiveFacts, tiers, new Dictionary<Guid, decimal>(), threads);

    /// <summary>A calculation kept for incremental updates, on the facts as built.</summary>
    public IncrementalCalculation Start(IReadOnlyDictionary<Guid, string> tiers, int threads) =>
        IncrementalCalculation.Start(program, quarter, quarter.End, incentiveFacts, tiers, new Dictionary<Guid, decimal>(), threads);

    /// <summary>Deal row i as built, for a benchmark that changes some.</summary>
    public IncentiveDeal Row(int i) => rows[i];

    /// <summary>The facts of some partners (by index) from the given deals: what a caller builds after deals change.</summary>
    public static IncentiveFacts FactsOf(IEnumerable<int> partnerIndexes, IEnumerable<IncentiveDeal> deals) =>
        IncentiveFacts.Build(partnerIndexes.Select(p => new IncentivePartner(IncentiveDataset.PartnerId(p), Engine.Partners.PartnerType.Reseller,
                                                                             Engine.Partners.Region.NorthAmerica)).ToList(),
                             deals, [], new ExchangeRates("USD"));

    /// <summary>The full calculation over every partner with some rows replaced: the reference an incremental update must equal.</summary>
    public IncentiveResult CalculateWith(IReadOnlyDictionary<int, IncentiveDeal> changed, IReadOnlyDictionary<Guid, string> tiers) =>
        IncentiveCalculation.Calculate(program, quarter, quarter.End,
            IncentiveFacts.Build(partners, rows.Select((row, i) => changed.TryGetValue(i, out var now) ? now : row), [], new ExchangeRates("USD")),
            tiers, new Dictionary<Guid, decimal>(), 2);

    /// <summary>The engine's lines as the peers' per-partner rows.</summary>
    public static PartnerResult[] PerPartner(IncentiveResult result, int partners, IReadOnlyDictionary<Guid, string> tierOf)
    {
        var rows = new PartnerResult[partners];
        var index = Enumerable.Range(0, partners).ToDictionary(IncentiveDataset.PartnerId);
        string[] ladder = ["registered", "silver", "gold", "platinum"];
        foreach (var (id, tier) in tierOf) rows[index[id]] = rows[index[id]] with { Tier = Array.IndexOf(ladder, tier) };
        foreach (var line in result.Lines)
        {
            var p = index[line.PartnerId];
            var r = rows[p];
            rows[p] = line.RuleId switch
            {
                "rebate" => r with { Rebate = line.AmountMinor },
                "spiff-a" or "spiff-b" => r with { Spiff = r.Spiff + line.AmountMinor },
                "growth" => r with { Bonus = line.AmountMinor },
                _ => r,
            };
        }
        for (var p = 0; p < partners; p++) rows[p] = rows[p] with { ProratedTotal = rows[p].Rebate + rows[p].Spiff + rows[p].Bonus };
        foreach (var cut in result.BudgetLines)
        {
            var p = index[cut.PartnerId];
            rows[p] = rows[p] with { ProratedTotal = rows[p].ProratedTotal + cut.AmountMinor };
        }
        return rows;
    }

    /// <summary>docs/benchmarks.md's program, written as any program of Accrue is.</summary>
    static string ProgramText(long cashBudgetDollars) => $$"""
        name: Benchmark program
        currency: USD
        fiscal_year_start_month: 1
        evaluation:
          cadence: quarter
          promotions_need_approval: false
        tiers:
          - id: registered
            name: Registered
          - id: silver
            name: Silver
            criteria:
              - metric: won_revenue
                at_least: 250000
                window: trailing 4 quarters
            benefits:
              rebate_multiplier: 1.1
          - id: gold
            name: Gold
            criteria:
              - metric: won_revenue
                at_least: 1000000
                window: trailing 4 quarters
              - metric: distinct_certifications
                at_least: 2
                window: trailing 4 quarters
            benefits:
              rebate_multiplier: 1.25
          - id: platinum
            name: Platinum
            criteria:
              - metric: won_revenue
                at_least: 5000000
                window: trailing 4 quarters
              - metric: distinct_certifications
                at_least: 3
                window: trailing 4 quarters
            benefits:
              rebate_multiplier: 1.5
        incentives:
          - id: rebate
            name: Rebate
            kind: rebate
            period: quarter
            bracket_mode: marginal
            brackets:
              - from: 0
                rate_percent: 2
              - from: 50000
                rate_percent: 3
              - from: 250000
                rate_percent: 5
            cap_per_partner: 100000
          - id: spiff-a
            name: SPIFF A
            kind: spiff
            period: quarter
            eligibility:
              products: [spiff-a]
            amount: 500
            event: won_deal
            exclusive_group: deal-spiffs
          - id: spiff-b
            name: SPIFF B
            kind: spiff
            period: quarter
            amount: 300
            event: new_logo
            exclusive_group: deal-spiffs
          - id: growth
            name: Growth bonus
            kind: growth_bonus
            period: quarter
            rate_percent: 1
            growth_threshold_percent: 10
            cap_per_partner: 25000
        cash_budget:
          amount: {{cashBudgetDollars}}
          per: quarter
        """;
}
