using Accrue.Engine.Deals;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Accrue.Engine.Tests.Deals;

public class SpotAuditTests
{
    /// <summary>10,000 deal ids, the same on every run.</summary>
    static readonly Guid[] Deals = [.. Enumerable.Range(0, 10_000).Select(RandomId(new Random(20260401)))];

    static Func<int, Guid> RandomId(Random random) => _ =>
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    };

    static int Drawn(decimal share, int seed) => Deals.Count(id => SpotAudit.Draws(id, share, seed));

    /// <summary>Five standard deviations of the binomial count: a correct draw falls outside about once in two million.</summary>
    static double Tolerance(decimal share) => 5 * Math.Sqrt(Deals.Length * (double)share * (1 - (double)share)) + 1;

    [Theory]
    [InlineData("0.1", 42)]
    [InlineData("0.25", 42)]
    [InlineData("0.5", 7)]
    [InlineData("0.02", -1)]     // a small audit share, a negative seed
    public void About_the_share_of_deals_is_drawn(string share, int seed)
    {
        var s = decimal.Parse(share, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(Drawn(s, seed), (double)s * Deals.Length - Tolerance(s), (double)s * Deals.Length + Tolerance(s));
    }

    [Fact]
    public void A_share_of_0_draws_none_and_a_share_of_1_draws_all()
    {
        Assert.Equal(0, Drawn(0m, 42));
        Assert.Equal(Deals.Length, Drawn(1m, 42));
    }

    [Property(MaxTest = 50)]
    public Property Any_share_and_seed_draw_about_the_share() =>
        Prop.ForAll(Gen.Choose(0, 1000).Select(n => n / 1000m).ToArbitrary(), ArbMap.Default.ArbFor<int>(), (share, seed) =>
            Math.Abs(Drawn(share, seed) - (double)share * Deals.Length) <= Tolerance(share));

    [Property]
    public bool Raising_the_share_only_adds_deals(Guid id, int seed, byte low, byte high) =>
        !SpotAudit.Draws(id, Math.Min(low, high) / 255m, seed) || SpotAudit.Draws(id, Math.Max(low, high) / 255m, seed);

    [Fact]
    public void Another_seed_draws_an_independent_sample()
    {
        var both = Deals.Count(id => SpotAudit.Draws(id, 0.5m, 1) && SpotAudit.Draws(id, 0.5m, 2));
        Assert.InRange(both, 2_500 - Tolerance(0.25m), 2_500 + Tolerance(0.25m));   // a quarter, as for two independent halves
    }

    /// <summary>
    /// Pinned from SHA-256 computed outside .NET, so an audit drawn today can be shown again after an
    /// upgrade: the id's bytes as Guid.TryWriteBytes lays them out, then the seed in little-endian.
    /// </summary>
    [Theory]
    [InlineData("0190a5b2-7c3e-7d41-9f00-3a1b2c4d5e6f", 42, "0.50471948")]      // the number drawn is 0.50471948909…
    [InlineData("0190a5b2-7c3e-7d41-9f00-3a1b2c4d5e6f", 43, "0.85113925")]
    [InlineData("00000000-0000-0000-0000-000000000001", 0, "0.47818299")]
    public void The_draw_for_a_deal_and_seed_never_changes(string id, int seed, string drawnNumberTo8Digits)
    {
        var below = decimal.Parse(drawnNumberTo8Digits, System.Globalization.CultureInfo.InvariantCulture);
        Assert.False(SpotAudit.Draws(Guid.Parse(id), below, seed));
        Assert.True(SpotAudit.Draws(Guid.Parse(id), below + 0.00000001m, seed));
    }

    [Theory]
    [InlineData("-0.01")]
    [InlineData("1.01")]
    public void A_share_outside_0_to_1_is_refused(string share) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SpotAudit.Draws(Guid.Empty, decimal.Parse(share, System.Globalization.CultureInfo.InvariantCulture), 0));
}
