namespace Accrue.Engine.Deals;

/// <summary>How alike two company names are, from 0 (nothing in common) to 1 (the same normal form).</summary>
/// <remarks>
/// Jaro–Winkler over <see cref="CompanyNames.Normalize"/>d names, with the standard prefix scale
/// 0.1 and a common prefix of at most 4 characters. It forgives a typo or a dropped letter and
/// rewards a shared beginning, which is where company names tend to agree. It is symmetric:
/// Of(a, b) == Of(b, a), whichever name is scanned first.
/// </remarks>
public static class NameSimilarity
{
    const double PrefixScale = 0.1;
    const int MaxPrefix = 4;

    public static double Of(string a, string b) => OfNormalForms(CompanyNames.Normalize(a), CompanyNames.Normalize(b));

    /// <summary>The same for names already in normal form, so that a name compared many times is normalised once.</summary>
    /// <remarks>Compared many times per submission, so it works on the stack: company names are short.</remarks>
    public static double OfNormalForms(string a, string b)
    {
        const int OnStack = 128;
        Span<int> s = a.Length <= OnStack ? stackalloc int[a.Length] : new int[a.Length];
        Span<int> t = b.Length <= OnStack ? stackalloc int[b.Length] : new int[b.Length];
        s = s[..Runes(a, s)];
        t = t[..Runes(b, t)];
        if (s.SequenceEqual(t))
            return 1;
        Span<bool> sMatched = s.Length <= OnStack ? stackalloc bool[s.Length] : new bool[s.Length];
        Span<bool> tMatched = t.Length <= OnStack ? stackalloc bool[t.Length] : new bool[t.Length];
        var jaro = Jaro(s, t, sMatched, tMatched);
        var prefix = 0;
        while (prefix < Math.Min(MaxPrefix, Math.Min(s.Length, t.Length)) && s[prefix] == t[prefix])
            prefix++;
        return jaro + prefix * PrefixScale * (1 - jaro);
    }

    /// <summary>Writes the text's code points (a string never has more of them than chars) and returns how many.</summary>
    static int Runes(string text, Span<int> into)
    {
        var count = 0;
        foreach (var rune in text.EnumerateRunes())
            into[count++] = rune.Value;
        return count;
    }

    /// <summary>Characters match when equal and no further apart than half the longer name; transpositions are matches out of order.</summary>
    /// <param name="sMatched">Cleared flags, one per character of s.</param>
    /// <param name="tMatched">Cleared flags, one per character of t.</param>
    static double Jaro(ReadOnlySpan<int> s, ReadOnlySpan<int> t, Span<bool> sMatched, Span<bool> tMatched)
    {
        var window = Math.Max(0, Math.Max(s.Length, t.Length) / 2 - 1);
        var matches = 0;
        for (var i = 0; i < s.Length; i++)
            for (var j = Math.Max(0, i - window); j <= Math.Min(t.Length - 1, i + window); j++)
                if (!tMatched[j] && s[i] == t[j])
                {
                    (sMatched[i], tMatched[j]) = (true, true);
                    matches++;
                    break;
                }
        if (matches == 0)
            return 0;

        var halfTranspositions = 0;
        for (int i = 0, j = 0; i < s.Length; i++)
        {
            if (!sMatched[i])
                continue;
            while (!tMatched[j])
                j++;
            if (s[i] != t[j++])
                halfTranspositions++;
        }
        double m = matches;
        return (m / s.Length + m / t.Length + (m - halfTranspositions / 2.0) / m) / 3;
    }
}
