using Accrue.Data.Accounts;
using Microsoft.AspNetCore.Identity;

namespace Accrue.Web.Features.Accounts;

/// <summary>Refuses passwords that appear on lists of the most used ones (ASVS 5.0, 6.2.4).</summary>
/// <remarks>
/// The list is short: only entries of at least 12 characters matter, because shorter ones already
/// fail the length rule. It also refuses a password that contains the user's e-mail name.
/// </remarks>
sealed class CommonPasswordValidator : IPasswordValidator<AccrueUser>
{
    static readonly HashSet<string> Common = new(StringComparer.OrdinalIgnoreCase)
    {
        "123456789012", "1234567890123", "12345678901234", "123456789abc", "password1234", "password12345",
        "password123456", "passwordpassword", "qwertyuiopasdf", "qwertyuiop123", "qwerty123456", "1q2w3e4r5t6y",
        "iloveyou1234", "welcome12345", "letmein12345", "administrator", "abcdefghijkl", "abc123456789",
        "000000000000", "111111111111", "aaaaaaaaaaaa", "changeme1234", "superman1234", "football1234",
        "baseball1234", "monkey123456", "dragon123456", "sunshine1234", "princess1234", "trustno11234",
    };

    public Task<IdentityResult> ValidateAsync(UserManager<AccrueUser> manager, AccrueUser user, string? password)
    {
        if (password is null) return Task.FromResult(IdentityResult.Success);
        var emailName = user.Email?.Split('@')[0];
        if (Common.Contains(password))
            return Failed("CommonPassword", "This password is on a list of commonly used passwords; choose another.");
        if (emailName is { Length: >= 4 } && password.Contains(emailName, StringComparison.OrdinalIgnoreCase))
            return Failed("PasswordContainsEmail", "The password must not contain your e-mail name.");
        return Task.FromResult(IdentityResult.Success);
    }

    static Task<IdentityResult> Failed(string code, string description) =>
        Task.FromResult(IdentityResult.Failed(new IdentityError { Code = code, Description = description }));
}
