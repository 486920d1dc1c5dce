using System.Globalization;
using System.Text;

namespace Accrue.Engine.Deals;

/// <summary>The form of a company's name that two registrations are compared by.</summary>
/// <remarks>
/// Partners type the same customer many ways: "Müller GmbH", "MULLER", "Muller Gmbh.". The
/// normal form is lower-case, without accents, with "&amp;" read as "and", punctuation as spaces
/// and trailing legal forms dropped ("Acme Holdings GmbH &amp; Co. KG" → "acme holdings"), so that
/// only the words that tell customers apart are left. A name that is nothing but a legal form keeps
/// it ("Co" stays "co"): an empty key would match every other empty key. Normalising twice changes
/// nothing, so a stored normal form can be compared with a fresh one.
/// </remarks>
public static class CompanyNames
{
    // Written without dots: dotted forms ("l.l.c.", "s.a.r.l.") are joined into one token before
    // the comparison, so "s.a." and "sa" are the same suffix.
    static readonly HashSet<string> LegalForms = new(StringComparer.Ordinal)
    {
        "inc", "incorporated", "llc", "ltd", "limited", "corp", "corporation", "co", "company",
        "gmbh", "ag", "kg", "sa", "sas", "sarl", "bv", "nv", "plc", "pty", "pte", "oy", "ab", "as",
        "spa", "srl", "kk", "ulc", "lp", "llp", "sl",
    };

    // Letters that Unicode does not decompose into a base letter and an accent.
    static readonly Dictionary<char, string> Folded = new()
    {
        ['ß'] = "ss", ['æ'] = "ae", ['ø'] = "o", ['ł'] = "l", ['œ'] = "oe", ['đ'] = "d", ['þ'] = "th", ['ı'] = "i",
    };

    public static string Normalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var tokens = Tokens(Fold(name));
        DropTrailingLegalForms(tokens);
        return string.Join(' ', tokens).Normalize(NormalizationForm.FormC);
    }

    /// <summary>Lower-case letters and digits without accents, spaces for the rest; dots are kept for <see cref="Tokens"/>.</summary>
    static string Fold(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (var rune in name.EnumerateRunes())   // a lone surrogate arrives as U+FFFD, which Normalize accepts
            Append(text, Rune.ToLowerInvariant(rune));

        var folded = new StringBuilder(text.Length);
        foreach (var rune in text.ToString().Normalize(NormalizationForm.FormD).EnumerateRunes())
        {
            if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.NonSpacingMark)
                continue;
            var lower = Rune.ToLowerInvariant(rune);
            if (lower.IsBmp && Folded.TryGetValue((char)lower.Value, out var plain))
                folded.Append(plain);
            else if (lower.Value == '&')
                folded.Append(" and ");
            else if (lower.Value == '.' || Rune.IsLetterOrDigit(lower) || Rune.GetUnicodeCategory(lower) == UnicodeCategory.SpacingCombiningMark)
                Append(folded, lower);
            else
                folded.Append(' ');
        }
        return folded.ToString();
    }

    /// <summary>A rune's one or two UTF-16 chars, without making a string of them: every submission folds names.</summary>
    static void Append(StringBuilder text, Rune rune)
    {
        Span<char> chars = stackalloc char[2];
        text.Append(chars[..rune.EncodeToUtf16(chars)]);
    }

    /// <summary>
    /// Words split at spaces; an abbreviation of single letters ("l.l.c.", "s.a.") becomes one word
    /// ("llc", "sa"), any other dot separates words ("acme.com" → "acme", "com").
    /// </summary>
    static List<string> Tokens(string folded)
    {
        var tokens = new List<string>();
        foreach (var word in folded.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = word.Split('.', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length > 1 && parts.All(p => p.EnumerateRunes().Count() == 1))
                tokens.Add(string.Concat(parts));
            else
                tokens.AddRange(parts);
        }
        return tokens;
    }

    /// <summary>Drops legal forms from the end, and an "and" that joined two of them ("GmbH &amp; Co. KG").</summary>
    static void DropTrailingLegalForms(List<string> tokens)
    {
        var droppedLegalForm = false;
        while (tokens.Count > 1)
        {
            var last = tokens[^1];
            if (LegalForms.Contains(last))
                droppedLegalForm = true;
            else if (droppedLegalForm && last == "and")
                droppedLegalForm = false;
            else
                return;
            tokens.RemoveAt(tokens.Count - 1);
        }
    }
}
