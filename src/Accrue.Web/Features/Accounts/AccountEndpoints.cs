using Accrue.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Accrue.Data.Accounts;

namespace Accrue.Web.Features.Accounts;

public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/me", GetMe).WithTags("Accounts").RequireAuthorization();

        var users = app.MapGroup("/api/v1/users").WithTags("Accounts").RequireAuthorization();
        users.MapGet("/", ListUsers);
        users.MapGet("/{id:guid}", GetUser);
        users.MapPost("/invitations", Invite).RequireAuthorization(Policies.InvitesUsers);

        var tokens = app.MapGroup("/api/v1/tokens").WithTags("Accounts").RequireAuthorization();
        tokens.MapGet("/", ListTokens);
        tokens.MapPost("/", CreateToken);
        tokens.MapDelete("/{id:guid}", RevokeToken);

        app.MapPost("/account/logout", SignOut).ExcludeFromDescription().WithMetadata(new RequireAntiforgeryTokenAttribute());
    }

    /// <summary>Who the caller is: user, roles and partner.</summary>
    internal static Ok<Me> GetMe(CurrentActor current) =>
        TypedResults.Ok(new Me(current.Actor.UserId, current.Actor.Name, current.Actor.Roles.Order().ToArray(), current.Actor.ActsForPartner));

    /// <summary>The users the caller may see, searched by name or e-mail, a page at a time.</summary>
    internal static async Task<Ok<Paged<UserSummary>>> ListUsers(UserDirectory directory, string? search, Guid? partnerId, int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size) = Paging.Clamp(page, pageSize);
        return TypedResults.Ok(await directory.ListAsync(search, partnerId, p, size, ct));
    }

    /// <summary>One user; 404 when it does not exist or is not the caller's to see.</summary>
    internal static async Task<Results<Ok<UserSummary>, NotFound>> GetUser(Guid id, UserDirectory directory, CancellationToken ct) =>
        await directory.FindAsync(id, ct) is { } user ? TypedResults.Ok(user) : TypedResults.NotFound();

    /// <summary>Invites a person; the answer carries the link that lets them choose a password.</summary>
    internal static async Task<Created<Invitation>> Invite(InviteUserRequest request, UserDirectory directory, HttpRequest http, CancellationToken ct)
    {
        var invitation = await directory.InviteAsync(request, $"{http.Scheme}://{http.Host}", ct);
        return TypedResults.Created($"/api/v1/users/{invitation.UserId}", invitation);
    }

    /// <summary>The caller's own API tokens (never their secrets).</summary>
    internal static async Task<Ok<IReadOnlyList<ApiTokenSummary>>> ListTokens(ApiTokens tokens, CancellationToken ct) =>
        TypedResults.Ok(await tokens.MineAsync(ct));

    /// <summary>Creates a personal API token; its secret is in this answer and nowhere else.</summary>
    internal static async Task<Created<CreatedApiToken>> CreateToken(CreateApiTokenRequest request, ApiTokens tokens, CancellationToken ct)
    {
        var created = await tokens.CreateAsync(request, ct);
        return TypedResults.Created($"/api/v1/tokens/{created.Token.Id}", created);
    }

    /// <summary>Revokes a token at once.</summary>
    internal static async Task<NoContent> RevokeToken(Guid id, ApiTokens tokens, CancellationToken ct)
    {
        await tokens.RevokeAsync(id, ct);
        return TypedResults.NoContent();
    }

    internal static async Task<RedirectHttpResult> SignOut(SignInManager<AccrueUser> signIn)
    {
        await signIn.SignOutAsync();
        return TypedResults.LocalRedirect("/account/login");
    }
}
