namespace Accrue.Engine.Deals;

/// <summary>The allowed moves between deal statuses.</summary>
/// <remarks>
/// Draft → Submitted → Approved (or Rejected, or Returned to the partner to fix and submit again),
/// then forward through the sales stages Qualified → Proposal → Negotiation, any of which may be
/// skipped, to Won or Lost, or to Expired when protection runs out first. A deal never moves back a
/// stage: stage dates feed metrics such as qualified_opportunities, and a stage reached once stays
/// reached. Won, Lost, Rejected and Expired are final; a partner who wants the customer again
/// registers a new deal, which is checked for conflicts afresh.
/// </remarks>
public static class DealLifecycle
{
    static readonly Dictionary<DealStatus, DealStatus[]> Allowed = new()
    {
        [DealStatus.Draft] = [DealStatus.Submitted],
        [DealStatus.Submitted] = [DealStatus.Approved, DealStatus.Rejected, DealStatus.Returned],
        [DealStatus.Returned] = [DealStatus.Submitted],
        [DealStatus.Approved] = [DealStatus.Qualified, DealStatus.Proposal, DealStatus.Negotiation, DealStatus.Won, DealStatus.Lost, DealStatus.Expired],
        [DealStatus.Qualified] = [DealStatus.Proposal, DealStatus.Negotiation, DealStatus.Won, DealStatus.Lost, DealStatus.Expired],
        [DealStatus.Proposal] = [DealStatus.Negotiation, DealStatus.Won, DealStatus.Lost, DealStatus.Expired],
        [DealStatus.Negotiation] = [DealStatus.Won, DealStatus.Lost, DealStatus.Expired],
        [DealStatus.Won] = [],
        [DealStatus.Lost] = [],
        [DealStatus.Rejected] = [],
        [DealStatus.Expired] = [],
    };

    public static IReadOnlyList<DealStatus> NextStatuses(DealStatus from) => Allowed[from];

    /// <summary>Whether the deal holds a claim on its customer that a later registration would conflict with.</summary>
    public static bool IsClaiming(DealStatus s) =>
        s is DealStatus.Submitted or DealStatus.Approved or DealStatus.Qualified or DealStatus.Proposal or DealStatus.Negotiation;

    public static bool IsClosed(DealStatus s) => s is DealStatus.Won or DealStatus.Lost or DealStatus.Rejected or DealStatus.Expired;

    /// <summary>Whether a deal may move from one status to another, and if not, why.</summary>
    public static DealTransition Check(DealStatus from, DealStatus to)
    {
        if (from == to)
            return DealTransition.Refused($"The deal is already {from}.");
        if (Allowed[from].Contains(to))
            return DealTransition.Allowed;
        if (IsClosed(from))
            return DealTransition.Refused(from == DealStatus.Won
                ? $"A deal that is Won is final and cannot {Move(to)}."
                : $"A deal that is {from} is final and cannot {Move(to)}; register the opportunity again as a new deal.");
        return DealTransition.Refused($"A deal cannot {Move(to)} from {from}; from {from} it can go to {OneOf(Allowed[from])}.");
    }

    static string Move(DealStatus to) => to switch
    {
        DealStatus.Draft => "go back to Draft",
        DealStatus.Expired => "expire",
        DealStatus.Proposal or DealStatus.Negotiation => $"move to {to}",
        _ => $"be {to.ToString().ToLowerInvariant()}",
    };

    static string OneOf(DealStatus[] statuses) =>
        statuses.Length == 1 ? $"{statuses[0]}" : $"{string.Join(", ", statuses[..^1])} or {statuses[^1]}";
}

/// <summary>The answer to a requested status change: allowed, or refused with the reason in words.</summary>
public sealed record DealTransition(bool IsAllowed, string? Refusal)
{
    public static readonly DealTransition Allowed = new(true, null);
    public static DealTransition Refused(string reason) => new(false, reason);
}
