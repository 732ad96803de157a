using System.Globalization;
using System.Text;

namespace CmBot.Core.Text;

/// <summary>Accent and case folding plus tokenisation shared by sentiment and risk matching.</summary>
public static class TextFolding
{
    /// <summary>Lower-cases and strips diacritics: "Sécurité" becomes "securite".</summary>
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (System.Text.Ascii.IsValid(text))
        {
            // Fast path (most tokens): nothing to decompose, only case to fold.
            return text.ToLowerInvariant();
        }

        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            builder.Append(c switch
            {
                'œ' or 'Œ' => "oe",
                'æ' or 'Æ' => "ae",
                'ß' => "ss",
                _ => char.ToLowerInvariant(c).ToString(),
            });
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>
    /// Folded word tokens. Apostrophes split words ("l'avocat" gives "l", "avocat"; "don't" gives "don", "t"),
    /// hyphens too; digits stay inside tokens ("k2").
    /// </summary>
    public static IReadOnlyList<string> Tokenize(string text) => Words(text).Select(Fold).ToList();

    /// <summary>The words of the text as written (same boundaries as <see cref="Tokenize"/>), to quote them back.</summary>
    public static IReadOnlyList<string> Words(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var composed = text.Normalize(NormalizationForm.FormC);
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= composed.Length; i++)
        {
            var isWord = i < composed.Length && (char.IsLetterOrDigit(composed[i]) ||
                (start >= 0 && CharUnicodeInfo.GetUnicodeCategory(composed[i]) == UnicodeCategory.NonSpacingMark));
            if (isWord && start < 0)
            {
                start = i;
            }
            else if (!isWord && start >= 0)
            {
                words.Add(composed[start..i]);
                start = -1;
            }
        }

        return words;
    }
}
