namespace Accrue.Engine.Partners;

/// <summary>Where a partner stands with the vendor.</summary>
public enum PartnerStatus { Prospect, Onboarding, Active, Suspended, Exited }

/// <summary>The allowed moves between partner statuses.</summary>
/// <remarks>
/// Prospect → Onboarding → Active, Active ⇄ Suspended, and any non-exited status → Exited.
/// Exited is final: a returning partner is onboarded again as a new record, so that its history
/// under the old agreement stays as it was. Suspending and exiting need a reason, because both
/// stop a partner's incentives and someone will ask why.
/// </remarks>
public static class PartnerLifecycle
{
    static readonly Dictionary<PartnerStatus, PartnerStatus[]> Allowed = new()
    {
        [PartnerStatus.Prospect] = [PartnerStatus.Onboarding, PartnerStatus.Exited],
        [PartnerStatus.Onboarding] = [PartnerStatus.Active, PartnerStatus.Exited],
        [PartnerStatus.Active] = [PartnerStatus.Suspended, PartnerStatus.Exited],
        [PartnerStatus.Suspended] = [PartnerStatus.Active, PartnerStatus.Exited],
        [PartnerStatus.Exited] = [],
    };

    public static IReadOnlyList<PartnerStatus> NextStatuses(PartnerStatus from) => Allowed[from];

    public static bool NeedsReason(PartnerStatus to) => to is PartnerStatus.Suspended or PartnerStatus.Exited;

    /// <summary>Whether a partner may move from one status to another, and if not, why.</summary>
    public static StatusChange Check(PartnerStatus from, PartnerStatus to, string? reason)
    {
        if (from == to)
            return StatusChange.Refused($"The partner is already {from}.");
        if (!Allowed[from].Contains(to))
            return StatusChange.Refused(from == PartnerStatus.Exited
                ? "An exited partner cannot change status; onboard it again as a new partner."
                : $"A partner cannot go from {from} to {to}; from {from} it can go to {string.Join(" or ", Allowed[from])}.");
        if (NeedsReason(to) && string.IsNullOrWhiteSpace(reason))
            return StatusChange.Refused($"Moving a partner to {to} needs a reason.");
        return StatusChange.Allowed;
    }
}

/// <summary>The answer to a requested status change: allowed, or refused with the reason in words.</summary>
public sealed record StatusChange(bool IsAllowed, string? Refusal)
{
    public static readonly StatusChange Allowed = new(true, null);
    public static StatusChange Refused(string reason) => new(false, reason);
}
