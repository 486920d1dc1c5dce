using Accrue.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accrue.Web.Features.Incentives;

public static class IncentiveEndpoints
{
    public static void MapIncentiveEndpoints(this IEndpointRouteBuilder app)
    {
        var incentives = app.MapGroup("/api/v1/incentives").WithTags("Incentives").RequireAuthorization(Policies.Staff);
        incentives.MapPost("/runs", Start).RequireAuthorization(Policies.Calculates);
        incentives.MapGet("/runs", Runs);
        incentives.MapGet("/runs/{id:guid}", Run);
        incentives.MapGet("/runs/{id:guid}/lines", Lines);
        incentives.MapGet("/lines/{id:guid}", Line);
        incentives.MapGet("/targets", Targets);
        incentives.MapPut("/targets", SetTargets).RequireAuthorization(Policies.Calculates);
        incentives.MapGet("/what-if", WhatIf);
    }

    /// <summary>Calculates a period (202); follow its progress at the run's address.</summary>
    internal static async Task<Accepted<CalculationRunView>> Start(StartCalculationRequest request, IncentiveRuns runs, CancellationToken ct)
    {
        var run = await runs.StartAsync(request, ct);
        return TypedResults.Accepted($"/api/v1/incentives/runs/{run.Id}", run);
    }

    /// <summary>Calculation runs, latest period first, with their stage and totals.</summary>
    internal static async Task<Ok<IReadOnlyList<CalculationRunView>>> Runs(IncentiveRuns runs, CancellationToken ct) => TypedResults.Ok(await runs.ListAsync(ct));

    /// <summary>One run with its summary: totals per rule (and budget), per tier in force, and the cash budget's use.</summary>
    internal static async Task<Results<Ok<CalculationSummary>, NotFound>> Run(Guid id, IncentiveRuns runs, CancellationToken ct) =>
        await runs.SummaryAsync(id, ct) is { } summary ? TypedResults.Ok(summary) : TypedResults.NotFound();

    /// <summary>A run's lines: filter by partner or rule, search by partner name, sort; paged.</summary>
    internal static async Task<Ok<Paged<IncentiveLineView>>> Lines(Guid id, IncentiveRuns runs, Guid? partnerId, string? ruleId, string? search,
        LineSort? sort, int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size) = Paging.Clamp(page, pageSize);
        return TypedResults.Ok(await runs.LinesAsync(new LineQuery(id, partnerId, ruleId, search, sort ?? LineSort.Partner, p, size), ct));
    }

    /// <summary>One line with its explanation and what earned it: deals, certification events, the values read.</summary>
    internal static async Task<Results<Ok<IncentiveLineDetail>, NotFound>> Line(Guid id, IncentiveRuns runs, CancellationToken ct) =>
        await runs.LineAsync(id, ct) is { } line ? TypedResults.Ok(line) : TypedResults.NotFound();

    /// <summary>The draft's rules against the published version's for a period, on today's data; nothing is stored.</summary>
    internal static async Task<Ok<IncentiveWhatIfReport>> WhatIf(string? period, IncentiveWhatIfs whatIfs, CancellationToken ct) =>
        TypedResults.Ok(await whatIfs.CompareAsync(period, ct));

    /// <summary>Partners' targets, of one period or all.</summary>
    internal static async Task<Ok<IReadOnlyList<TargetView>>> Targets(string? period, IncentiveTargets targets, CancellationToken ct) =>
        TypedResults.Ok(await targets.ListAsync(period, ct));

    /// <summary>Sets targets, all or none.</summary>
    internal static async Task<Ok<int>> SetTargets(IReadOnlyList<TargetRow> rows, IncentiveTargets targets, CancellationToken ct) =>
        TypedResults.Ok(await targets.SetAsync(rows, ct));
}
