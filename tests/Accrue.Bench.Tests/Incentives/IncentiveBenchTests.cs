using Accrue.Bench.Incentives;

namespace Accrue.Bench.Tests.Incentives;

/// <summary>
/// The incentive benchmark's correctness at a small size, on every CI run: every peer (the engine,
/// DuckDB SQL, RulesEngine per deal and per partner, PostgreSQL SQL) computes the same tier, rebate,
/// SPIFFs, growth bonus and total after the cash budget as the hand-written loop, for every partner.
/// Not a timed test: the timings come from running the benchmark.
/// </summary>
public class IncentiveBenchTests
{
    [Fact]
    public void The_engine_DuckDB_and_RulesEngine_agree_with_the_hand_written_loop_partner_by_partner()
    {
        var mismatches = IncentiveBench.Verify(partners: 2_000, deals: 100_000, completions: 5_000);

        Assert.True(mismatches.Count == 0, $"{mismatches.Count} partner result(s) differ, e.g. {string.Join("; ", mismatches.Take(3))}");
    }

    [PostgresFact]
    public void PostgreSQL_SQL_agrees_with_the_hand_written_loop_partner_by_partner()
    {
        var mismatches = IncentiveBench.Verify(partners: 2_000, deals: 100_000, completions: 5_000, PostgresFactAttribute.ConnectionString);

        Assert.True(mismatches.Count == 0, $"{mismatches.Count} partner result(s) differ, e.g. {string.Join("; ", mismatches.Take(3))}");
    }
}

/// <summary>Runs with the PostgreSQL of ACCRUE_TEST_POSTGRES (.ci/run starts one); skipped on a developer machine without it, never under CI.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    const string Variable = "ACCRUE_TEST_POSTGRES";
    static string? Configured => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;
    static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public PostgresFactAttribute() => Skip = Configured is null && !InCi ? $"{Variable} is not set; .ci/run starts PostgreSQL" : null;

    public static string ConnectionString => Configured ?? throw new InvalidOperationException($"{Variable} is not set; under CI PostgreSQL is required.");
}
