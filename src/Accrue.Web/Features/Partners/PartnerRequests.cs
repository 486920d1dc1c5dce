using System.Globalization;
using Accrue.Data.Partners;
using Accrue.Engine.Partners;
using FluentValidation;

namespace Accrue.Web.Features.Partners;

/// <summary>A list query: search text, filters, sort and page. Sort keys: name, joinedOn, status, type, region, country.</summary>
public sealed record PartnerQuery(
    string? Search = null, PartnerType? Type = null, Region? Region = null, PartnerStatus? Status = null,
    Guid? ManagerId = null, string? Sort = null, bool Descending = false, int Page = 0, int PageSize = 25);

public sealed record PartnerSummary(
    Guid Id, string? ExternalId, string Name, PartnerType Type, Region Region, string Country, string? Vertical,
    PartnerStatus Status, DateOnly JoinedOn, Guid? ManagerId, string? ManagerName);

public sealed record PartnerDetail(
    Guid Id, string? ExternalId, string Name, PartnerType Type, Region Region, string Country, string? Vertical,
    string? Website, PartnerStatus Status, DateOnly JoinedOn, Guid? ManagerId, string? ManagerName, Guid Revision,
    IReadOnlyList<PartnerStatus> NextStatuses, int ContactCount)
{
    public static PartnerDetail From(Partner p, string? managerName, int contactCount) =>
        new(p.Id, p.ExternalId, p.Name, p.Type, p.Region, p.Country, p.Vertical, p.Website, p.Status, p.JoinedOn,
            p.ManagerId, managerName, p.Revision, PartnerLifecycle.NextStatuses(p.Status), contactCount);
}

/// <summary>
/// What a person may set on a partner. Status is not here: it changes only through the lifecycle.
/// <see cref="Revision"/> is required to update, so that two people editing at once don't overwrite each other.
/// </summary>
public sealed record SavePartnerRequest(
    string Name, PartnerType Type, Region Region, string Country, string? ExternalId = null, string? Vertical = null,
    string? Website = null, DateOnly? JoinedOn = null, Guid? ManagerId = null, Guid? Revision = null)
{
    public static readonly IValidator<SavePartnerRequest> Validator = new SavePartnerValidator();

    sealed class SavePartnerValidator : AbstractValidator<SavePartnerRequest>
    {
        public SavePartnerValidator()
        {
            RuleFor(r => r.Name).NotEmpty().WithMessage("Enter the partner's name.").MaximumLength(200);
            RuleFor(r => r.Type).IsInEnum().WithMessage("Choose a partner type.");
            RuleFor(r => r.Region).IsInEnum().WithMessage("Choose a region.");
            RuleFor(r => r.Country).Must(CountryCodes.IsValid)
                .WithMessage("The country must be an ISO 3166 two-letter code such as US, DE or JP.");
            RuleFor(r => r.ExternalId).MaximumLength(100);
            RuleFor(r => r.Vertical).MaximumLength(100);
            RuleFor(r => r.Website).Must(BeAWebAddress).When(r => !string.IsNullOrWhiteSpace(r.Website))
                .WithMessage("The website must be a full address starting with http:// or https://.").MaximumLength(300);
        }

        static bool BeAWebAddress(string? url) =>
            Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
    }
}

public sealed record ChangeStatusRequest(PartnerStatus Status, string? Reason);

public sealed record AddContactRequest(string FirstName, string LastName, string Email, string? JobTitle = null, string? Phone = null)
{
    public static readonly IValidator<AddContactRequest> Validator = new AddContactValidator();

    sealed class AddContactValidator : AbstractValidator<AddContactRequest>
    {
        public AddContactValidator()
        {
            RuleFor(r => r.FirstName).NotEmpty().WithMessage("Enter the first name.").MaximumLength(100);
            RuleFor(r => r.LastName).NotEmpty().WithMessage("Enter the last name.").MaximumLength(100);
            RuleFor(r => r.Email).NotEmpty().WithMessage("Enter the e-mail address.")
                .EmailAddress().WithMessage("'{PropertyValue}' is not an e-mail address.").MaximumLength(254);
            RuleFor(r => r.JobTitle).MaximumLength(100);
            RuleFor(r => r.Phone).MaximumLength(40);
        }
    }
}

public sealed record ContactSummary(Guid Id, Guid PartnerId, string FirstName, string LastName, string Email, string? JobTitle, string? Phone)
{
    public static ContactSummary From(Contact c) => new(c.Id, c.PartnerId, c.FirstName, c.LastName, c.Email, c.JobTitle, c.Phone);
}

public sealed record ManagerOption(Guid Id, string DisplayName, string Email);

static class CountryCodes
{
    /// <summary>Two upper-case letters that .NET knows as a region (ISO 3166-1 alpha-2).</summary>
    public static bool IsValid(string? code)
    {
        if (code is not { Length: 2 } || !code.All(char.IsAsciiLetterUpper)) return false;
        try
        {
            return new RegionInfo(code).TwoLetterISORegionName == code;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}

/// <summary>How many partners the caller sees, by status, type and region.</summary>
public sealed record PartnerOverview(int Total, IReadOnlyList<(string Label, int Count)> ByStatus,
                                     IReadOnlyList<(string Label, int Count)> ByType, IReadOnlyList<(string Label, int Count)> ByRegion);
