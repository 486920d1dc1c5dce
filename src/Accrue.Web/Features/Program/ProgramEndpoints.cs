using Accrue.Web.Features.Tiers;
using Accrue.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accrue.Web.Features.Program;

public static class ProgramEndpoints
{
    public static void MapProgramEndpoints(this IEndpointRouteBuilder app)
    {
        var program = app.MapGroup("/api/v1/program").WithTags("Program").RequireAuthorization();
        program.MapGet("/", Overview);
        program.MapGet("/versions", List).RequireAuthorization(Policies.Staff);
        program.MapGet("/versions/{number:int}", Get);
        program.MapGet("/versions/{number:int}/file", File);
        program.MapGet("/draft", Draft).RequireAuthorization(Policies.Staff);
        program.MapPost("/draft", StartDraft).RequireAuthorization(Policies.ProgramAdmin);
        program.MapPut("/draft", SaveDraft).RequireAuthorization(Policies.ProgramAdmin);
        program.MapDelete("/draft", DiscardDraft).RequireAuthorization(Policies.ProgramAdmin);
        program.MapPost("/draft/publication", Publish).RequireAuthorization(Policies.ProgramAdmin);
        program.MapGet("/draft/what-if", WhatIf).RequireAuthorization(Policies.Staff);
        program.MapGet("/exchange-rates", Rates).RequireAuthorization(Policies.Staff);
        program.MapPut("/exchange-rates", SaveRates).RequireAuthorization(Policies.ProgramAdmin);
    }

    /// <summary>The version in force and the versions published to take effect later; partners see this too.</summary>
    internal static async Task<Ok<ProgramOverview>> Overview(ProgramVersions programs, CancellationToken ct) =>
        TypedResults.Ok(await programs.OverviewAsync(ct));

    /// <summary>Every version, newest first: the draft, upcoming, in force and superseded.</summary>
    internal static async Task<Ok<IReadOnlyList<VersionSummary>>> List(ProgramVersions programs, CancellationToken ct) =>
        TypedResults.Ok(await programs.ListAsync(ct));

    /// <summary>One version with its file and definition; partners see published versions only.</summary>
    internal static async Task<Results<Ok<VersionDetail>, NotFound>> Get(int number, ProgramVersions programs, CancellationToken ct) =>
        await programs.FindAsync(number, ct) is { } version ? TypedResults.Ok(version) : TypedResults.NotFound();

    /// <summary>One version's program file (YAML), as a download.</summary>
    internal static async Task<Results<FileContentHttpResult, NotFound>> File(int number, ProgramVersions programs, CancellationToken ct) =>
        await programs.FindAsync(number, ct) is { } version
            ? TypedResults.File(System.Text.Encoding.UTF8.GetBytes(version.Document), "application/yaml", $"program-v{number}.yaml")
            : TypedResults.NotFound();

    /// <summary>The draft being edited, with its problems if it has any.</summary>
    internal static async Task<Results<Ok<VersionDetail>, NotFound>> Draft(ProgramVersions programs, CancellationToken ct) =>
        await programs.DraftAsync(ct) is { } draft ? TypedResults.Ok(draft) : TypedResults.NotFound();

    /// <summary>Starts a draft as a copy of the latest published version (or returns the draft there is).</summary>
    internal static async Task<Ok<VersionDetail>> StartDraft(ProgramVersions programs, CancellationToken ct) =>
        TypedResults.Ok(await programs.StartDraftAsync(ct));

    /// <summary>Saves the draft's program file; a file with problems answers 400 with each problem's field and line, and saves nothing.</summary>
    internal static async Task<Ok<VersionDetail>> SaveDraft(DraftRequest request, ProgramVersions programs, CancellationToken ct) =>
        TypedResults.Ok(await programs.SaveDraftAsync(request, ct));

    /// <summary>Discards the draft.</summary>
    internal static async Task<NoContent> DiscardDraft(ProgramVersions programs, CancellationToken ct)
    {
        await programs.DiscardDraftAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>Publishes the draft with an effective date at least the program's change notice away; it never changes again.</summary>
    internal static async Task<Ok<VersionDetail>> Publish(PublishRequest request, ProgramVersions programs, CancellationToken ct) =>
        TypedResults.Ok(await programs.PublishAsync(request, ct));

    /// <summary>What the draft would do to partners' tiers for a period, side by side with the published version.</summary>
    internal static async Task<Ok<WhatIfReport>> WhatIf(string? period, TierWhatIfs whatIfs, CancellationToken ct) =>
        TypedResults.Ok(await whatIfs.CompareAsync(period, ct));

    /// <summary>The exchange rates into the program currency.</summary>
    internal static async Task<Ok<IReadOnlyList<ExchangeRateRow>>> Rates(ProgramVersions programs, CancellationToken ct) =>
        TypedResults.Ok(await programs.RatesAsync(ct));

    /// <summary>Adds or corrects exchange rates (a currency and a start day identify each); every row or none.</summary>
    internal static async Task<Ok<int>> SaveRates(IReadOnlyList<ExchangeRateRow> rows, ProgramVersions programs, CancellationToken ct) =>
        TypedResults.Ok(await programs.SaveRatesAsync(rows, ct));
}
