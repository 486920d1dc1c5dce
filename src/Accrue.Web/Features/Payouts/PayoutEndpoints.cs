using Accrue.Data.Ledger;
using Accrue.Engine.Ledger;
using Accrue.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accrue.Web.Features.Payouts;

public static class PayoutEndpoints
{
    public static void MapPayoutEndpoints(this IEndpointRouteBuilder app)
    {
        var ledger = app.MapGroup("/api/v1/ledger").WithTags("Ledger").RequireAuthorization(Policies.Calculates);
        ledger.MapPost("/postings", Post);
        ledger.MapPost("/transactions/{id:guid}/reversal", Reverse);

        // Statements: staff list and act; a partner's users read their own approved and paid statements (others answer 404).
        var statements = app.MapGroup("/api/v1/payouts/statements").WithTags("Payouts").RequireAuthorization();
        statements.MapGet("", List);
        statements.MapGet("/{id:guid}", Statement);
        statements.MapGet("/{id:guid}/export", ExportStatement);
        statements.MapPost("", Create).RequireAuthorization(Policies.Calculates);
        statements.MapPost("/{id:guid}/approval", Approve).RequireAuthorization(Policies.Calculates);
        statements.MapPost("/approval", ApproveMany).RequireAuthorization(Policies.Calculates);
        statements.MapPost("/{id:guid}/payment", Pay).RequireAuthorization(Policies.Calculates);
        statements.MapPost("/{id:guid}/void", Void).RequireAuthorization(Policies.Calculates);
        app.MapGet("/api/v1/payouts/payment-file", PaymentFile).WithTags("Payouts").RequireAuthorization(Policies.Calculates);
        app.MapGet("/api/v1/payouts/reconciliation", Reconcile).WithTags("Payouts").RequireAuthorization(Policies.Calculates);
        app.MapGet("/api/v1/payouts/forecast", Forecast).WithTags("Payouts").RequireAuthorization(Policies.Calculates);

        // Disputes: the partner opens one on a line of its statement; staff take it on and resolve it; both follow it.
        statements.MapPost("/{id:guid}/disputes", OpenDispute).RequireAuthorization(Policies.Partner);
        var disputes = app.MapGroup("/api/v1/payouts/disputes").WithTags("Payouts").RequireAuthorization();
        disputes.MapGet("", Disputes);
        disputes.MapGet("/{id:guid}", Dispute);
        disputes.MapGet("/{id:guid}/attachment", Attachment);
        disputes.MapPost("/{id:guid}/assignment", Assign).RequireAuthorization(Policies.Staff);
        disputes.MapPost("/{id:guid}/resolution", Resolve).RequireAuthorization(Policies.Calculates);
    }

    /// <summary>A period's liability: accrued against stated and paid, by rule and partner, differences explained, budgets used.</summary>
    internal static async Task<Ok<Reconciliation>> Reconcile(string? period, PayoutReconciliation reconciliations, CancellationToken ct) =>
        TypedResults.Ok(await reconciliations.ForPeriodAsync(period, ct));

    /// <summary>A period's accruals so far beside the forecast with the weighted open pipeline (the current period by default).</summary>
    internal static async Task<Ok<AccrualForecast>> Forecast(string? period, PayoutForecasts forecasts, CancellationToken ct) =>
        TypedResults.Ok(await forecasts.ForPeriodAsync(period, ct));

    /// <summary>Disputes a line of one's own statement, with a reason and optionally a file (base64, 2 MB at most).</summary>
    internal static async Task<Created<DisputeView>> OpenDispute(Guid id, DisputeRequest request, PayoutDisputes disputes, CancellationToken ct)
    {
        var dispute = await disputes.OpenAsync(id, request, ct);
        return TypedResults.Created($"/api/v1/payouts/disputes/{dispute.Id}", dispute);
    }

    /// <summary>Disputes, oldest first: all of them for staff, one's own for a partner; filter by status or statement.</summary>
    internal static async Task<Ok<IReadOnlyList<DisputeView>>> Disputes(DisputeStatus? status, Guid? statementId, PayoutDisputes disputes, CancellationToken ct) =>
        TypedResults.Ok(await disputes.ListAsync(status, statementId, ct));

    /// <summary>One dispute with its status, owner and resolution.</summary>
    internal static async Task<Results<Ok<DisputeView>, NotFound>> Dispute(Guid id, PayoutDisputes disputes, CancellationToken ct) =>
        await disputes.FindAsync(id, ct) is { } dispute ? TypedResults.Ok(dispute) : TypedResults.NotFound();

    /// <summary>The file attached to a dispute.</summary>
    internal static async Task<IResult> Attachment(Guid id, PayoutDisputes disputes, CancellationToken ct) =>
        await disputes.AttachmentAsync(id, ct) is { } file ? TypedResults.File(file.Content, "application/octet-stream", file.Name) : TypedResults.NotFound();

