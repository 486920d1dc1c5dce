using FluentValidation;

namespace Accrue.Web.Hosting;

static class Validation
{
    /// <summary>Runs a validator and throws <see cref="InvalidRequest"/> with field paths when the request has errors.</summary>
    public static void ThrowIfInvalid<T>(this IValidator<T> validator, T request)
    {
        var result = validator.Validate(request);
        if (result.IsValid) return;
        throw new InvalidRequest(result.Errors
            .GroupBy(e => JsonPath(e.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray()));
    }

    // API clients send camelCase JSON; their error paths should match what they sent.
    static string JsonPath(string propertyName) =>
        string.Join('.', propertyName.Split('.').Select(p => p.Length == 0 ? p : char.ToLowerInvariant(p[0]) + p[1..]));
}
