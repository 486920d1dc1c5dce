using Accrue.Web.Hosting;

namespace Accrue.Web.Components.Shared;

/// <summary>A form's field-level messages from the service's validation, looked up by the JSON field name ("customerName").</summary>
/// <remarks>Forms show what the API would answer: the messages come from the same validators, through <see cref="InvalidRequest"/>.</remarks>
public sealed class FieldErrors
{
    IDictionary<string, string[]> errors = new Dictionary<string, string[]>();

    public bool Has(string field) => errors.ContainsKey(field);
    public string? Of(string field) => errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;
    public void Show(InvalidRequest invalid) => errors = invalid.Errors;
    public void Clear() => errors = new Dictionary<string, string[]>();
}
