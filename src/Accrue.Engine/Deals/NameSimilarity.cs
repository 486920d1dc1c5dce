using System.Runtime.Intrinsics;

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
        return WithPrefixBonus(jaro, prefix);
    }

    /// <summary>
    /// The most <see cref="OfNormalForms"/> can give for two names, from their outlines alone: Jaro counts characters that
    /// are equal, so two names cannot have more matches than they have characters in common, and the score only grows
    /// with its matches and with a common prefix of at most 4. Reading two outlines costs a fraction of comparing the names.
    /// </summary>
    public static double AtMost(in NameOutline a, in NameOutline b)
    {
        if (!a.IsCounted || !b.IsCounted)
            return 1;
        if (a.Length == 0 || b.Length == 0)
            return a.Length == b.Length ? 1 : 0;
        var (lower, upper) = Vector256.Widen(Vector256.Min(a.Counts, b.Counts));
        double inCommon = Vector256.Sum(lower + upper);
        if (inCommon == 0)
            return 0;
        // Jaro with every common character matched and none transposed, then Winkler's bonus for the longest prefix possible.
        var jaro = (inCommon / a.Length + inCommon / b.Length + 1) / 3;
        return WithPrefixBonus(jaro, Math.Min(MaxPrefix, Math.Min(a.Length, b.Length)));
    }

    /// <summary>Winkler's bonus for a common prefix; one formula for the score and its bound, so that they round alike.</summary>
    static double WithPrefixBonus(double jaro, int prefix) => jaro + prefix * PrefixScale * (1 - jaro);

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

/// <summary>
/// A name in normal form, outlined: its length in code points and how many of its code points fall in each of 32 buckets
/// (by the code point's last five bits), enough to bound its similarity with another (<see cref="NameSimilarity.AtMost"/>).
/// Names of more than 255 code points are not counted, and are always compared in full.
/// </summary>
public readonly record struct NameOutline(int Length, Vector256<byte> Counts, bool IsCounted)
{
    public static NameOutline Of(string normalName)
    {
        Span<byte> counts = stackalloc byte[Vector256<byte>.Count];
        counts.Clear();
        var length = 0;
        foreach (var rune in normalName.EnumerateRunes())
        {
            if (++length > byte.MaxValue)
                return new NameOutline(length, default, false);
            counts[rune.Value & (Vector256<byte>.Count - 1)]++;
        }
        return new NameOutline(length, Vector256.Create<byte>(counts), true);
    }
}
