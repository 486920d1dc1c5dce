using Accrue.Engine.Partners;
using Accrue.Data.Accounts;

namespace Accrue.Data.Partners;

/// <summary>An organisation in the partner program: reseller, referral partner, integrator, technology partner or MSP.</summary>
public sealed class Partner
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    /// <summary>The partner's id in the vendor's CRM; imports match on it.</summary>
    public string? ExternalId { get; set; }
    public required string Name { get; set; }
    public PartnerType Type { get; set; }
    public Region Region { get; set; }
    /// <summary>ISO 3166-1 alpha-2 country code.</summary>
    public required string Country { get; set; }
    public string? Vertical { get; set; }
    public string? Website { get; set; }
    public PartnerStatus Status { get; private set; } = PartnerStatus.Prospect;
    public DateOnly JoinedOn { get; set; }
    public Guid? ManagerId { get; set; }
    public AccrueUser? Manager { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    /// <summary>Application-managed concurrency token: SQLite has no row versions of its own.</summary>
    public Guid Revision { get; set; } = Guid.NewGuid();
    public List<Contact> Contacts { get; init; } = [];

    /// <summary>Moves the partner to a new status if <see cref="PartnerLifecycle"/> allows it; the answer says why not.</summary>
    public StatusChange MoveTo(PartnerStatus status, string? reason)
    {
        var change = PartnerLifecycle.Check(Status, status, reason);
        if (change.IsAllowed) Status = status;
        return change;
    }

    /// <summary>Sets the status of a partner being created or imported, where no earlier status exists.</summary>
    public void StartAs(PartnerStatus status) => Status = status;
}

/// <summary>A person at a partner: later the holder of certifications and the attendee of trainings.</summary>
public sealed class Contact
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid PartnerId { get; init; }
    public Partner? Partner { get; init; }
    public required string FirstName { get; set; }
    public required string LastName { get; set; }
    public required string Email { get; set; }
    public string? JobTitle { get; set; }
    public string? Phone { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
}
