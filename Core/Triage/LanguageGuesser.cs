using CmBot.Core.Text;

namespace CmBot.Core.Triage;

/// <summary>
/// Tells French from English by counting frequent function words. Good enough to pick a lexicon;
/// the source's own language tag wins when it has one.
/// </summary>
public static class LanguageGuesser
{
    private static readonly HashSet<string> French = new(StringComparer.Ordinal)
    {
        "le", "la", "les", "un", "une", "des", "du", "de", "et", "est", "pas", "je", "j", "tu", "il", "elle", "nous",
        "vous", "ils", "que", "qui", "ne", "n", "c", "ce", "cette", "mon", "ma", "mes", "pour", "avec", "sur", "dans",
        "au", "aux", "mais", "tres", "trop", "plus", "sont", "ai", "suis", "chez", "encore", "deja", "quand", "ca",
    };

    private static readonly HashSet<string> English = new(StringComparer.Ordinal)
    {
        "the", "a", "an", "and", "is", "are", "not", "i", "you", "he", "she", "we", "they", "that", "which", "my",
        "for", "with", "on", "in", "at", "but", "very", "too", "more", "was", "have", "has", "it", "this", "of", "to",
        "just", "so", "what", "when", "your", "our", "be", "been", "do", "does", "did", "t", "s", "m",
    };

    public static string Guess(IReadOnlyList<string> foldedTokens, string fallback = "en")
    {
        ArgumentNullException.ThrowIfNull(foldedTokens);
        int fr = 0, en = 0;
        foreach (var token in foldedTokens)
        {
            if (French.Contains(token))
            {
                fr++;
            }

            if (English.Contains(token))
            {
                en++;
            }
        }

        return fr == en ? fallback : fr > en ? "fr" : "en";
    }

    public static string Guess(string text, string fallback = "en") => Guess(TextFolding.Tokenize(text), fallback);
}
