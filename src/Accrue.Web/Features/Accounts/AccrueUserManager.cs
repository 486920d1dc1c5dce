using Accrue.Data.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Accrue.Web.Features.Accounts;

/// <summary>Identity's user manager, which also makes remembered bearer tokens look their user up again after the user changed.</summary>
/// <remarks>
/// Every change Identity makes to a user (roles, lockout, password, security stamp, claims) ends in
/// UpdateUserAsync, so this one override covers them all.
/// </remarks>
public sealed class AccrueUserManager(
    IUserStore<AccrueUser> store, IOptions<IdentityOptions> options, IPasswordHasher<AccrueUser> hasher,
    IEnumerable<IUserValidator<AccrueUser>> userValidators, IEnumerable<IPasswordValidator<AccrueUser>> passwordValidators,
    ILookupNormalizer normalizer, IdentityErrorDescriber errors, IServiceProvider services, ILogger<UserManager<AccrueUser>> logger,
    ApiTokenPrincipals tokens)
    : UserManager<AccrueUser>(store, options, hasher, userValidators, passwordValidators, normalizer, errors, services, logger)
{
    protected override async Task<IdentityResult> UpdateUserAsync(AccrueUser user)
    {
        try
        {
            return await base.UpdateUserAsync(user);
        }
        finally
        {
            tokens.Forget();
        }
    }

    public override async Task<IdentityResult> DeleteAsync(AccrueUser user)
    {
        try
        {
            return await base.DeleteAsync(user);
        }
        finally
        {
            tokens.Forget();
        }
    }
}
