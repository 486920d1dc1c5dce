using Accrue.Data.Tiers;
using Accrue.Engine.Tiers;
using Accrue.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accrue.Web.Features.Tiers;

public static class TierEndpoints
{
    public static void MapTierEndpoints(this IEndpointRouteBuilder app)
    {
        var tiers = app.MapGroup("/api/v1/tiers").WithTags("Tiers").RequireAuthorization(Policies.Staff);
        tiers.MapPost("/evaluations", Start).RequireAuthorization(Policies.ProgramAdmin);
        tiers.MapGet("/evaluations", Runs);
        tiers.MapGet("/evaluations/{id:guid}", Run);
        tiers.MapGet("/evaluations/{id:guid}/proposals", Proposals);
        tiers.MapGet("/proposals/{id:guid}", Proposal);
        tiers.MapPost("/proposals/approval", Approve).RequireAuthorization(Policies.ProgramAdmin);
        tiers.MapPost("/proposals/rejection", Reject).RequireAuthorization(Policies.ProgramAdmin);

        var partners = app.MapGroup("/api/v1/partners/{partnerId:guid}").WithTags("Tiers").RequireAuthorization();
        partners.MapGet("/scorecard", Scorecard);
        partners.MapGet("/tier-history", History);
        partners.MapPost("/tier-override", Override).RequireAuthorization(Policies.ProgramAdmin);
    }

    /// <summary>Starts the evaluation of a finished period (202); follow its progress at the run's address.</summary>
    internal static async Task<Accepted<EvaluationRunView>> Start(StartEvaluationRequest request, TierEvaluations evaluations, CancellationToken ct)
    {
        var run = await evaluations.StartAsync(request, ct);
        return TypedResults.Accepted($"/api/v1/tiers/evaluations/{run.Id}", run);
    }

    /// <summary>Evaluation runs, latest period first, with their progress and proposal counts by status.</summary>
    internal static async Task<Ok<IReadOnlyList<EvaluationRunView>>> Runs(TierEvaluations evaluations, CancellationToken ct) =>
        TypedResults.Ok(await evaluations.ListAsync(ct));

    /// <summary>One run with its progress.</summary>
    internal static async Task<Results<Ok<EvaluationRunView>, NotFound>> Run(Guid id, TierEvaluations evaluations, CancellationToken ct) =>
        await evaluations.FindAsync(id, ct) is { } run ? TypedResults.Ok(run) : TypedResults.NotFound();

    /// <summary>A run's proposals: filter by status, decision, tier or partner name; paged.</summary>
    internal static async Task<Ok<Paged<ProposalView>>> Proposals(Guid id, TierEvaluations evaluations, ProposalStatus? status,
        TierDecisionKind? kind, string? tier, string? search, int? page, int? pageSize, CancellationToken ct)
    {
        var (p, size) = Paging.Clamp(page, pageSize);
        return TypedResults.Ok(await evaluations.ProposalsAsync(new ProposalQuery(id, status, kind, tier, search, p, size), ct));
    }

    /// <summary>One proposal with every criterion of the current, next and qualifying tiers.</summary>
    internal static async Task<Results<Ok<ProposalDetail>, NotFound>> Proposal(Guid id, TierEvaluations evaluations, CancellationToken ct) =>
        await evaluations.ProposalAsync(id, ct) is { } proposal ? TypedResults.Ok(proposal) : TypedResults.NotFound();

    /// <summary>Approves pending tier changes; each answers for itself.</summary>
    internal static async Task<Ok<IReadOnlyList<ProposalDecisionResult>>> Approve(ProposalDecision request, TierReview review, CancellationToken ct) =>
        TypedResults.Ok(await review.ApproveAsync(request, ct));

    /// <summary>Rejects pending tier changes with a reason; the partners keep their tiers.</summary>
    internal static async Task<Ok<IReadOnlyList<ProposalDecisionResult>>> Reject(ProposalDecision request, TierReview review, CancellationToken ct) =>
        TypedResults.Ok(await review.RejectAsync(request, ct));

    /// <summary>A partner's scorecard: tier, benefits, progress toward the next tier, grace, next evaluation, upcoming program changes.</summary>
    internal static async Task<Results<Ok<Scorecard>, NotFound<string>>> Scorecard(Guid partnerId, TierScorecards scorecards, CancellationToken ct) =>
        await scorecards.ForPartnerAsync(partnerId, ct) is { } card ? TypedResults.Ok(card) : TypedResults.NotFound("No program version is in force yet.");

    /// <summary>A partner's tier changes, newest first.</summary>
    internal static async Task<Ok<IReadOnlyList<TierHistoryItem>>> History(Guid partnerId, TierReview review, CancellationToken ct) =>
        TypedResults.Ok(await review.HistoryAsync(partnerId, ct));

    /// <summary>Sets a partner's tier by hand, with a reason and an optional lock date.</summary>
    internal static async Task<Ok<TierHistoryItem>> Override(Guid partnerId, TierOverrideRequest request, TierReview review, CancellationToken ct) =>
        TypedResults.Ok(await review.OverrideAsync(partnerId, request, ct));
}
