using Accrue.Engine.Partners;
using Accrue.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accrue.Web.Features.Partners;

public static class PartnerEndpoints
{
    public static void MapPartnerEndpoints(this IEndpointRouteBuilder app)
    {
        var partners = app.MapGroup("/api/v1/partners").WithTags("Partners").RequireAuthorization();
        partners.MapGet("/", List);
        partners.MapGet("/{id:guid}", Get);
        partners.MapPost("/", Create).RequireAuthorization(Policies.ManagesPartners);
        partners.MapPut("/{id:guid}", Update).RequireAuthorization(Policies.ManagesPartners);
        partners.MapPost("/{id:guid}/status", ChangeStatus).RequireAuthorization(Policies.ManagesPartners);
        partners.MapGet("/{id:guid}/contacts", ListContacts);
        partners.MapPost("/{id:guid}/contacts", AddContact);
        partners.MapGet("/export", Export);
        partners.MapPost("/import", Import).RequireAuthorization(Policies.ProgramAdmin).DisableAntiforgery()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(10 * 1024 * 1024));
        partners.MapGet("/managers", Managers).RequireAuthorization(Policies.ManagesPartners);

        app.MapGet("/api/v1/contacts/{id:guid}", GetContact).WithTags("Partners").RequireAuthorization();
    }

    /// <summary>The partners the caller may see: search by name, external id or vertical; filter, sort, page.</summary>
    internal static async Task<Ok<Paged<PartnerSummary>>> List(
        PartnerDirectory directory, string? search, PartnerType? type, Region? region, PartnerStatus? status, Guid? managerId,
        string? sort, bool? descending, int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size) = Paging.Clamp(page, pageSize);
        return TypedResults.Ok(await directory.ListAsync(new PartnerQuery(search, type, region, status, managerId, sort, descending ?? false, p, size), ct));
    }

    /// <summary>One partner, with the statuses it may move to next; 404 when it is not the caller's to see.</summary>
    internal static async Task<Results<Ok<PartnerDetail>, NotFound>> Get(Guid id, PartnerDirectory directory, CancellationToken ct) =>
        await directory.FindAsync(id, ct) is { } partner ? TypedResults.Ok(partner) : TypedResults.NotFound();

    /// <summary>Creates a partner as a prospect.</summary>
    internal static async Task<Created<PartnerDetail>> Create(SavePartnerRequest request, PartnerDirectory directory, CancellationToken ct)
    {
        var partner = await directory.CreateAsync(request, ct);
        return TypedResults.Created($"/api/v1/partners/{partner.Id}", partner);
    }

    /// <summary>Edits a partner; send the revision you read, or get 409 if someone changed it since.</summary>
    internal static async Task<Ok<PartnerDetail>> Update(Guid id, SavePartnerRequest request, PartnerDirectory directory, CancellationToken ct) =>
        TypedResults.Ok(await directory.UpdateAsync(id, request, ct));

    /// <summary>Moves a partner through its lifecycle; a move the lifecycle forbids answers 409 with the reason.</summary>
    internal static async Task<Ok<PartnerDetail>> ChangeStatus(Guid id, ChangeStatusRequest request, PartnerDirectory directory, CancellationToken ct) =>
        TypedResults.Ok(await directory.ChangeStatusAsync(id, request, ct));

    /// <summary>The people of a partner.</summary>
    internal static async Task<Ok<IReadOnlyList<ContactSummary>>> ListContacts(Guid id, PartnerDirectory directory, CancellationToken ct) =>
        TypedResults.Ok(await directory.ContactsAsync(id, ct));

    /// <summary>Adds a person to a partner.</summary>
    internal static async Task<Created<ContactSummary>> AddContact(Guid id, AddContactRequest request, PartnerDirectory directory, CancellationToken ct)
    {
        var contact = await directory.AddContactAsync(id, request, ct);
        return TypedResults.Created($"/api/v1/contacts/{contact.Id}", contact);
    }

    /// <summary>One contact; 404 when it belongs to a partner the caller may not see.</summary>
    internal static async Task<Results<Ok<ContactSummary>, NotFound>> GetContact(Guid id, PartnerDirectory directory, CancellationToken ct) =>
        await directory.FindContactAsync(id, ct) is { } contact ? TypedResults.Ok(contact) : TypedResults.NotFound();

    /// <summary>The partners the caller may see, as CSV (UTF-8 with BOM; formula-like text is escaped).</summary>
    internal static async Task Export(HttpContext http, PartnerImport partners, string? search, PartnerType? type, Region? region,
                             PartnerStatus? status, Guid? managerId, CancellationToken ct)
    {
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = "attachment; filename=\"partners.csv\"";
        await PartnerCsv.WriteAsync(http.Response.Body, await partners.ExportAsync(new PartnerQuery(search, type, region, status, managerId), ct), ct);
    }

    /// <summary>Imports partners from a CSV body (text/csv) or an uploaded file: all rows or none.</summary>
    internal static async Task<Ok<PartnerImportResult>> Import(HttpRequest request, PartnerImport partners, CancellationToken ct) =>
        TypedResults.Ok(await partners.ImportAsync(await Uploads.ReadCsvAsync(request, ct), ct));

    /// <summary>The partner managers a partner can be assigned to.</summary>
    internal static async Task<Ok<IReadOnlyList<ManagerOption>>> Managers(PartnerDirectory directory, CancellationToken ct) =>
        TypedResults.Ok(await directory.ManagersAsync(ct));
}
