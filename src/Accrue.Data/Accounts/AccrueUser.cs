using Accrue.Data.Partners;
using Microsoft.AspNetCore.Identity;

namespace Accrue.Data.Accounts;

/// <summary>A person who signs in: vendor staff, or a user of exactly one partner.</summary>
public sealed class AccrueUser : IdentityUser<Guid>
{
    public AccrueUser() => Id = Guid.CreateVersion7();

    public required string DisplayName { get; set; }
    /// <summary>Set for partner admins and partner users; null for vendor staff.</summary>
    public Guid? PartnerId { get; set; }
    public Partner? Partner { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public Guid? InvitedById { get; set; }
    /// <summary>When the invitee chose a password; null while the invitation is open.</summary>
    public DateTimeOffset? AcceptedAt { get; set; }
}

/// <summary>A personal API token: a bearer secret for scripts and integrations, acting as its user.</summary>
/// <remarks>Only a SHA-256 hash of the secret is stored; the secret is shown once, when created.</remarks>
public sealed class ApiToken
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid UserId { get; init; }
    public AccrueUser? User { get; init; }
    public required string Name { get; init; }
    /// <summary>The first characters of the secret, so people can tell their tokens apart.</summary>
    public required string Prefix { get; init; }
    public required string SecretHash { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public DateTimeOffset? RevokedAt { get; set; }
}
