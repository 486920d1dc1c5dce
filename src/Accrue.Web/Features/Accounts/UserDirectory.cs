using Accrue.Data;
using Accrue.Data.Accounts;
using Accrue.Data.Audit;
using Accrue.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Accrue.Web.Features.Accounts;

/// <summary>The people who sign in: who the caller may see, invitations, and accepting them.</summary>
/// <remarks>
/// Accrue does not send e-mail yet: an invitation answers with the link to pass on to the invitee.
/// </remarks>
public sealed class UserDirectory(
    AccrueDbFactory dbs, AccrueDb identityDb, UserManager<AccrueUser> users, AuditTrail audit, TimeProvider clock)
{
    public async Task<Paged<UserSummary>> ListAsync(string? search, Guid? partnerId, int page, int pageSize, CancellationToken ct)
    {
        await using var db = dbs.Create();
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToLower();
            query = query.Where(u => u.Email!.ToLower().Contains(term) || u.DisplayName.ToLower().Contains(term));
        }
        if (partnerId is not null) query = query.Where(u => u.PartnerId == partnerId);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(u => u.DisplayName).ThenBy(u => u.Id)
            .Skip(page * pageSize).Take(pageSize)
            .Select(u => new { User = u, PartnerName = u.Partner != null ? u.Partner.Name : null })
            .ToListAsync(ct);
        var roles = await RolesOf(db, rows.Select(r => r.User.Id).ToList(), ct);
        var now = clock.GetUtcNow();
        return new Paged<UserSummary>(rows.Select(r => Summary(r.User, r.PartnerName, roles, now)).ToList(), total);
    }

    public async Task<UserSummary?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var db = dbs.Create();
        var row = await db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new { User = u, PartnerName = u.Partner != null ? u.Partner.Name : null })
            .SingleOrDefaultAsync(ct);
        if (row is null) return null;
        return Summary(row.User, row.PartnerName, await RolesOf(db, [id], ct), clock.GetUtcNow());
    }

    /// <summary>Creates the invitee's account without a password and answers with the link that sets it.</summary>
    public async Task<Invitation> InviteAsync(InviteUserRequest request, string baseUrl, CancellationToken ct)
    {
        var actor = dbs.Actor;
        if (!actor.IsIn(AccrueRoles.ProgramAdmin))
        {
            // Partner admins invite colleagues of their own partner, and nobody else.
            if (!actor.IsIn(AccrueRoles.PartnerAdmin) || AccrueRoles.Staff.Contains(request.Role))
                throw new ActionForbidden("Only program admins invite vendor staff.");
            request = request with { PartnerId = request.PartnerId ?? actor.PartnerId };
        }
        InviteUserRequest.Validator.ThrowIfInvalid(request);
        var partnerId = request.PartnerId;
        if (partnerId is not null)
        {
            await using var scoped = dbs.Create();
            if (!await scoped.Partners.AnyAsync(p => p.Id == partnerId, ct)) throw new RecordNotFound("The partner");
        }
        if (await users.FindByEmailAsync(request.Email) is not null)
            throw new StateConflict($"A user with the e-mail {request.Email} already exists.");

        var user = new AccrueUser
        {
            UserName = request.Email, Email = request.Email, EmailConfirmed = true,
            DisplayName = request.DisplayName.Trim(), PartnerId = partnerId,
            CreatedAt = clock.GetUtcNow(), InvitedById = actor.UserId,
        };
        await using var tx = await identityDb.Database.BeginTransactionAsync(ct);
        Check(await users.CreateAsync(user));
        Check(await users.AddToRoleAsync(user, request.Role));
        audit.Record(identityDb, "UserInvited", "User", user.Id, partnerId,
                     after: new { user.Email, user.DisplayName, request.Role, partnerId }, by: actor);
        await identityDb.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        var token = await users.GeneratePasswordResetTokenAsync(user);
        var url = $"{baseUrl.TrimEnd('/')}/account/accept-invitation?email={Uri.EscapeDataString(user.Email)}&token={Uri.EscapeDataString(token)}";
        return new Invitation(user.Id, user.Email, url);
    }

    /// <summary>Sets the invitee's password; the token is single-use because it is bound to the security stamp.</summary>
    public async Task AcceptInvitationAsync(AcceptInvitationRequest request, CancellationToken ct)
    {
        var user = await users.FindByEmailAsync(request.Email);
        if (user is null || user.AcceptedAt is not null)
            throw InvalidRequest.For("token", "This invitation link is not valid any more. Ask for a new invitation.");
        var result = await users.ResetPasswordAsync(user, request.Token, request.Password);
        if (!result.Succeeded)
        {
            var invalidToken = result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken));
            throw invalidToken
                ? InvalidRequest.For("token", "This invitation link is not valid any more. Ask for a new invitation.")
                : new InvalidRequest(new Dictionary<string, string[]> { ["password"] = result.Errors.Select(e => e.Description).ToArray() });
        }
        user.AcceptedAt = clock.GetUtcNow();
        audit.Record(identityDb, "InvitationAccepted", "User", user.Id, user.PartnerId,
                     by: new Actor(user.Id, user.Email!, new HashSet<string>(), user.PartnerId));
        Check(await users.UpdateAsync(user));
    }

    static async Task<ILookup<Guid, string>> RolesOf(AccrueDb db, List<Guid> userIds, CancellationToken ct) =>
        (await (from ur in db.UserRoles
                join r in db.Roles on ur.RoleId equals r.Id
                where userIds.Contains(ur.UserId)
                select new { ur.UserId, r.Name }).ToListAsync(ct))
        .ToLookup(x => x.UserId, x => x.Name!);

    static UserSummary Summary(AccrueUser u, string? partnerName, ILookup<Guid, string> roles, DateTimeOffset now) =>
        new(u.Id, u.Email!, u.DisplayName, roles[u.Id].ToArray(), u.PartnerId, partnerName,
            InvitationOpen: u.AcceptedAt is null, LockedOut: u.LockoutEnd > now, u.CreatedAt);

    static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new InvalidRequest(new Dictionary<string, string[]> { ["user"] = result.Errors.Select(e => e.Description).ToArray() });
    }
}
