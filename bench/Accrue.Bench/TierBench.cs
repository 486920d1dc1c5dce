using System.Diagnostics;
using System.Globalization;
using Accrue.Engine.Metrics;
using Accrue.Engine.Program;
using Accrue.Engine.Tiers;
using Accrue.Engine.Time;
using Accrue.Engine.Training;

namespace Accrue.Bench;

/// <summary>
/// Tier evaluation at scale: the dataset of docs/benchmarks.md (partners, deals over 8 quarters,
/// training completions), built into ProgramFacts, then TierEvaluation.Evaluate for 2026-Q3 with a
/// 4-tier ladder over the trailing 4 quarters. Generation, Build and Evaluate are timed apart.
/// </summary>
// dotnet run -c Release --project bench/Accrue.Bench -- tiers [--size S|M] [--repeat 7] [--builds 2]
static class TierBench
{
    /// <summary>Day 0 of the dataset; day 730 is 2026-10-01, the end of 2026-Q3, the evaluated quarter.</summary>
    static readonly DateOnly DayZero = new(2024, 10, 1);
    const ulong PartnerStream = 11, DealStream = 12, CompletionStream = 13;

    public static int Run(string[] args)
    {
        var size = Arg(args, "size", "M");
        var (partners, deals, completions) = size switch
        {
            "S" => (10_000, 1_000_000, 50_000),
            "M" => (50_000, 10_000_000, 500_000),
            "L" => (100_000, 40_000_000, 1_000_000),
            _ => throw new ArgumentException("--size is S, M or L."),
        };
        var repeat = int.Parse(Arg(args, "repeat", "7"), CultureInfo.InvariantCulture);
        var builds = int.Parse(Arg(args, "builds", "2"), CultureInfo.InvariantCulture);
        var environment = BenchEnvironment.Capture();
        Console.WriteLine($"Tier evaluation benchmark, size {size}: {partners:N0} partners, {deals:N0} deals, {completions:N0} training completions.");
        Console.WriteLine($"{environment.Processors} cores, {environment.Cpu}, {environment.Runtime}, {environment.Os}, git {environment.GitSha}, load {environment.LoadAverageAtStart}");

        var clock = Stopwatch.StartNew();
        var ids = Enumerable.Range(0, partners).Select(PartnerId).ToArray();
        var dealFacts = new DealFact[deals];
        Parallel.For(0, deals, i => dealFacts[i] = Deal(i, partners));
        var certifications = new CertificationFact[completions];
        var earned = new ActivityFact[completions];
        Parallel.For(0, completions, i => (certifications[i], earned[i]) = Completion(i, partners));
        var states = Enumerable.Range(0, partners).Select(State).ToArray();
        Console.WriteLine($"Generated in {clock.Elapsed.TotalSeconds:F1} s.");

        ProgramFacts facts = null!;
        var buildSeconds = new List<double>();
        for (var b = 0; b < builds; b++)
        {
            facts = null!;
            GC.Collect();
            clock.Restart();
            facts = ProgramFacts.Build(ids, dealFacts, certifications, earned, new ExchangeRates("USD"));
            buildSeconds.Add(clock.Elapsed.TotalSeconds);
            Console.WriteLine($"Build {b + 1}: {buildSeconds[^1]:F2} s ({deals / buildSeconds[^1] / 1e6:F1} M deals/s).");
        }

        // The facts keep no reference to the generated rows: drop them, so the garbage collector does
        // not walk 10 M deal structs (each holds a string) while Evaluate allocates its explanations.
        (dealFacts, certifications, earned) = (null!, null!, null!);
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        Console.WriteLine($"Managed heap after Build: {GC.GetTotalMemory(true) / 1e6:F0} MB.");

        var program = Ladder();
        var quarter = program.Calendar.Parse("2026-Q3");
        IReadOnlyList<TierDecision> decisions = [];
        foreach (var threads in new[] { 1, 2 }) for (var w = 0; w < 2; w++) decisions = TierEvaluation.Evaluate(program, quarter, states, facts, maxThreads: threads);
        var timings = new Dictionary<int, List<double>> { [1] = [], [2] = [] };
        var withWords = new Dictionary<int, List<double>> { [1] = [], [2] = [] };
        for (var r = 0; r < repeat; r++)
            foreach (var threads in new[] { 1, 2 })   // interleaved, so machine noise hits both
            {
                clock.Restart();
                decisions = TierEvaluation.Evaluate(program, quarter, states, facts, maxThreads: threads);
                timings[threads].Add(clock.Elapsed.TotalMilliseconds);
                // The checks' words are written when first read: time a fresh evaluation with all of them read, as a run that stores them does.
                clock.Restart();
                var judged = TierEvaluation.Evaluate(program, quarter, states, facts, maxThreads: threads);
                Parallel.For(0, judged.Count, new ParallelOptions { MaxDegreeOfParallelism = threads }, i => ReadWords(judged[i]));
                withWords[threads].Add(clock.Elapsed.TotalMilliseconds);
            }

        Console.WriteLine();
        Console.WriteLine("| step | threads | median | min | runs |");
        Console.WriteLine("|---|---|---|---|---|");
        Console.WriteLine($"| ProgramFacts.Build | runtime's choice | {Median(buildSeconds) * 1000:F0} ms | {buildSeconds.Min() * 1000:F0} ms | {builds} |");
        foreach (var (threads, times) in timings)
            Console.WriteLine($"| TierEvaluation.Evaluate | {threads} | {Median(times):F0} ms | {times.Min():F0} ms | {repeat} |");
        foreach (var (threads, times) in withWords)
            Console.WriteLine($"| Evaluate, then every check's words read | {threads} | {Median(times):F0} ms | {times.Min():F0} ms | {repeat} |");
        Console.WriteLine();
        Console.WriteLine("Resulting tiers: " + string.Join(", ", decisions.GroupBy(d => d.NewTierId).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count():N0}")));
        Console.WriteLine("Decisions: " + string.Join(", ", decisions.GroupBy(d => d.Kind).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count():N0}")));
        Console.WriteLine($"Example: {decisions[0].Explanation} {string.Join(" ", decisions[0].Current.Criteria.Select(c => c.Explanation))}");
        return 0;
    }

    static int ReadWords(TierDecision decision) =>
        new[] { decision.Current, decision.Next, decision.Qualifying }.OfType<TierCheck>()
            .Sum(c => c.Summary.Length + c.Criteria.Sum(r => r.Explanation.Length + (r.Missing?.Length ?? 0)));

    /// <summary>The ladder of docs/benchmarks.md: Silver at $250 k, Gold at $1 M and 2 certifications, Platinum at $5 M and 3, over the trailing 4 quarters.</summary>
    static ProgramDefinition Ladder()
    {
        var year = new TrailingWindow(4, PeriodUnit.Quarter);
        TierDefinition Tier(string name, params TierCriterion[] criteria) => new() { Id = name.ToLowerInvariant(), Name = name, Criteria = criteria };
        return new ProgramDefinition
        {
            Name = "Benchmark",
            Tiers =
            [
                Tier("Registered"),
                Tier("Silver", new TierCriterion(Metric.WonRevenue, 250_000, year)),
                Tier("Gold", new TierCriterion(Metric.WonRevenue, 1_000_000, year), new TierCriterion(Metric.DistinctCertifications, 2, year)),
                Tier("Platinum", new TierCriterion(Metric.WonRevenue, 5_000_000, year), new TierCriterion(Metric.DistinctCertifications, 3, year)),
            ],
        };
    }

    static Guid PartnerId(int i) => new(i, 0x7e, 0x1e, 0, 0, 0, 0, 0, 0, 0, 1);

    /// <summary>Partners skewed as P·u³: a few giant distributors and a long tail. 30 % won, 25 % lost, 45 % open; amounts log-uniform $500–$200 k.</summary>
    static DealFact Deal(int i, int partners)
    {
        var rng = Rng.For(DealStream, i);
        var u = rng.Unit();
        var partner = Math.Min(partners - 1, (int)(partners * u * u * u));
        var stage = rng.Unit();
        var outcome = stage < 0.30 ? DealOutcome.Won : stage < 0.55 ? DealOutcome.Lost : DealOutcome.Open;
        var closeDay = rng.Below(730);
        var createDay = Math.Max(0, closeDay - rng.Below(120));
        var cents = (long)(50_000 * Math.Pow(400, rng.Unit()));
        var qualified = rng.Chance(0.6) ? DayZero.AddDays(Math.Min(closeDay, createDay + rng.Below(30))) : (DateOnly?)null;
        var reversed = outcome == DealOutcome.Won && rng.Chance(0.01) ? DayZero.AddDays(closeDay + 1 + rng.Below(60)) : (DateOnly?)null;
        return new DealFact(new Guid(i, 0xd, 0xd, 0, 0, 0, 0, 0, 0, 0, 0), PartnerId(partner), cents, "USD", DayZero.AddDays(createDay), rng.Chance(0.9),
                            qualified, outcome, outcome == DealOutcome.Open ? null : DayZero.AddDays(closeDay), reversed);
    }

    /// <summary>A person of the partner earns one of 30 certifications on a day, valid 12 months.</summary>
    static (CertificationFact, ActivityFact) Completion(int i, int partners)
    {
        var rng = Rng.For(CompletionStream, i);
        var partner = PartnerId(rng.Below(partners));
        var certification = new Guid(rng.Below(30), 0xce, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        var day = DayZero.AddDays(rng.Below(730));
        var person = new Guid(rng.Below(5), 0x9e, 0, 0, 0, 0, 0, 0, 0, 0, (byte)rng.Below(256));
        return (new CertificationFact(partner, person, certification, (CertificationTrack)rng.Below(3), day, day.AddMonths(12)),
                new ActivityFact(partner, Engine.Metrics.ActivityKind.CertificationEarned, day, certification));
    }

    /// <summary>A prior tier, a grace count so far and a join day; a few joined within the ramp.</summary>
    static PartnerTierState State(int i)
    {
        var rng = Rng.For(PartnerStream, i);
        var tier = new[] { "registered", "silver", "gold", "platinum" }[rng.Below(4)];
        return new PartnerTierState(PartnerId(i), tier, rng.Below(2), DayZero.AddDays(rng.Below(900) - 170));
    }

    static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[(sorted.Count - 1) / 2];
    }

    static string Arg(string[] args, string name, string fallback)
    {
        var at = Array.IndexOf(args, "--" + name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
    }
}
