using Accrue.Data;
using Accrue.Data.Accounts;
using Accrue.Data.Audit;
using Accrue.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Accrue.Web.Features.Accounts;

/// <summary>Personal API tokens: each user creates and revokes their own; program admins may revoke any.</summary>
public sealed class ApiTokens(AccrueDbFactory dbs, AuditTrail audit, ApiTokenPrincipals principals, TimeProvider clock)
{
    public async Task<IReadOnlyList<ApiTokenSummary>> MineAsync(CancellationToken ct)
    {
        var me = SignedInUser();
        await using var db = dbs.Create();
        var tokens = await db.ApiTokens.AsNoTracking().Where(t => t.UserId == me).ToListAsync(ct);
        return tokens.OrderByDescending(t => t.CreatedAt).Select(ApiTokenSummary.From).ToList();
    }

    public async Task<CreatedApiToken> CreateAsync(CreateApiTokenRequest request, CancellationToken ct)
    {
        CreateApiTokenRequest.Validator.ThrowIfInvalid(request);
        var me = SignedInUser();
        var secret = ApiTokenSecret.New();
        var now = clock.GetUtcNow();
        var token = new ApiToken
        {
            UserId = me, Name = request.Name.Trim(), Prefix = secret[..10], SecretHash = ApiTokenSecret.Hash(secret),
            CreatedAt = now, ExpiresAt = request.ExpiresInDays is { } days ? now.AddDays(days) : null,
        };
        await using var db = dbs.Create();
        db.ApiTokens.Add(token);
        audit.Record(db, "ApiTokenCreated", "ApiToken", token.Id, dbs.Actor.PartnerId, after: new { token.Name, token.Prefix, token.ExpiresAt });
        await db.SaveChangesAsync(ct);
        return new CreatedApiToken(ApiTokenSummary.From(token), secret);
    }

    public async Task RevokeAsync(Guid id, CancellationToken ct)
    {
        await using var db = dbs.Create();
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == id, ct) ?? throw new RecordNotFound("The API token");
        // Finance sees every token through the query filter, but only program admins revoke other people's.
        if (token.UserId != dbs.Actor.UserId && !dbs.Actor.IsIn(AccrueRoles.ProgramAdmin)) throw new RecordNotFound("The API token");
        if (token.RevokedAt is not null) return;
        token.RevokedAt = clock.GetUtcNow();
        audit.Record(db, "ApiTokenRevoked", "ApiToken", token.Id, before: new { token.Name, token.Prefix });
        await db.SaveChangesAsync(ct);
        principals.Forget();
    }

    Guid SignedInUser() => dbs.Actor.UserId ?? throw new ActionForbidden("Sign in as a person to manage API tokens.");
}
