using Accrue.Data;
using Accrue.Data.Accounts;
using FluentValidation;

namespace Accrue.Web.Features.Accounts;

/// <summary>Invites a person: staff roles need no partner; partner roles need exactly one.</summary>
public sealed record InviteUserRequest(string Email, string DisplayName, string Role, Guid? PartnerId)
{
    public static readonly IValidator<InviteUserRequest> Validator = new InviteUserValidator();

    sealed class InviteUserValidator : AbstractValidator<InviteUserRequest>
    {
        public InviteUserValidator()
        {
            RuleFor(r => r.Email).NotEmpty().WithMessage("Enter the invitee's e-mail address.")
                .EmailAddress().WithMessage("'{PropertyValue}' is not an e-mail address.").MaximumLength(254);
            RuleFor(r => r.DisplayName).NotEmpty().WithMessage("Enter the invitee's name.").MaximumLength(200);
            RuleFor(r => r.Role).Must(AccrueRoles.All.Contains)
                .WithMessage($"The role must be one of {string.Join(", ", AccrueRoles.All)}.");
            RuleFor(r => r.PartnerId).NotNull().When(r => AccrueRoles.Partner.Contains(r.Role))
                .WithMessage("A partner user belongs to a partner: choose one.");
            RuleFor(r => r.PartnerId).Null().When(r => AccrueRoles.Staff.Contains(r.Role))
                .WithMessage("Vendor staff do not belong to a partner.");
        }
    }
}

/// <summary>Sets the password of an invited user, with the one-time token from the invitation link.</summary>
public sealed record AcceptInvitationRequest(string Email, string Token, string Password);

public sealed record CreateApiTokenRequest(string Name, int? ExpiresInDays)
{
    public static readonly IValidator<CreateApiTokenRequest> Validator = new CreateApiTokenValidator();

    sealed class CreateApiTokenValidator : AbstractValidator<CreateApiTokenRequest>
    {
        public CreateApiTokenValidator()
        {
            RuleFor(r => r.Name).NotEmpty().WithMessage("Name the token after what will use it, e.g. 'CRM sync'.").MaximumLength(100);
            RuleFor(r => r.ExpiresInDays).InclusiveBetween(1, 730).When(r => r.ExpiresInDays is not null)
                .WithMessage("A token lives between 1 and 730 days.");
        }
    }
}

public sealed record UserSummary(Guid Id, string Email, string DisplayName, string[] Roles, Guid? PartnerId, string? PartnerName,
                                 bool InvitationOpen, bool LockedOut, DateTimeOffset CreatedAt);

public sealed record Invitation(Guid UserId, string Email, string AcceptUrl);

public sealed record ApiTokenSummary(Guid Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt)
{
    public static ApiTokenSummary From(ApiToken t) => new(t.Id, t.Name, t.Prefix, t.CreatedAt, t.ExpiresAt, t.RevokedAt);
}

/// <summary>A new token: the secret appears here once and is never shown again.</summary>
public sealed record CreatedApiToken(ApiTokenSummary Token, string Secret);

public sealed record Me(Guid? UserId, string Name, string[] Roles, Guid? PartnerId);
