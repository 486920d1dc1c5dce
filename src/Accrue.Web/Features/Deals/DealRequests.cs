using Accrue.Data.Deals;
using Accrue.Engine.Deals;
using Accrue.Engine.Money;
using FluentValidation;
using MoneyValue = Accrue.Engine.Money.Money;

namespace Accrue.Web.Features.Deals;

/// <summary>What a partner tells the vendor about an opportunity. <see cref="Submit"/> false saves a draft.</summary>
public sealed record RegisterDealRequest(
    string CustomerName, string? CustomerDomain, string CustomerCountry, string? ContactName, string? ContactEmail,
    IReadOnlyList<string> ProductLines, decimal EstimatedAmount, string Currency, DateOnly ExpectedCloseOn,
    Involvement Involvement, string? Notes = null, bool Submit = true)
{
    public static readonly IValidator<RegisterDealRequest> Validator = new RegisterDealValidator();

    sealed class RegisterDealValidator : AbstractValidator<RegisterDealRequest>
    {
        public RegisterDealValidator()
        {
            RuleFor(r => r.CustomerName).NotEmpty().WithMessage("Enter the customer's company name.").MaximumLength(200);
            RuleFor(r => r.CustomerDomain).Must(d => WebDomains.Normalize(d) is not null).When(r => !string.IsNullOrWhiteSpace(r.CustomerDomain))
                .WithMessage("'{PropertyValue}' is not a web domain such as acme.com.");
            RuleFor(r => r.CustomerCountry).Must(Partners.CountryCodes.IsValid)
                .WithMessage("The country must be an ISO 3166 two-letter code such as US, DE or JP.");
            RuleFor(r => r.ContactName).MaximumLength(200);
            RuleFor(r => r.ContactEmail).EmailAddress().When(r => !string.IsNullOrWhiteSpace(r.ContactEmail))
                .WithMessage("'{PropertyValue}' is not an e-mail address.").MaximumLength(254);
            RuleFor(r => r.ProductLines).NotEmpty().WithMessage("Name at least one product line.")
                .Must(p => p.All(l => !string.IsNullOrWhiteSpace(l) && l.Length <= 60 && !l.Contains(';')))
                .WithMessage("A product line is 1 to 60 characters, without ';'.");
            RuleFor(r => r.Currency).Must(c => Accrue.Engine.Money.Currency.TryOf(c, out _)).WithMessage("'{PropertyValue}' is not a currency code Accrue knows, such as USD or EUR.");
            RuleFor(r => r.EstimatedAmount).GreaterThan(0).WithMessage("The estimated amount must be more than zero.")
                .LessThan(10_000_000_000m).WithMessage("The estimated amount is implausibly large; check it.");
            RuleFor(r => r.Involvement).IsInEnum().WithMessage("Say how you are involved: PartnerSourced, CoSelling or Referral.");
            RuleFor(r => r.Notes).MaximumLength(4000);
        }
    }

    public MoneyValue EstimatedMoney() => MoneyValue.FromDecimal(EstimatedAmount, Currency);
}

public sealed record RegistrationOutcome(Guid DealId, DealStatus Status, string Message);

public sealed record DecisionRequest(string? Reason = null, DateOnly? ProtectedUntil = null);
public sealed record BulkApprovalRequest(IReadOnlyList<Guid> DealIds);
public sealed record BulkApprovalResult(Guid DealId, bool Approved, string Message);
public sealed record StageRequest(DealStatus Stage);
public sealed record WinRequest(decimal ActualAmount, DateOnly ClosedOn);
public sealed record LossRequest(string Reason);
public sealed record ExtensionRequest(string Reason);
public sealed record ExtensionGrant(int Days);
public sealed record EvidenceRequest(EvidenceKind Kind, DateOnly OccurredOn, string Who, string? Notes = null);

public sealed record DealQuery(
    string? Search = null, DealStatus? Status = null, Guid? PartnerId = null, bool? NeedsReview = null,
    string? Sort = null, bool Descending = false, int Page = 0, int PageSize = 25);

public sealed record DealSummary(
    Guid Id, Guid PartnerId, string PartnerName, string? ExternalId, string CustomerName, string? CustomerDomain, DealStatus Status,
    long EstimatedAmountMinor, string Currency, string EstimatedAmount, DateOnly ExpectedCloseOn, DateTimeOffset? RegisteredAt,
    DateOnly? ProtectedUntil, bool NeedsReview, string NextStep);

public sealed record ConflictView(
    ConflictKind Kind, Guid? RivalDealId, string? VendorOpportunityId, double Similarity, string Explanation, string? RivalPartnerName,
    string? RivalCustomerName, string? RivalCustomerDomain, string? RivalProductLines, DateTimeOffset? RivalRegisteredAt,
    DealStatus? RivalStatus, DateOnly? RivalProtectedUntil)
{
    public static ConflictView From(DealConflict c) => new(c.Kind, c.RivalDealId, c.VendorOpportunityId, c.Similarity, c.Explanation,
        c.RivalPartnerName, c.RivalCustomerName, c.RivalCustomerDomain, c.RivalProductLines, c.RivalRegisteredAt, c.RivalStatus, c.RivalProtectedUntil);
}

public sealed record EvidenceView(EvidenceKind Kind, DateOnly OccurredOn, string Who, string? Notes, string LoggedBy, DateTimeOffset LoggedAt);
public sealed record TimelineEntry(DateTimeOffset At, string Who, string What, string? Reason);

/// <summary>A deal with everything its page shows. Conflicts, signals and spot audits are empty for partners.</summary>
public sealed record DealDetail(
    DealSummary Summary, string CustomerCountry, string? ContactName, string? ContactEmail, IReadOnlyList<string> ProductLines,
    Involvement Involvement, string? Notes, string? DecisionReason, DateOnly? ProtectedFrom, int ProtectionDaysLeft,
    DateTimeOffset? ExtensionRequestedAt, string? ExtensionReason, string? ActualAmount, DateOnly? ClosedOn, string? LostReason,
    bool SpotAudit, IReadOnlyList<DealStatus> NextStatuses, Guid Revision, IReadOnlyList<ConflictView> Conflicts,
    IReadOnlyList<FraudSignal> Signals, IReadOnlyList<EvidenceView> Evidence, IReadOnlyList<TimelineEntry> Timeline);

/// <summary>A deal waiting for a decision, and for how long.</summary>
public sealed record QueueItem(DealSummary Deal, TimeSpan Waiting, int Conflicts, int Signals, bool SpotAudit);

/// <summary>How long partners wait for a decision: now, and over the last 30 days.</summary>
public sealed record ServiceLevel(int Pending, TimeSpan? OldestWaiting, TimeSpan? MedianWaiting, int DecidedLast30Days, TimeSpan? MedianDecisionTime);
