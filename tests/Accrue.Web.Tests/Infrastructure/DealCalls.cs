using System.Net;
using Accrue.Data;
using Accrue.Data.Accounts;
using Accrue.Data.Partners;
using Accrue.Engine.Deals;
using Accrue.Web.Features.Deals;
using Microsoft.Extensions.DependencyInjection;

namespace Accrue.Web.Tests.Infrastructure;

/// <summary>Registering and reading deals over the API, with customers no other test of the host names.</summary>
public static class DealCalls
{
    /// <summary>
    /// A new partner's user, as the actor of registrations queued straight on the <see cref="RegistrationQueue"/> (past HTTP),
    /// so that a test decides which registrations wait together.
    /// </summary>
    public static async Task<(Partner Partner, AccrueUser User, Actor Actor, RegistrationQueue Queue)> Queuing(AccrueApp app)
    {
        var partner = await app.Seed.Partner();
        var user = await app.Seed.PartnerUserOf(partner);
        return (partner, user, new Actor(user.Id, user.Email!, new HashSet<string> { AccrueRoles.PartnerUser }, partner.Id),
                app.Services.GetRequiredService<RegistrationQueue>());
    }

    /// <summary>A customer name of random letters: its first four characters (the name block) are its own, so tests never conflict by chance.</summary>
    public static string Customer(string suffix = "Systems")
    {
        var word = Letters(8);
        return $"{char.ToUpperInvariant(word[0])}{word[1..]} {suffix}";
    }

    public static string Letters(int count) => string.Concat(Enumerable.Range(0, count).Select(_ => (char)('a' + Random.Shared.Next(26))));

    public static string DomainOf(string customer) => $"{customer.Split(' ')[0].ToLowerInvariant()}.example";

    /// <summary>A registration that draws no fraud signal of its own (the amount is not round).</summary>
    public static RegisterDealRequest Registration(string customer, string? domain = null, bool submit = true, decimal amount = 12_345.67m,
                                                   string[]? productLines = null, string? contactEmail = null) =>
        new(customer, domain, "US", "Jane Roe", contactEmail, productLines ?? ["Analytics"], amount, "USD",
            DateOnly.FromDateTime(DateTime.UtcNow).AddDays(60), Involvement.PartnerSourced, Submit: submit);

    public static async Task<RegistrationOutcome> Register(this HttpClient partner, RegisterDealRequest request) =>
        await (await partner.PostJson("/api/v1/deals", request)).Read<RegistrationOutcome>(HttpStatusCode.Created);

    public static async Task<DealDetail> Deal(this HttpClient client, Guid id) =>
        await (await client.GetAsync($"/api/v1/deals/{id}")).Read<DealDetail>();

    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);
}
