using Accrue.Data;
using Accrue.Data.Accounts;
using Accrue.Data.Partners;
using Accrue.Engine.Partners;
using Bogus;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Accrue.Web.Features.Demo;

/// <summary>"Accrue:Demo": whether a demo program is seeded into an empty database, and sign-in buttons shown.</summary>
public sealed class DemoOptions
{
    public const string Section = "Accrue:Demo";
    /// <summary>Seed the demo on first start with an empty database. Turn off in production.</summary>
    public bool Seed { get; set; } = true;
    public int Partners { get; set; } = 300;
}

/// <summary>The people of the demo, one per role, who sign in with the demo password or a button.</summary>
public static class DemoPersonas
{
    public const string Password = "accrue-demo-2026";

    public static readonly (string Email, string Name, string Role)[] All =
    [
        ("admin@accrue.demo", "Avery Admin", AccrueRoles.ProgramAdmin),
        ("manager@accrue.demo", "Morgan Manager", AccrueRoles.PartnerManager),
        ("finance@accrue.demo", "Frankie Finance", AccrueRoles.Finance),
        ("partner.admin@accrue.demo", "Pat Partner-Admin", AccrueRoles.PartnerAdmin),
        ("partner.user@accrue.demo", "Pip Partner-User", AccrueRoles.PartnerUser),
    ];
}

/// <summary>Generates a realistic demo program: partners across types and regions, contacts, staff and partner users.</summary>
/// <remarks>Generated from a fixed seed, so every fresh demo looks the same and screenshots stay comparable.</remarks>
public sealed class DemoProgram(AccrueStorage storage, UserManager<AccrueUser> users, TimeProvider clock, DemoOptions options, DemoDeals deals, DemoTraining training, DemoTiers tiers)
{
    static readonly string[] Verticals = ["Healthcare", "Financial services", "Manufacturing", "Retail", "Public sector", "Education", "Energy", "Logistics", "Media", "Software"];
    static readonly Dictionary<Region, string[]> Countries = new()
    {
        [Region.NorthAmerica] = ["US", "US", "US", "CA"],
        [Region.LatinAmerica] = ["BR", "MX", "AR", "CL", "CO"],
        [Region.Europe] = ["DE", "GB", "FR", "NL", "SE", "ES", "IT", "PL"],
        [Region.MiddleEastAfrica] = ["AE", "SA", "ZA", "IL", "EG"],
        [Region.AsiaPacific] = ["JP", "AU", "SG", "IN", "KR", "NZ"],
    };

    /// <summary>Seeds the demo into an empty database; answers false and does nothing if partners exist.</summary>
    public async Task<bool> SeedAsync(CancellationToken ct)
    {
        await using (var check = storage.Create(Actor.System))
            if (await check.Partners.AnyAsync(ct)) return false;

        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var staff = new List<AccrueUser>();
        foreach (var (email, name, role) in DemoPersonas.All.Where(p => AccrueRoles.Staff.Contains(p.Role)))
            staff.Add(await CreateUser(email, name, role, null, DemoPersonas.Password, now));
        var faker = new Faker("en") { Random = new Randomizer(20261123) };
        for (var i = 0; i < 5; i++)
        {
            var name = faker.Name.FullName();
            staff.Add(await CreateUser($"manager{i + 2}@accrue.demo", name, AccrueRoles.PartnerManager, null, null, now));
        }
        var managers = staff.Where(u => u.Email!.StartsWith("manager")).ToList();

        var partners = GeneratePartners(faker, managers, today, now);
        await using (var db = storage.Create(Actor.System))
        {
            db.Partners.AddRange(partners);
            await db.SaveChangesAsync(ct);
        }

        // The partner personas work for the first active partner that the demo manager looks after.
        var home = partners.First(p => p.Status == PartnerStatus.Active && p.ManagerId == managers[0].Id);
        foreach (var (email, name, role) in DemoPersonas.All.Where(p => AccrueRoles.Partner.Contains(p.Role)))
            await CreateUser(email, name, role, home.Id, DemoPersonas.Password, now);
        // Some partners have invited users of their own (without a password yet).
        foreach (var partner in partners.Where(p => p.Status == PartnerStatus.Active).Skip(1).Take(30))
        {
            var contact = partner.Contacts[0];
            await CreateUser(contact.Email, $"{contact.FirstName} {contact.LastName}", AccrueRoles.PartnerAdmin, partner.Id, null, now);
        }
        await deals.SeedAsync(home.Id, ct);
        await training.SeedAsync(home.Id, ct);
        await tiers.SeedAsync(ct);
        return true;
    }

    List<Partner> GeneratePartners(Faker faker, List<AccrueUser> managers, DateOnly today, DateTimeOffset now)
    {
        var partners = new List<Partner>();
        var names = new HashSet<string>();
        while (partners.Count < options.Partners)
        {
            var name = faker.Company.CompanyName();
            if (!names.Add(name)) continue;
            var region = faker.PickRandom<Region>();
            var type = faker.Random.WeightedRandom(
                [PartnerType.Reseller, PartnerType.Referral, PartnerType.Integrator, PartnerType.Technology, PartnerType.Msp],
                [0.40f, 0.20f, 0.15f, 0.10f, 0.15f]);
            var status = faker.Random.WeightedRandom(
                [PartnerStatus.Active, PartnerStatus.Onboarding, PartnerStatus.Prospect, PartnerStatus.Suspended, PartnerStatus.Exited],
                [0.70f, 0.10f, 0.10f, 0.05f, 0.05f]);
            var partner = new Partner
            {
                ExternalId = $"CRM-{100000 + partners.Count * 7:D6}",
                Name = name, Type = type, Region = region, Country = faker.PickRandom(Countries[region]),
                Vertical = faker.PickRandom(Verticals),
                Website = $"https://www.{Slug(name)}.example",
                JoinedOn = today.AddDays(-faker.Random.Int(30, 4 * 365)),
                // The demo manager has a portfolio of about sixty partners; the others share the rest.
                ManagerId = partners.Count % 5 == 0 ? managers[0].Id : faker.PickRandom(managers).Id,
                CreatedAt = now,
            };
            partner.StartAs(status);
            var domain = $"{Slug(name)}.example";
            for (var c = faker.Random.Int(1, 5); c > 0; c--)
            {
                var first = faker.Name.FirstName();
                var last = faker.Name.LastName();
                var email = $"{Slug(first)}.{Slug(last)}@{domain}";
                if (partner.Contacts.Any(x => x.Email == email)) continue;
                partner.Contacts.Add(new Contact
                {
                    PartnerId = partner.Id, FirstName = first, LastName = last, Email = email,
                    JobTitle = faker.PickRandom("Sales Director", "Account Executive", "Solutions Engineer", "Alliance Manager", "Marketing Lead", "Technical Consultant"),
                    Phone = faker.Phone.PhoneNumber("+## ### ### ####"), CreatedAt = now,
                });
            }
            partners.Add(partner);
        }
        return partners;
    }

    async Task<AccrueUser> CreateUser(string email, string name, string role, Guid? partnerId, string? password, DateTimeOffset now)
    {
        var user = new AccrueUser
        {
            UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, PartnerId = partnerId, CreatedAt = now,
            AcceptedAt = password is null ? null : now,
        };
        var created = password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password);
        if (!created.Succeeded) throw new InvalidOperationException($"Demo user {email}: {string.Join("; ", created.Errors.Select(e => e.Description))}");
        await users.AddToRoleAsync(user, role);
        return user;
    }

    static string Slug(string text) =>
        new string(text.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray()) is { Length: > 0 } s ? s : "partner";
}
