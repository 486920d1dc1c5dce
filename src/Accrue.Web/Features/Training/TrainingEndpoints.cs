using Accrue.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Accrue.Web.Features.Training;

public static class TrainingEndpoints
{
    public static void MapTrainingEndpoints(this IEndpointRouteBuilder app)
    {
        var training = app.MapGroup("/api/v1/training").WithTags("Training").RequireAuthorization();
        training.MapGet("/modules", Modules);
        training.MapPost("/modules", CreateModule).RequireAuthorization(Policies.ProgramAdmin);
        training.MapPut("/modules/{id:guid}", UpdateModule).RequireAuthorization(Policies.ProgramAdmin);
        training.MapGet("/paths", Paths);
        training.MapPost("/paths", DefinePath).RequireAuthorization(Policies.ProgramAdmin);
        training.MapPut("/paths/{id:guid}", RedefinePath).RequireAuthorization(Policies.ProgramAdmin);
        training.MapGet("/certifications", Certifications);
        training.MapPut("/certifications", SaveCertification).RequireAuthorization(Policies.ProgramAdmin);
        training.MapGet("/sessions", Sessions);
        training.MapPost("/sessions", ScheduleSession).RequireAuthorization(Policies.ProgramAdmin);
        training.MapPost("/sessions/{id:guid}/seats/{personId:guid}", TakeSeat);
        training.MapPost("/completions", RecordCompletion);
        training.MapGet("/completions", Completions);
        training.MapPost("/completions/import", ImportCompletions).DisableAntiforgery().WithMetadata(new RequestSizeLimitAttribute(20 * 1024 * 1024));
        training.MapGet("/partners/{partnerId:guid}/people", People);
        training.MapGet("/expiring", Expiring);
        training.MapGet("/summary", Summary);
    }

    /// <summary>The module catalog, searched by title, code or product.</summary>
    internal static async Task<Ok<Paged<ModuleView>>> Modules(TrainingCatalog catalog, string? search, int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size) = Paging.Clamp(page, pageSize);
        return TypedResults.Ok(await catalog.ModulesAsync(search, p, size, ct));
    }

    /// <summary>Adds a module to the catalog.</summary>
    internal static async Task<Created<ModuleView>> CreateModule(SaveModuleRequest request, TrainingCatalog catalog, CancellationToken ct)
    {
        var module = await catalog.SaveModuleAsync(null, request, ct);
        return TypedResults.Created($"/api/v1/training/modules/{module.Id}", module);
    }

    /// <summary>Edits a module.</summary>
    internal static async Task<Ok<ModuleView>> UpdateModule(Guid id, SaveModuleRequest request, TrainingCatalog catalog, CancellationToken ct) =>
        TypedResults.Ok(await catalog.SaveModuleAsync(id, request, ct));

    /// <summary>The learning paths, each an ordered list of modules.</summary>
    internal static async Task<Ok<IReadOnlyList<PathView>>> Paths(TrainingCatalog catalog, CancellationToken ct) => TypedResults.Ok(await catalog.PathsAsync(ct));

    /// <summary>Defines a learning path: a name, a description and its modules in the order to take them.</summary>
    internal static async Task<Created<Guid>> DefinePath(SaveLearningPathRequest request, TrainingCatalog catalog, CancellationToken ct)
    {
        var id = await catalog.SaveLearningPathAsync(null, request, ct);
        return TypedResults.Created($"/api/v1/training/paths/{id}", id);
    }

    /// <summary>Redefines a learning path: its modules are replaced by the ones given, in their order.</summary>
    internal static async Task<Ok<Guid>> RedefinePath(Guid id, SaveLearningPathRequest request, TrainingCatalog catalog, CancellationToken ct) =>
        TypedResults.Ok(await catalog.SaveLearningPathAsync(id, request, ct));

    /// <summary>The certifications: what earns each, its track, how long it stays valid, what renews it.</summary>
    internal static async Task<Ok<IReadOnlyList<CertificationView>>> Certifications(TrainingCatalog catalog, CancellationToken ct) =>
        TypedResults.Ok(await catalog.CertificationsAsync(ct));

    /// <summary>Defines or redefines a certification, matched by its code.</summary>
    internal static async Task<Ok<Guid>> SaveCertification(SaveCertificationRequest request, TrainingCatalog catalog, CancellationToken ct) =>
        TypedResults.Ok(await catalog.SaveCertificationAsync(request, ct));

    /// <summary>Upcoming live sessions with free seats and local start times.</summary>
    internal static async Task<Ok<IReadOnlyList<LiveSessionView>>> Sessions(TrainingCatalog catalog, CancellationToken ct) =>
        TypedResults.Ok(await catalog.UpcomingSessionsAsync(ct));

    /// <summary>Schedules a live session of a module.</summary>
    internal static async Task<Ok<Guid>> ScheduleSession(SaveLiveSessionRequest request, TrainingCatalog catalog, CancellationToken ct) =>
        TypedResults.Ok(await catalog.ScheduleSessionAsync(request, ct));

    /// <summary>Takes a seat in a live session for a person; 409 when it is full.</summary>
    internal static async Task<NoContent> TakeSeat(Guid id, Guid personId, TrainingCatalog catalog, CancellationToken ct)
    {
        await catalog.RegisterSeatAsync(id, personId, ct);
        return TypedResults.NoContent();
    }

    /// <summary>Records one completion; certifications it completes are granted at once.</summary>
    internal static async Task<Ok<PersonTraining>> RecordCompletion(RecordCompletionRequest request, PeopleTraining people, CancellationToken ct) =>
        TypedResults.Ok(await people.RecordAsync(request, ct));

    /// <summary>Completions the caller may see, newest first.</summary>
    internal static async Task<Ok<Paged<CompletionRow>>> Completions(PeopleTraining people, Guid? partnerId, int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size) = Paging.Clamp(page, pageSize);
        return TypedResults.Ok(await people.CompletionsAsync(partnerId, p, size, ct));
    }

    /// <summary>Imports completions from a learning system's CSV: every row or none; importing again changes nothing.</summary>
    internal static async Task<Ok<CompletionImportResult>> ImportCompletions(HttpRequest request, PeopleTraining people, CancellationToken ct) =>
        TypedResults.Ok(await people.ImportAsync(await Uploads.ReadCsvAsync(request, ct), ct));

    /// <summary>A partner's people with their certifications and recommended next modules.</summary>
    internal static async Task<Ok<IReadOnlyList<PersonTraining>>> People(Guid partnerId, PeopleTraining people, CancellationToken ct) =>
        TypedResults.Ok(await people.PeopleAsync(partnerId, ct));

    /// <summary>Certifications that lapse within the next days (default 60), soonest first.</summary>
    internal static async Task<Ok<IReadOnlyList<ExpiringCertification>>> Expiring(PeopleTraining people, int? days, Guid? partnerId, CancellationToken ct) =>
        TypedResults.Ok(await people.ExpiringAsync(days ?? 60, partnerId, ct));

    /// <summary>Training metrics over the last 12 months: certified people, certifications earned, completions per month.</summary>
    internal static async Task<Ok<TrainingSummary>> Summary(PeopleTraining people, Guid? partnerId, CancellationToken ct) =>
        TypedResults.Ok(await people.SummaryAsync(partnerId, ct));
}
