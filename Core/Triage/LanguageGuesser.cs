using CmBot.Core.Text;

namespace CmBot.Core.Triage;

/// <summary>
/// Tells French from English by counting frequent function words. Good enough to pick a lexicon;
/// the source's own language tag wins when it has one. In a post mixing both, the language with more function
/// words wins; a tie falls back to the caller's default.
/// One-letter tokens never count (except English "I"): they are the elided half of a contraction whose other half
/// is already counted ("c'est", "it's", "I'm"), or they belong to both languages ("a", "s'il"/"it's", "t'as"/"don't").
/// </summary>
public static class LanguageGuesser
{
    private static readonly HashSet<string> French = new(StringComparer.Ordinal)
    {
        "le", "la", "les", "un", "une", "des", "du", "de", "et", "est", "pas", "je", "tu", "il", "elle", "nous",
        "vous", "ils", "que", "qui", "ne", "ce", "cette", "mon", "ma", "mes", "pour", "avec", "sur", "dans",
        "au", "aux", "mais", "tres", "trop", "plus", "sont", "ai", "suis", "chez", "encore", "deja", "quand", "ca",
        "jamais", "rien", "tout", "tous", "toute", "se", "sa", "ses", "ton", "ta", "tes", "leur", "leurs", "ou", "si",
        "comme", "fait", "faire", "etre", "avoir", "va", "vais", "peux", "peut", "moi", "toi", "lui", "eux", "quoi",
        "pourquoi", "comment", "oui", "non", "bien", "ici",
    };

    private static readonly HashSet<string> English = new(StringComparer.Ordinal)
    {
        "the", "an", "and", "is", "are", "not", "i", "you", "he", "she", "we", "they", "that", "which", "my",
        "for", "with", "on", "in", "at", "but", "very", "too", "more", "was", "have", "has", "it", "this", "of", "to",
        "just", "so", "what", "when", "your", "our", "be", "been", "do", "does", "did", "never", "nothing", "all",
        "no", "yes", "or", "if", "from", "by", "can", "will", "would", "there", "their", "them", "him", "her", "us",
        "its", "his", "were", "had", "how", "why", "who", "where", "about", "up", "out", "than", "then", "now", "here",
        "don", "didn", "doesn", "isn", "wasn",
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
