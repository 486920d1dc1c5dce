namespace Accrue.Engine.Deals;

/// <summary>The host name that identifies a customer on the web, from whatever a partner typed.</summary>
/// <remarks>
/// "ACME.com", "https://www.acme.com/path?q", "www.acme.com:443" and "jane@acme.com" all name
/// acme.com: lower-case, without scheme, user, "www.", port, path or trailing dot. Anything that
/// is not a host name with at least one dot (spaces, a bare word, an IP address) gives null rather
/// than a guess, because a wrong domain would make two customers one. Internationalised names are
/// compared as typed: "müller.de" and its punycode "xn--mller-kva.de" are not recognised as one.
/// </remarks>
public static class WebDomains
{
    public static string? Normalize(string? domainOrUrlOrEmail)
    {
        if (string.IsNullOrWhiteSpace(domainOrUrlOrEmail))
            return null;
        var host = domainOrUrlOrEmail.Trim().ToLowerInvariant();

        var scheme = host.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
            host = host[(scheme + 3)..];
        host = Before(host, '/', '?', '#');
        host = host[(host.LastIndexOf('@') + 1)..];   // an e-mail address, "mailto:" or user info in a URL
        host = Before(host, ':').TrimEnd('.');
        while (host.StartsWith("www.", StringComparison.Ordinal) && host.IndexOf('.', 4) > 0)
            host = host[4..];

        return IsHostName(host) ? host : null;
    }

    static string Before(string text, params char[] stops)
    {
        var at = text.IndexOfAny(stops);
        return at < 0 ? text : text[..at];
    }

    /// <summary>Labels of letters, digits and inner hyphens, at least two of them, the last not all digits.</summary>
    static bool IsHostName(string host)
    {
        if (host.Length > 253)
            return false;
        var labels = 0;
        var last = ReadOnlySpan<char>.Empty;
        foreach (var range in host.AsSpan().Split('.'))
        {
            var label = host.AsSpan(range);
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-')
                return false;
            foreach (var c in label)
                if (!char.IsLetterOrDigit(c) && c != '-')
                    return false;
            labels++;
            last = label;
        }
        return labels >= 2 && last.ContainsAnyExceptInRange('0', '9');
    }
}
