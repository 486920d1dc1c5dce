namespace Accrue.Web.Features.Audit;

/// <summary>Audit actions as people read them: "PartnerStatusChanged" → "Partner status changed".</summary>
public static class AuditWords
{
    public static string Of(string action)
    {
        var words = new System.Text.StringBuilder();
        foreach (var c in action)
        {
            if (char.IsUpper(c) && words.Length > 0) words.Append(' ').Append(char.ToLowerInvariant(c));
            else words.Append(c);
        }
        return words.ToString().Replace("api token", "API token");
    }
}