    /// <summary>Takes a dispute on (In review); the owner is the caller unless one is named.</summary>
    internal static async Task<Ok<DisputeView>> Assign(Guid id, AssignDisputeRequest request, PayoutDisputes disputes, CancellationToken ct) =>
        TypedResults.Ok(await disputes.AssignAsync(id, request, ct));

    /// <summary>Upholds (optionally with an adjustment) or rejects a dispute, with the resolution the partner reads.</summary>
    internal static async Task<Ok<DisputeView>> Resolve(Guid id, ResolveDisputeRequest request, PayoutDisputes disputes, CancellationToken ct) =>
        TypedResults.Ok(await disputes.ResolveAsync(id, request, ct));

    /// <summary>Posts a completed calculation run: its lines the first time, only the difference later; a repeat posts nothing.</summary>
    internal static async Task<Ok<PostingResult>> Post(PostRunRequest request, LedgerPostings postings, CancellationToken ct) =>
        TypedResults.Ok(await postings.PostAsync(request.RunId, ct));

    /// <summary>Reverses a posted transaction with a reason; the only correction the ledger takes.</summary>
    internal static async Task<Ok<Guid>> Reverse(Guid id, ReverseRequest request, LedgerPostings postings, CancellationToken ct) =>
        TypedResults.Ok(await postings.ReverseAsync(id, request.Reason, ct));

    /// <summary>Draft statements for every partner with unstated cash in the period.</summary>
    internal static async Task<Ok<StatementsCreated>> Create(CreateStatementsRequest request, PayoutStatements statements, CancellationToken ct) =>
        TypedResults.Ok(await statements.CreateAsync(request, ct));

    /// <summary>Statements: filter by period, status, partner, search by partner name; paged. Partners see their own, once approved.</summary>
    internal static async Task<Ok<Paged<StatementView>>> List(PayoutStatements statements, string? period, StatementStatus? status, Guid? partnerId,
        string? search, int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size) = Paging.Clamp(page, pageSize);
        return TypedResults.Ok(await statements.ListAsync(new StatementQuery(period, status, search, partnerId, p, size), ct));
    }

    /// <summary>One statement with every line explained, the deals that earned it, and totals by rule.</summary>
    internal static async Task<Results<Ok<StatementDetail>, NotFound>> Statement(Guid id, PayoutStatements statements, CancellationToken ct) =>
        await statements.FindAsync(id, ct) is { } detail ? TypedResults.Ok(detail) : TypedResults.NotFound();

    /// <summary>The statement's lines as CSV or, with format=xlsx, an Excel workbook (both formula-safe).</summary>
    internal static async Task<IResult> ExportStatement(Guid id, string? format, PayoutStatements statements, CancellationToken ct)
    {
        var form = Exports.FormatOf(format);
        return await statements.StatementFileAsync(id, ct) is { } table ? await Exports.FileAsync(table, form, ct) : TypedResults.NotFound();
    }

    /// <summary>Approves a draft statement; the person who ran or posted its calculations may not (403).</summary>
    internal static async Task<Ok<StatementView>> Approve(Guid id, PayoutStatements statements, CancellationToken ct) =>
        TypedResults.Ok(await statements.ApproveAsync(id, ct));

    /// <summary>Approves several statements; each answers for itself.</summary>
    internal static async Task<Ok<IReadOnlyList<BulkResult>>> ApproveMany(BulkApproval request, PayoutStatements statements, CancellationToken ct) =>
        TypedResults.Ok(await statements.ApproveManyAsync(request, ct));

    /// <summary>Marks an approved statement paid; a repeat answers with the first payment.</summary>
    internal static async Task<Ok<StatementView>> Pay(Guid id, PaymentRequest request, PayoutStatements statements, CancellationToken ct) =>
        TypedResults.Ok(await statements.PayAsync(id, request, ct));

    /// <summary>Voids a statement not yet paid, with a reason; its lines can be stated again.</summary>
    internal static async Task<Ok<StatementView>> Void(Guid id, VoidRequest request, PayoutStatements statements, CancellationToken ct) =>
        TypedResults.Ok(await statements.VoidAsync(id, request, ct));

    /// <summary>The approved statements of a period (or all) as the accounts-payable payment file: CSV or, with format=xlsx, an Excel workbook.</summary>
    internal static async Task<IResult> PaymentFile(string? period, string? format, PayoutStatements statements, CancellationToken ct)
    {
        var form = Exports.FormatOf(format);
        return await Exports.FileAsync(await statements.PaymentFileAsync(period, ct), form, ct);
    }
}
