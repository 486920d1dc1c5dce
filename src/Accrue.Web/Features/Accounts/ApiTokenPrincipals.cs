using System.Security.Claims;
using Microsoft.Extensions.Caching.Memory;

namespace Accrue.Web.Features.Accounts;

/// <summary>
/// Remembers for a minute whom a bearer token signs in as, so that a script's every call does not
/// repeat the token lookup and Identity's claims queries (five round trips).
/// </summary>
/// <remarks>
/// What could change meanwhile is handled so:
/// - expiry and lockout are checked on every request, against the values read with the principal;
/// - revoking a token, or any change to a user through <see cref="AccrueUserManager"/> (roles,
///   lockout, password, security stamp), forgets every remembered token of this process at once.
///   Such changes are rare, so forgetting all is simpler than tracking whose tokens are whose, and
///   a lookup that was under way while it happened is not remembered (the generation moved on);
/// - a change made by another instance of the app shows here within <see cref="Lifetime"/>, the
///   same bound the cookie scheme's security stamp check gives signed-in sessions.
/// Only tokens that signed someone in are remembered, so unknown tokens cannot fill the cache.
/// </remarks>
public sealed class ApiTokenPrincipals : IDisposable
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    readonly MemoryCache cache = new(new MemoryCacheOptions());
    long generation;

    /// <summary>A token's principal as it was read, with what must still be checked per request.</summary>
    public sealed record Known(ClaimsPrincipal Principal, DateTimeOffset? ExpiresAt, DateTimeOffset? LockoutEnd, long Generation);

    /// <summary>Taken before reading a token, and handed back with what was read.</summary>
    public long Generation => Interlocked.Read(ref generation);

    public Known? Find(string secretHash) =>
        cache.TryGetValue(secretHash, out Known? known) && known!.Generation == Generation ? known : null;

    public void Remember(string secretHash, Known known)
    {
        if (known.Generation != Generation) return;
        cache.Set(secretHash, known, Lifetime);
    }

    /// <summary>After a token or user changed: nothing remembered so far signs anyone in again without a fresh lookup.</summary>
    public void Forget()
    {
        Interlocked.Increment(ref generation);
        cache.Clear();
    }

    public void Dispose() => cache.Dispose();
}
