using System.Text.Json.Serialization;
using Accrue.Web.Components;
using Accrue.Web.Features.Accounts;
using Accrue.Web.Features.Audit;
using Accrue.Web.Features.Deals;
using Accrue.Web.Features.Demo;
using Accrue.Web.Features.Partners;
using Accrue.Web.Features.Program;
using Accrue.Web.Features.Tiers;
using Accrue.Web.Features.Incentives;
using Accrue.Web.Features.Payouts;
using Accrue.Web.Features.Training;
using Microsoft.AspNetCore.Components.Server.Circuits;
using MudBlazor.Services;
using Scalar.AspNetCore;

namespace Accrue.Web.Hosting;

/// <summary>The table of contents of the web host: what it is made of and what it serves.</summary>
static class AccrueHost
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddAccrueStorage();
        builder.AddAccrueIdentity();
        builder.AddAccrueCapabilities();

        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemDetailsForAccrueErrors>();
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            // A field the API does not know is an error, not something silently dropped (mass assignment, typos).
            json.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        });
        builder.Services.AddOpenApi();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddScoped<CircuitHandler, ActorCircuitHandler>();
        builder.Services.AddMudServices();
        return builder.Build();
    }

    static void AddAccrueCapabilities(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<UserDirectory>();
        builder.Services.AddScoped<ApiTokens>();
        builder.Services.AddScoped<PartnerDirectory>();
        builder.Services.AddScoped<PartnerImport>();
        builder.Services.AddScoped<AuditLog>();
        builder.Services.AddSingleton(builder.Configuration.GetSection(DealOptions.Section).Get<DealOptions>() ?? new DealOptions());
        builder.Services.AddSingleton<ScreeningIndex>();
        builder.Services.AddHostedService<ScreeningIndexLoad>();
        builder.Services.AddSingleton<DealScreening>();
        builder.Services.AddSingleton<RegistrationQueue>();
        builder.Services.AddScoped<DealViews>();
        builder.Services.AddScoped<DealRegistration>();
        builder.Services.AddScoped<DealReview>();
        builder.Services.AddScoped<DealProgress>();
        builder.Services.AddScoped<DealCsv>();
        // "Accrue:BackgroundJobs" false leaves the schedule to whoever calls the work (tests do).
        var jobs = builder.Configuration.GetValue("Accrue:BackgroundJobs", true);
        if (jobs) builder.Services.AddHostedService<DealExpiryJob>();
        builder.Services.AddScoped<TrainingCatalog>();
        builder.Services.AddScoped<PeopleTraining>();
        builder.Services.AddSingleton<CertificationRecords>();
        if (jobs) builder.Services.AddHostedService<CertificationLapseJob>();
        builder.Services.AddScoped<ProgramVersions>();
        builder.Services.AddScoped<TierEvaluations>();
        builder.Services.AddSingleton<TierEvaluationWork>();
        builder.Services.AddScoped<TierReview>();
        builder.Services.AddScoped<TierScorecards>();
        builder.Services.AddScoped<TierWhatIfs>();
        if (jobs) builder.Services.AddHostedService<TierEvaluationSchedule>();
        builder.Services.AddScoped<IncentiveRuns>();
        builder.Services.AddSingleton<IncentiveRunWork>();
        builder.Services.AddScoped<IncentiveTargets>();
        builder.Services.AddScoped<IncentiveWhatIfs>();
        builder.Services.AddScoped<LedgerPostings>();
        builder.Services.AddScoped<PayoutStatements>();
        builder.Services.AddScoped<PayoutDisputes>();
        builder.Services.AddScoped<PayoutReconciliation>();
        builder.Services.AddScoped<PayoutForecasts>();
        if (jobs) builder.Services.AddHostedService<IncentiveCalculationSchedule>();
        builder.AddDemo();
    }

    public static void MapAccrue(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        // Data access runs as the signed-in user of this request (Blazor circuits: ActorCircuitHandler).
        app.Use((http, next) =>
        {
            http.RequestServices.GetRequiredService<CurrentActor>().Set(http.User);
            return next(http);
        });
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapOpenApi();
        app.MapScalarApiReference("/api/reference", options => options.WithTitle("Accrue API"));
        app.MapHealthChecks("/health");
        app.MapAccountEndpoints();
        app.MapPartnerEndpoints();
        app.MapAuditEndpoints();
        app.MapDealEndpoints();
        app.MapTrainingEndpoints();
        app.MapProgramEndpoints();
        app.MapTierEndpoints();
        app.MapIncentiveEndpoints();
        app.MapPayoutEndpoints();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
    }
}
