using Accrue.Data.Deals;
using Accrue.Data.Partners;
using Accrue.Engine.Deals;
using Accrue.Web.Features.Deals;

namespace Accrue.Web.Tests.Infrastructure;

/// <summary>Deals and the vendor's pipeline, written straight into the database as the system, with the keys screening matches on.</summary>
public sealed partial class Seed
{
    /// <summary>A deal of <paramref name="partner"/>; a submitted or later deal is registered <paramref name="registeredAt"/> (default: a day ago).</summary>
    /// <remarks>With <paramref name="protectedUntil"/>, protection runs from <paramref name="protectedFrom"/> (default: the registration day).</remarks>
    public async Task<Deal> Deal(Partner partner, string customerName, string? customerDomain = null, DealStatus status = DealStatus.Submitted,
                                 DateTimeOffset? registeredAt = null, DateOnly? protectedUntil = null, string productLines = "Analytics",
                                 string? externalId = null, DateOnly? protectedFrom = null)
    {
        var (key, block, domain) = CustomerKeys.For(customerName, customerDomain);
        var registered = status == DealStatus.Draft ? (DateTimeOffset?)null : registeredAt ?? DateTimeOffset.UtcNow.AddDays(-1);
        var deal = new Deal
        {
            PartnerId = partner.Id, ExternalId = externalId, Status = status, CustomerName = customerName, CustomerNameKey = key,
            CustomerNameBlock = block, CustomerDomain = domain, CustomerCountry = "US", ProductLines = productLines,
            EstimatedAmountMinor = 1_234_567, Currency = "USD", ExpectedCloseOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(60),
            Involvement = Involvement.PartnerSourced, CreatedAt = registered ?? DateTimeOffset.UtcNow, RegisteredAt = registered,
            ProtectedFrom = protectedUntil is null ? null : protectedFrom ?? DateOnly.FromDateTime(registered!.Value.UtcDateTime),
            ProtectedUntil = protectedUntil,
        };
        await using var db = app.Db();
        db.Deals.Add(deal);
        await db.SaveChangesAsync();
        return deal;
    }

    /// <summary>An opportunity of the vendor's own sales team, as the CRM import stores it.</summary>
    public async Task<PipelineOpportunity> PipelineOpportunity(string customerName, string? customerDomain = null, DateOnly? createdOn = null)
    {
        var (key, block, domain) = CustomerKeys.For(customerName, customerDomain);
        var opportunity = new PipelineOpportunity
        {
            ExternalId = $"PIPE-{Next():D5}-{Guid.NewGuid():N}"[..30], CustomerName = customerName, CustomerNameKey = key, CustomerNameBlock = block,
            CustomerDomain = domain, Owner = "Vendor Sales", CreatedOn = createdOn ?? DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-10),
        };
        await using var db = app.Db();
        db.PipelineOpportunities.Add(opportunity);
        await db.SaveChangesAsync();
        return opportunity;
    }
}
