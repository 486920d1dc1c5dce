namespace Accrue.Data;

/// <summary>Who is acting, as far as data access is concerned: what they may see follows from it.</summary>
/// <remarks>
/// Every query a person triggers runs through an <see cref="AccrueDb"/> made for their actor, whose
/// query filters narrow partner-owned rows to that actor's scope. Deny by default: an actor with no
/// role sees no partner data at all.
/// </remarks>
public sealed record Actor(Guid? UserId, string Name, IReadOnlySet<string> Roles, Guid? PartnerId)
{
    /// <summary>The application itself: migrations, seeding, sign-in, scheduled work. Sees everything.</summary>
    public static readonly Actor System = new(null, "system", new HashSet<string> { AccrueRoles.System }, null);

    /// <summary>Nobody signed in: sees nothing.</summary>
    public static readonly Actor Anonymous = new(null, "anonymous", new HashSet<string>(), null);

    public bool IsIn(string role) => Roles.Contains(role);

    /// <summary>Program admins and finance see every partner; so does the system.</summary>
    public bool SeesAllPartners => IsIn(AccrueRoles.System) || IsIn(AccrueRoles.ProgramAdmin) || IsIn(AccrueRoles.Finance);

    /// <summary>A partner manager (who is not also an admin) sees the partners assigned to them.</summary>
    public Guid? ManagesAsUser => !SeesAllPartners && IsIn(AccrueRoles.PartnerManager) ? UserId : null;

    /// <summary>A partner user or partner admin sees its own partner only.</summary>
    public Guid? ActsForPartner => !SeesAllPartners && PartnerId is not null
                                   && (IsIn(AccrueRoles.PartnerAdmin) || IsIn(AccrueRoles.PartnerUser)) ? PartnerId : null;

    public bool IsStaff => SeesAllPartners || IsIn(AccrueRoles.PartnerManager);
}

/// <summary>The roles of Accrue, by name, as Identity stores them.</summary>
public static class AccrueRoles
{
    public const string ProgramAdmin = nameof(ProgramAdmin);
    public const string PartnerManager = nameof(PartnerManager);
    public const string Finance = nameof(Finance);
    public const string PartnerAdmin = nameof(PartnerAdmin);
    public const string PartnerUser = nameof(PartnerUser);

    /// <summary>Not a role anyone holds: marks the application's own actor.</summary>
    internal const string System = "__system";

    public static readonly string[] Staff = [ProgramAdmin, PartnerManager, Finance];
    public static readonly string[] Partner = [PartnerAdmin, PartnerUser];
    public static readonly string[] All = [.. Staff, .. Partner];
}
