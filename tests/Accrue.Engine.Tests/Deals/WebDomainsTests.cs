using Accrue.Engine.Deals;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Accrue.Engine.Tests.Deals;

public class WebDomainsTests
{
    [Theory]
    [InlineData("acme.com", "acme.com")]
    [InlineData("ACME.com", "acme.com")]                          // lower-case
    [InlineData("  acme.com  ", "acme.com")]
    [InlineData("https://www.acme.com/path?q", "acme.com")]       // scheme, www, path and query
    [InlineData("http://acme.com#about", "acme.com")]
    [InlineData("www.acme.com:443", "acme.com")]                  // port
    [InlineData("acme.com.", "acme.com")]                         // the trailing dot of a fully qualified name
    [InlineData("jane@acme.com", "acme.com")]                     // an e-mail address names its domain
    [InlineData("mailto:Jane.Roe@Acme.com", "acme.com")]
    [InlineData("https://user@www.acme.co.uk:8443/x", "acme.co.uk")]
    [InlineData("shop.acme.com", "shop.acme.com")]                // other subdomains stay: they may be other customers
    [InlineData("www.www.acme.com", "acme.com")]
    [InlineData("www.com", "www.com")]                            // "www." goes only when a domain is left
    [InlineData("müller.de", "müller.de")]
    [InlineData("my-shop.io", "my-shop.io")]
    public void A_domain_url_or_address_gives_the_customer_s_domain(string typed, string domain) =>
        Assert.Equal(domain, WebDomains.Normalize(typed));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("acme")]                   // no dot
    [InlineData("acme .com")]              // a space inside
    [InlineData("acme..com")]              // an empty label
    [InlineData("-acme.com")]              // a label cannot start with a hyphen
    [InlineData("acme_corp.com")]
    [InlineData("https://")]
    [InlineData("jane@")]
    [InlineData("192.168.0.1")]            // an address, not a name
    public void Anything_that_is_not_a_host_name_gives_null(string? typed) =>
        Assert.Null(WebDomains.Normalize(typed));

    static readonly string[] Pieces = ["https://", "www.", "WWW.", "acme", "Acme", ".com", ".", ":443", "/path", "?q", "@", "jane", " ", "-", "ü", "1"];

    [Property(MaxTest = 1000)]
    public Property Normalising_a_normalised_domain_keeps_it() =>
        Prop.ForAll(Gen.ListOf(Gen.Elements(Pieces)).Select(p => string.Concat(p)).ToArbitrary(), typed =>
            WebDomains.Normalize(typed) is not { } domain || WebDomains.Normalize(domain) == domain);
}
