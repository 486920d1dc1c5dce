using System.Security.Claims;
using Accrue.Data;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Accrue.Web.Hosting;

/// <summary>The signed-in user of this request or circuit, as an <see cref="Actor"/> for data access.</summary>
/// <remarks>
/// An HTTP request sets it in middleware, after authentication; a Blazor circuit (a scope of its
/// own, without an HttpContext) sets it from its authentication state through
/// <see cref="ActorCircuitHandler"/>. Nobody set means anonymous, which sees nothing.
/// </remarks>
public sealed class CurrentActor : ICurrentActor
{
    public const string PartnerClaim = "accrue:partner";

    public Actor Actor { get; private set; } = Actor.Anonymous;

    public void Set(ClaimsPrincipal principal) => Actor = From(principal);

    /// <summary>For work that no signed-in person drives, such as the command line.</summary>
    public void Set(Actor actor) => Actor = actor;

    public static Actor From(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true) return Actor.Anonymous;
        var userId = Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : (Guid?)null;
        var partnerId = Guid.TryParse(principal.FindFirstValue(PartnerClaim), out var p) ? p : (Guid?)null;
        var roles = principal.FindAll(ClaimTypes.Role).Select(c => c.Value).Where(AccrueRoles.All.Contains).ToHashSet();
        return new Actor(userId, principal.Identity.Name ?? "unknown", roles, partnerId);
    }
}

/// <summary>Keeps a circuit's <see cref="CurrentActor"/> in step with its authentication state.</summary>
sealed class ActorCircuitHandler(AuthenticationStateProvider authentication, CurrentActor current) : CircuitHandler, IDisposable
{
    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        authentication.AuthenticationStateChanged += OnChanged;
        current.Set((await authentication.GetAuthenticationStateAsync()).User);
    }

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            current.Set((await authentication.GetAuthenticationStateAsync()).User);
            await next(context);
        };

    void OnChanged(Task<AuthenticationState> state) =>
        _ = state.ContinueWith(t => current.Set(t.Result.User), TaskContinuationOptions.OnlyOnRanToCompletion);

    public void Dispose() => authentication.AuthenticationStateChanged -= OnChanged;
}
