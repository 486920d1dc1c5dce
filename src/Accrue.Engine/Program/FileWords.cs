namespace Accrue.Engine.Program;

/// <summary>How Accrue's files spell the engine's choices (metrics, tracks, cadences, deal outcomes…), and the nearest known word for a misspelt one.</summary>
/// <remarks>
/// The file's words are the enum names in snake_case (<c>AvgDaysToClose</c> → <c>avg_days_to_close</c>,
/// <c>PreSales</c> → <c>pre_sales</c>), so a new metric gets its file name without a table to forget.
/// </remarks>
public static class FileWords
{
    public static string Of<T>(T value) where T : struct, Enum => Snake(value.ToString());

    public static IReadOnlyList<string> All<T>() where T : struct, Enum => Enum.GetValues<T>().Select(v => Of(v)).ToArray();

    public static bool TryParse<T>(string text, out T value) where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
            if (Of(candidate) == text)
            {
                value = candidate;
                return true;
            }
        value = default;
        return false;
    }

    /// <summary>" — did you mean 'won_revenue'?" when a known word is close, else the list of known words.</summary>
    public static string Suggest(string word, IEnumerable<string> known)
    {
        var words = known.ToList();
        return Nearest(word, words) is { } near ? $" — did you mean '{near}'?" : $" (expected one of: {string.Join(", ", words)})";
    }

    /// <summary>The known word closest to <paramref name="word"/> by edit distance, when it is close enough to be a slip (about one edit in three letters).</summary>
    public static string? Nearest(string word, IEnumerable<string> known)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in known)
        {
            // A difference of case alone is the likeliest slip of all.
            var distance = string.Equals(candidate, word, StringComparison.OrdinalIgnoreCase) ? 0 : Distance(word.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance) (best, bestDistance) = (candidate, distance);
        }
        return best is not null && bestDistance <= Math.Max(2, best.Length / 3) ? best : null;
    }

    static string Snake(string pascal)
    {
        var chars = new List<char>(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            if (char.IsUpper(pascal[i]) && i > 0) chars.Add('_');
            chars.Add(char.ToLowerInvariant(pascal[i]));
        }
        return new string(chars.ToArray());
    }

    /// <summary>Levenshtein distance, two rows at a time.</summary>
    static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
