using Accrue.Engine.Deals;

namespace Accrue.Engine.Tests.Deals;

/// <summary>These two tables pin <see cref="MatchPolicy.Default"/>'s threshold from both sides.</summary>
public class MatchPolicyTests
{
    [Theory]
    [InlineData("Müller GmbH", "Muller")]                                   // legal form and accent
    [InlineData("Acme, Inc.", "ACME Incorporated")]                         // punctuation, case, long and short legal form
    [InlineData("Northwind Traders Ltd", "Northwind Traders")]
    [InlineData("Société Générale S.A.", "Societe Generale")]
    [InlineData("Contoso Pharmaceuticals", "Contoso Pharmaceutical")]       // a one-letter typo: 0.99, the lowest that must match
    [InlineData("Acme Holdings GmbH & Co. KG", "ACME HOLDINGS")]
    public void Variants_of_one_customer_s_name_match(string a, string b) =>
        Assert.NotNull(MatchPolicy.Default.NameMatch(a, b));

    [Theory]
    [InlineData("Acme", "Acma Robotics")]                                   // 0.76
    [InlineData("Northwind", "Southwind")]                                  // 0.85
    [InlineData("Globex Corporation", "Globe Express")]                     // 0.89, the highest that must not match
    [InlineData("Initech", "Initrode")]                                     // 0.87
    public void Near_misses_are_other_customers(string a, string b) =>
        Assert.Null(MatchPolicy.Default.NameMatch(a, b));

    [Fact]
    public void A_match_carries_the_similarity() =>
        Assert.Equal(0.9913, MatchPolicy.Default.NameMatch("Contoso Pharmaceuticals", "Contoso Pharmaceutical")!.Value, 4);

    [Theory]
    [InlineData(0)]
    [InlineData(-0.5)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void A_threshold_outside_0_to_1_is_refused(double threshold)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MatchPolicy(threshold));
        Assert.Throws<ArgumentOutOfRangeException>(() => MatchPolicy.Default with { NameThreshold = threshold });
    }
}
