using Accrue.Engine.Deals;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Accrue.Engine.Tests.Deals;

public class CompanyNamesTests
{
    [Theory]
    [InlineData("Acme", "acme")]
    [InlineData("  ACME   Robotics ", "acme robotics")]                   // case and spacing
    [InlineData("Acme, Inc.", "acme")]
    [InlineData("ACME Incorporated", "acme")]
    [InlineData("Acme L.L.C.", "acme")]                                    // dotted forms are one suffix
    [InlineData("Acme LLC", "acme")]
    [InlineData("Northwind Traders Ltd", "northwind traders")]
    [InlineData("Northwind Traders Limited", "northwind traders")]
    [InlineData("Globex Corporation", "globex")]
    [InlineData("The Coca-Cola Company", "the coca cola")]                 // punctuation becomes a space
    [InlineData("Acme Holdings GmbH & Co. KG", "acme holdings")]           // several suffixes, and the "&" between them
    [InlineData("Société Générale S.A.", "societe generale")]              // accents
    [InlineData("Müller GmbH", "muller")]
    [InlineData("Straße AG", "strasse")]                                   // letters without a decomposition
    [InlineData("Ærø Øl ApS", "aero ol aps")]                              // "ApS" is not on the list
    [InlineData("Łódź Sp. z o.o.", "lodz sp z oo")]                          // "sp z oo" is not on the list either
    [InlineData("Fiat S.p.A.", "fiat")]
    [InlineData("Renault S.A.S.", "renault")]
    [InlineData("Dupont S.à r.l.", "dupont sa rl")]                        // spaced out, the initials are no longer one suffix
    [InlineData("Dupont SARL", "dupont")]
    [InlineData("Philips N.V.", "philips")]
    [InlineData("Heineken B.V.", "heineken")]
    [InlineData("BHP Pty Ltd", "bhp")]
    [InlineData("Nokia Oy", "nokia")]
    [InlineData("Volvo AB", "volvo")]
    [InlineData("Equinor AS", "equinor")]
    [InlineData("Sony KK", "sony")]
    [InlineData("Barclays PLC", "barclays")]
    [InlineData("Lazard Ltd. LP", "lazard")]
    [InlineData("Smith & Sons", "smith and sons")]                         // "&" is "and", kept in the middle
    [InlineData("Inc Magazine", "inc magazine")]                           // a legal form counts only at the end
    [InlineData("Co", "co")]                                               // never the only word
    [InlineData("Co. Ltd.", "co")]                                         // the last word left stays
    [InlineData("AT&T Inc.", "at and t")]
    [InlineData("J.P. Morgan", "jp morgan")]                               // initials join up
    [InlineData("acme.com", "acme com")]                                   // other dots separate words
    [InlineData("", "")]
    [InlineData(" ,.; ", "")]
    public void A_name_normalises_to_its_distinguishing_words(string name, string normal) =>
        Assert.Equal(normal, CompanyNames.Normalize(name));

    static readonly string[] Pieces =
        ["Acme", "MÜLLER", "Société", "Straße", "Ærø", "Łódź", "&", "and", ",", ".", "-", " ", "  ", "Inc", "inc.", "L.L.C.",
         "GmbH", "Co.", "KG", "S.A.", "s.a.r.l.", "Ltd", "Co", "co.ltd", "Holdings", "J.P.", "x", "é", "\u0301", "\ud83d\ude00", "\ud800"];

    static Arbitrary<string> NameLike() =>
        Gen.ListOf(Gen.Elements(Pieces)).Select(parts => string.Concat(parts)).ToArbitrary();

    [Property(MaxTest = 1000)]
    public Property Normalising_twice_is_normalising_once_for_name_like_text() =>
        Prop.ForAll(NameLike(), name => CompanyNames.Normalize(CompanyNames.Normalize(name)) == CompanyNames.Normalize(name));

    [Property(MaxTest = 1000)]
    public bool Normalising_twice_is_normalising_once_for_any_text(NonNull<string> name) =>
        CompanyNames.Normalize(CompanyNames.Normalize(name.Get)) == CompanyNames.Normalize(name.Get);
}
