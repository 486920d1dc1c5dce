using Accrue.Engine.Deals;
using Accrue.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Accrue.Web.Features.Deals;

public static class DealEndpoints
{
    public static void MapDealEndpoints(this IEndpointRouteBuilder app)
    {
        var deals = app.MapGroup("/api/v1/deals").WithTags("Deals").RequireAuthorization();
        deals.MapGet("/", List);
        deals.MapGet("/{id:guid}", Get);
        deals.MapPost("/", Register).RequireAuthorization(Policies.Partner);
        deals.MapPut("/{id:guid}", Update).RequireAuthorization(Policies.Partner);
        deals.MapPost("/{id:guid}/submission", Submit).RequireAuthorization(Policies.Partner);
        deals.MapPost("/{id:guid}/approval", Approve).RequireAuthorization(Policies.ManagesPartners);
        deals.MapPost("/{id:guid}/rejection", Reject).RequireAuthorization(Policies.ManagesPartners);
        deals.MapPost("/{id:guid}/return", Return).RequireAuthorization(Policies.ManagesPartners);
        deals.MapPost("/approvals", ApproveMany).RequireAuthorization(Policies.ManagesPartners);
        deals.MapPost("/{id:guid}/stage", MoveToStage);
        deals.MapPost("/{id:guid}/won", Win);
        deals.MapPost("/{id:guid}/lost", Lose);
        deals.MapPost("/{id:guid}/extension-request", RequestExtension);
        deals.MapPost("/{id:guid}/extension", Extend).RequireAuthorization(Policies.ManagesPartners);
        deals.MapPost("/{id:guid}/evidence", AddEvidence);
        deals.MapGet("/queues/{queue}", Queue).RequireAuthorization(Policies.Staff);
        deals.MapGet("/service-level", ServiceLevel).RequireAuthorization(Policies.Staff);
        deals.MapGet("/export", Export);
        deals.MapPost("/import", Import).RequireAuthorization(Policies.ProgramAdmin).DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(50 * 1024 * 1024));
        app.MapPost("/api/v1/pipeline/import", ImportPipeline).WithTags("Deals").RequireAuthorization(Policies.ProgramAdmin)
            .DisableAntiforgery().WithMetadata(new RequestSizeLimitAttribute(50 * 1024 * 1024));
    }

    /// <summary>The deals the caller may see: search by customer, domain, external id or partner; filter; sort; page.</summary>
    internal static async Task<Ok<Paged<DealSummary>>> List(DealViews views, string? search, DealStatus? status, Guid? partnerId, bool? needsReview,
                                                  string? sort, bool? descending, int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size) = Paging.Clamp(page, pageSize);
        return TypedResults.Ok(await views.ListAsync(new DealQuery(search, status, partnerId, needsReview, sort, descending ?? false, p, size), ct));
    }

    /// <summary>One deal with its evidence and timeline (and, for staff, its conflicts and signals); 404 when not the caller's to see.</summary>
    internal static async Task<Results<Ok<DealDetail>, NotFound>> Get(Guid id, DealViews views, CancellationToken ct) =>
        await views.FindAsync(id, ct) is { } deal ? TypedResults.Ok(deal) : TypedResults.NotFound();

    /// <summary>
    /// Registers a deal for the caller's partner (submit: false saves a draft). Send an Idempotency-Key header to make retries
    /// safe: a retry gets the first answer; the same key with another body answers 422.
    /// </summary>
    internal static async Task<Created<RegistrationOutcome>> Register(RegisterDealRequest request, DealRegistration registration,
                                                             [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey)
    {
        if (idempotencyKey is { Length: > 200 }) throw InvalidRequest.For("Idempotency-Key", "An idempotency key has at most 200 characters.");
        var outcome = await registration.RegisterAsync(request, idempotencyKey);
        return TypedResults.Created($"/api/v1/deals/{outcome.DealId}", outcome);
    }

    /// <summary>Edits a draft or a returned deal (and submits it when submit is true).</summary>
    internal static async Task<Ok<RegistrationOutcome>> Update(Guid id, RegisterDealRequest request, DealRegistration registration, CancellationToken ct) =>
        TypedResults.Ok(await registration.UpdateAsync(id, request, ct));

    /// <summary>Submits a draft or a returned deal.</summary>
    internal static async Task<Ok<RegistrationOutcome>> Submit(Guid id, DealRegistration registration, CancellationToken ct) =>
        TypedResults.Ok(await registration.SubmitAsync(id, ct));

    /// <summary>Approves a submitted deal; protection runs for the program's days unless protectedUntil is given.</summary>
    internal static async Task<Ok<DealDetail>> Approve(Guid id, DecisionRequest request, DealReview review, CancellationToken ct) =>
        TypedResults.Ok(await review.ApproveAsync(id, request, ct));

    /// <summary>Rejects a submitted deal; the reason is required and the partner sees it.</summary>
    internal static async Task<Ok<DealDetail>> Reject(Guid id, DecisionRequest request, DealReview review, CancellationToken ct) =>
        TypedResults.Ok(await review.RejectAsync(id, request, ct));

    /// <summary>Returns a submitted deal to the partner for more information (reason required).</summary>
    internal static async Task<Ok<DealDetail>> Return(Guid id, DecisionRequest request, DealReview review, CancellationToken ct) =>
        TypedResults.Ok(await review.ReturnAsync(id, request, ct));

    /// <summary>Approves several submitted deals; each answers for itself.</summary>
    internal static async Task<Ok<IReadOnlyList<BulkApprovalResult>>> ApproveMany(BulkApprovalRequest request, DealReview review, CancellationToken ct) =>
        TypedResults.Ok(await review.ApproveManyAsync(request, ct));

    /// <summary>Moves an approved deal to Qualified, Proposal or Negotiation.</summary>
    internal static async Task<Ok<DealDetail>> MoveToStage(Guid id, StageRequest request, DealProgress progress, CancellationToken ct) =>
        TypedResults.Ok(await progress.MoveToStageAsync(id, request, ct));

    /// <summary>Marks a deal won, with its actual amount and close date.</summary>
    internal static async Task<Ok<DealDetail>> Win(Guid id, WinRequest request, DealProgress progress, CancellationToken ct) =>
        TypedResults.Ok(await progress.WinAsync(id, request, ct));

    /// <summary>Marks a deal lost, with the reason.</summary>
    internal static async Task<Ok<DealDetail>> Lose(Guid id, LossRequest request, DealProgress progress, CancellationToken ct) =>
        TypedResults.Ok(await progress.LoseAsync(id, request, ct));

    /// <summary>Asks for longer protection, with the reason.</summary>
    internal static async Task<Ok<DealDetail>> RequestExtension(Guid id, ExtensionRequest request, DealProgress progress, CancellationToken ct) =>
        TypedResults.Ok(await progress.RequestExtensionAsync(id, request, ct));

    /// <summary>Extends an approved deal's protection by so many days.</summary>
    internal static async Task<Ok<DealDetail>> Extend(Guid id, ExtensionGrant grant, DealReview review, CancellationToken ct) =>
        TypedResults.Ok(await review.ExtendAsync(id, grant, ct));

    /// <summary>Logs evidence of the partner's influence: a co-selling call, a joint demo, a partner-sourced lead.</summary>
    internal static async Task<Ok<DealDetail>> AddEvidence(Guid id, EvidenceRequest request, DealProgress progress, CancellationToken ct) =>
        TypedResults.Ok(await progress.AddEvidenceAsync(id, request, ct));

    /// <summary>A review queue, oldest first: pending (all submitted), conflicts, or flagged (signals and spot audits).</summary>
    internal static async Task<Results<Ok<Paged<QueueItem>>, NotFound>> Queue(string queue, DealReview review, int? page, int? pageSize, CancellationToken ct)
    {
        if (!Enum.TryParse<DealReview.Queue>(queue, ignoreCase: true, out var which)) return TypedResults.NotFound();
        var (p, size) = Paging.Clamp(page, pageSize);
        return TypedResults.Ok(await review.QueueAsync(which, p, size, ct));
    }

    /// <summary>How long partners wait for a decision.</summary>
    internal static async Task<Ok<ServiceLevel>> ServiceLevel(DealReview review, CancellationToken ct) => TypedResults.Ok(await review.ServiceLevelAsync(ct));

    /// <summary>The deals the caller may see, as CSV in the import format.</summary>
    internal static async Task Export(HttpContext http, DealCsv csv, string? search, DealStatus? status, Guid? partnerId, CancellationToken ct)
    {
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = "attachment; filename=\"deals.csv\"";
        await csv.ExportDealsAsync(http.Response.Body, new DealQuery(search, status, partnerId), ct);
    }

    /// <summary>Imports deals from the CRM (CSV body or upload): all rows or none, matched on external_id.</summary>
    internal static async Task<Ok<DealImportResult>> Import(HttpRequest request, DealCsv csv, CancellationToken ct) =>
        TypedResults.Ok(await csv.ImportDealsAsync(await Uploads.ReadCsvAsync(request, ct), ct));

    /// <summary>Imports the vendor's own pipeline (CSV): registrations after an opportunity of the same customer are flagged.</summary>
    internal static async Task<Ok<DealImportResult>> ImportPipeline(HttpRequest request, DealCsv csv, CancellationToken ct) =>
        TypedResults.Ok(await csv.ImportPipelineAsync(await Uploads.ReadCsvAsync(request, ct), ct));
}
