using Accrue.Engine.Deals;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Accrue.Engine.Tests.Deals;

public class NameSimilarityTests
{
    [Theory]
    [InlineData("martha", "marhta", 0.9611)]                       // the textbook Jaro–Winkler examples
    [InlineData("dwayne", "duane", 0.8400)]
    [InlineData("dixon", "dicksonx", 0.8133)]
    [InlineData("Contoso Pharmaceuticals", "Contoso Pharmaceutical", 0.9913)]
    [InlineData("Globex Corporation", "Globe Express", 0.8923)]    // compared as "globex" and "globe express"
    [InlineData("Initech", "Initrode", 0.8679)]
    [InlineData("Northwind", "Southwind", 0.8519)]                 // no common prefix, so no Winkler bonus
    [InlineData("abc", "xyz", 0)]                                  // nothing in common
    public void Similarity_is_Jaro_Winkler_with_prefix_scale_0_1_over_at_most_4_characters(string a, string b, double similarity) =>
        Assert.Equal(similarity, NameSimilarity.Of(a, b), 4);

    [Theory]
    [InlineData("Acme, Inc.", "ACME Incorporated")]   // equal once normalised
    [InlineData("", "")]
    [InlineData("Inc.", "inc")]
    public void Names_with_the_same_normal_form_are_fully_alike(string a, string b) => Assert.Equal(1, NameSimilarity.Of(a, b));

    [Theory]
    [InlineData("", "Acme")]
    [InlineData("Acme", " , ")]                        // nothing left of it after normalising
    public void An_empty_name_is_not_alike_a_non_empty_one(string a, string b) => Assert.Equal(0, NameSimilarity.Of(a, b));

    static readonly Arbitrary<string> Names =
        Gen.ListOf(Gen.Elements("a", "c", "m", "e", "i", "n", "t", "h", "o", " ", "Inc", "é", "&")).Select(p => string.Concat(p)).ToArbitrary();

    [Property(MaxTest = 2000)]
    public Property Similarity_is_symmetric_and_between_0_and_1() =>
        Prop.ForAll(Names, Names, (a, b) =>
        {
            var ab = NameSimilarity.Of(a, b);
            return ab == NameSimilarity.Of(b, a) && ab is >= 0 and <= 1;
        });

    [Property]
    public bool A_name_is_fully_alike_itself(NonNull<string> name) => NameSimilarity.Of(name.Get, name.Get) == 1;

    [Property(MaxTest = 5000)]
    public Property Two_names_are_never_more_alike_than_their_outlines_allow() =>
        Prop.ForAll(Names, Names, (a, b) =>
        {
            var (normalA, normalB) = (CompanyNames.Normalize(a), CompanyNames.Normalize(b));
            return NameSimilarity.OfNormalForms(normalA, normalB) <= NameSimilarity.AtMost(NameOutline.Of(normalA), NameOutline.Of(normalB));
        });

    [Theory]
    [InlineData("kavomira analytics", "kavotelu", false)]         // one block, other customers: ruled out by the outlines alone
    [InlineData("contoso pharmaceuticals", "contoso pharmaceutical", true)]
    [InlineData("initech", "initrode", false)]                    // 0.87 in full, and the outlines tell already
    [InlineData("martha", "marhta", true)]                        // the same letters, transposed: only the full comparison tells
    public void Outlines_rule_out_names_with_too_few_characters_in_common(string a, string b, bool mayReachThreshold) =>
        Assert.Equal(mayReachThreshold, NameSimilarity.AtMost(NameOutline.Of(a), NameOutline.Of(b)) >= MatchPolicy.Default.NameThreshold);

    [Fact]
    public void A_name_too_long_to_outline_is_compared_in_full()
    {
        var (longName, other) = (new string('a', 300), "b");
        Assert.False(NameOutline.Of(longName).IsCounted);
        Assert.Equal(1, NameSimilarity.AtMost(NameOutline.Of(longName), NameOutline.Of(other)));
    }
}
