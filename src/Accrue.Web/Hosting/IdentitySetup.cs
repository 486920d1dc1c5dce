using System.Security.Claims;
using System.Threading.RateLimiting;
using Accrue.Data;
using Accrue.Data.Accounts;
using Accrue.Web.Features.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Accrue.Web.Hosting;

static class IdentitySetup
{
    public const string Scheme = "Accrue";

    /// <summary>Cookies for people in the browser, personal bearer tokens for scripts; roles and the partner claim for both.</summary>
    public static void AddAccrueIdentity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Cookie or bearer token", policy => policy.ForwardDefaultSelector = http =>
                http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? ApiTokenAuthentication.SchemeName
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthentication>(ApiTokenAuthentication.SchemeName, null)
            .AddIdentityCookies();

        services.AddIdentityCore<AccrueUser>(identity =>
            {
                // ASVS 5.0 level 2: length over composition rules, and no well-known passwords.
                identity.Password.RequiredLength = 12;
                identity.Password.RequireDigit = false;
                identity.Password.RequireLowercase = false;
                identity.Password.RequireUppercase = false;
                identity.Password.RequireNonAlphanumeric = false;
                identity.Password.RequiredUniqueChars = 4;
                identity.Lockout.MaxFailedAccessAttempts = 5;
                identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
                identity.Lockout.AllowedForNewUsers = true;
                identity.User.RequireUniqueEmail = true;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<AccrueDb>()
            .AddUserManager<AccrueUserManager>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<AccrueClaimsPrincipalFactory>()
            .AddPasswordValidator<CommonPasswordValidator>();
        services.AddSingleton<ApiTokenPrincipals>();

        // A role or partner change reaches signed-in sessions within a minute.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/account/login";
            cookie.AccessDeniedPath = "/account/denied";
            cookie.Cookie.Name = "accrue";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            // The API answers 401/403; only pages redirect to the sign-in page.
            cookie.Events.OnRedirectToLogin = ctx => ApiOr(ctx, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = ctx => ApiOr(ctx, StatusCodes.Status403Forbidden);
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Staff, p => p.RequireRole(AccrueRoles.Staff))
            .AddPolicy(Policies.ProgramAdmin, p => p.RequireRole(AccrueRoles.ProgramAdmin))
            .AddPolicy(Policies.ManagesPartners, p => p.RequireRole(AccrueRoles.ProgramAdmin, AccrueRoles.PartnerManager))
            .AddPolicy(Policies.Calculates, p => p.RequireRole(AccrueRoles.ProgramAdmin, AccrueRoles.Finance))
            .AddPolicy(Policies.InvitesUsers, p => p.RequireRole(AccrueRoles.ProgramAdmin, AccrueRoles.PartnerAdmin))
            .AddPolicy(Policies.Partner, p => p.RequireRole(AccrueRoles.Partner).RequireClaim(CurrentActor.PartnerClaim));

        services.AddRateLimiter(limits =>
        {
            limits.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limits.OnRejected = (ctx, _) =>
            {
                ctx.HttpContext.Response.Headers.RetryAfter = "60";
                return ValueTask.CompletedTask;
            };
            // Sign-in attempts (POSTs) per client address; reading the page is not limited.
            limits.AddPolicy(Policies.SignIn, http => HttpMethods.IsPost(http.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = 20, Window = TimeSpan.FromMinutes(1) })
                : RateLimitPartition.GetNoLimiter("read"));
        });
    }

    static Task ApiOr(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
            ctx.Response.StatusCode = status;
        else
            ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}

public static class Policies
{
    public const string Staff = nameof(Staff);
    public const string ProgramAdmin = nameof(ProgramAdmin);
    public const string ManagesPartners = nameof(ManagesPartners);
    public const string InvitesUsers = nameof(InvitesUsers);
    /// <summary>Runs incentive calculations and sets targets: program admins and finance.</summary>
    public const string Calculates = nameof(Calculates);
    public const string Partner = nameof(Partner);
    public const string SignIn = nameof(SignIn);
}

/// <summary>Adds the partner a user belongs to, so that every request knows its scope without a query.</summary>
sealed class AccrueClaimsPrincipalFactory(UserManager<AccrueUser> users, RoleManager<IdentityRole<Guid>> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AccrueUser, IdentityRole<Guid>>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AccrueUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim("name", user.DisplayName));
        if (user.PartnerId is { } partnerId)
            identity.AddClaim(new Claim(CurrentActor.PartnerClaim, partnerId.ToString()));
        return identity;
    }
}
