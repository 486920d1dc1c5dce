using Accrue.Bench.Incentives;

namespace Accrue.Bench.Tests.Incentives;

/// <summary>
/// The incentive benchmark's correctness at a small size, on every CI run: the engine and the
/// hand-written loop compute the same tier, rebate, SPIFFs, growth bonus and total after the cash
/// budget for every partner. Not a timed test: the timings come from running the benchmark.
/// </summary>
public class IncentiveBenchTests
{
    [Fact]
    public void The_engine_and_the_hand_written_loop_agree_partner_by_partner()
    {
        var mismatches = IncentiveBench.Verify(partners: 2_000, deals: 100_000, completions: 5_000);

        Assert.True(mismatches.Count == 0, $"{mismatches.Count} partner(s) differ, e.g. {string.Join("; ", mismatches.Take(3))}");
    }
}
