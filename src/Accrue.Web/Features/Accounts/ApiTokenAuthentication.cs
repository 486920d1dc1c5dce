using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Accrue.Data;
using Accrue.Data.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Accrue.Web.Features.Accounts;

/// <summary>Signs in a request that carries "Authorization: Bearer acr_…" as the token's user.</summary>
sealed class ApiTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    AccrueStorage storage, ApiTokenPrincipals known, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var hash = ApiTokenSecret.Hash(header["Bearer ".Length..].Trim());

        var token = known.Find(hash) ?? await LookUp(hash);
        var now = clock.GetUtcNow();
        if (token is null || token.ExpiresAt <= now || (token.LockoutEnd is { } lockedUntil && lockedUntil > now))
            return AuthenticateResult.Fail("The API token is unknown, revoked or expired.");

        // Each request gets its own copy: later steps may add to the principal they were handed.
        var principal = token.Principal.Clone();
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    /// <summary>The token's user as a principal, or null for a token that is unknown, revoked or has no user.</summary>
    async Task<ApiTokenPrincipals.Known?> LookUp(string hash)
    {
        var generation = known.Generation;
        await using var db = storage.Create(Actor.System);
        var token = await db.ApiTokens.AsNoTracking().Include(t => t.User).SingleOrDefaultAsync(t => t.SecretHash == hash, Context.RequestAborted);
        if (token?.User is null || token.RevokedAt is not null) return null;
        // Resolved here, not taken by the constructor: Identity's claims factory brings the user manager and its store, a
        // dozen scoped services that a request signed in by a remembered token would build for nothing.
        var principals = Context.RequestServices.GetRequiredService<IUserClaimsPrincipalFactory<AccrueUser>>();
        var found = new ApiTokenPrincipals.Known(await principals.CreateAsync(token.User), token.ExpiresAt, token.User.LockoutEnd, generation);
        known.Remember(hash, found);
        return found;
    }
}

/// <summary>Makes token secrets and the hash that is all Accrue keeps of them.</summary>
static class ApiTokenSecret
{
    public const string Marker = "acr_";

    public static string New() => Marker + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
