using Accrue.Data;
using Accrue.Data.Accounts;
using Accrue.Data.Partners;
using Accrue.Engine.Partners;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Accrue.Web.Tests.Infrastructure;

/// <summary>Writes test data straight into the app's database, as the system: partners, contacts and users.</summary>
/// <remarks>Every name, e-mail and external id is numbered, so that tests sharing a host never collide.</remarks>
public sealed partial class Seed(AccrueApp app)
{
    int next;

    int Next() => Interlocked.Increment(ref next);

    public async Task<Partner> Partner(string? name = null, AccrueUser? manager = null, PartnerStatus status = PartnerStatus.Prospect,
                                       string? externalId = null, string country = "DE")
    {
        var n = Next();
        var partner = new Partner
        {
            Name = name ?? $"Partner {n}", ExternalId = externalId ?? $"EXT-{n:D5}", Country = country,
            Type = PartnerType.Reseller, Region = Region.Europe, JoinedOn = new DateOnly(2026, 1, 15),
            ManagerId = manager?.Id, CreatedAt = DateTimeOffset.UtcNow,
        };
        partner.StartAs(status);
        await using var db = app.Db();
        db.Partners.Add(partner);
        await db.SaveChangesAsync();
        return partner;
    }

    public async Task<Contact> Contact(Partner partner)
    {
        var n = Next();
        var contact = new Contact
        {
            PartnerId = partner.Id, FirstName = "Casey", LastName = $"Contact {n}", Email = $"contact{n}@partner.example",
            CreatedAt = DateTimeOffset.UtcNow,
        };
        await using var db = app.Db();
        db.Contacts.Add(contact);
        await db.SaveChangesAsync();
        return contact;
    }

    public Task<AccrueUser> ProgramAdmin() => User(AccrueRoles.ProgramAdmin);
    public Task<AccrueUser> PartnerManager() => User(AccrueRoles.PartnerManager);
    public Task<AccrueUser> Finance() => User(AccrueRoles.Finance);
    public Task<AccrueUser> PartnerAdminOf(Partner partner) => User(AccrueRoles.PartnerAdmin, partner);
    public Task<AccrueUser> PartnerUserOf(Partner partner) => User(AccrueRoles.PartnerUser, partner);

    /// <summary>A user who has accepted their invitation, in one role, through Identity as the app itself creates users.</summary>
    public async Task<AccrueUser> User(string role, Partner? partner = null)
    {
        var n = Next();
        var email = $"{role.ToLowerInvariant()}{n}@test.example";
        var user = new AccrueUser
        {
            UserName = email, Email = email, EmailConfirmed = true, DisplayName = $"{role} {n}", PartnerId = partner?.Id,
            CreatedAt = DateTimeOffset.UtcNow, AcceptedAt = DateTimeOffset.UtcNow,
        };
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AccrueUser>>();
        Succeeded(await users.CreateAsync(user));
        Succeeded(await users.AddToRoleAsync(user, role));
        return user;
    }

    static void Succeeded(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }
}
