using System.Globalization;
using System.Text;
using CmBot.Core.Text;

namespace CmBot.Core.Replies.Guardrails;

/// <summary>
/// Finds whole-word phrases in a text and reports them as character spans of the original text, so a finding
/// can quote exactly what the author wrote.
/// </summary>
internal sealed class PhraseFinder
{
    private readonly List<string[]> _phrases;

    public PhraseFinder(IEnumerable<string> phrases)
    {
        _phrases = [.. phrases
            .Select(p => p.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(w => w.EndsWith('*') ? TextFolding.Fold(w[..^1]) + "*" : TextFolding.Fold(w))
                .ToArray())
            .Where(words => words.Length > 0 && words.All(w => w is not ("" or "*")))];
    }

    /// <summary>A word of the text: where it stands and its folded form.</summary>
    public readonly record struct Token(int Start, int End, string Folded);

    public static IReadOnlyList<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var isWord = i < text.Length && (char.IsLetterOrDigit(text[i]) ||
                (start >= 0 && CharUnicodeInfo.GetUnicodeCategory(text[i]) == UnicodeCategory.NonSpacingMark));
            if (isWord && start < 0)
            {
                start = i;
            }
            else if (!isWord && start >= 0)
            {
                tokens.Add(new Token(start, i, TextFolding.Fold(text[start..i].Normalize(NormalizationForm.FormC))));
                start = -1;
            }
        }

        return tokens;
    }

    /// <summary>Character spans (start, length) of every match, in text order, overlapping matches merged.</summary>
    public IReadOnlyList<(int Start, int Length)> Find(IReadOnlyList<Token> tokens)
    {
        var spans = new List<(int Start, int Length)>();
        var coveredUntil = -1;
        for (var i = 0; i < tokens.Count; i++)
        {
            var longest = 0;
            foreach (var phrase in _phrases)
            {
                if (phrase.Length > longest && i + phrase.Length <= tokens.Count && Matches(phrase, tokens, i))
                {
                    longest = phrase.Length;
                }
            }

            if (longest == 0 || tokens[i].Start < coveredUntil)
            {
                continue;
            }

            var end = tokens[i + longest - 1].End;
            spans.Add((tokens[i].Start, end - tokens[i].Start));
            coveredUntil = end;
        }

        return spans;
    }

    private static bool Matches(string[] phrase, IReadOnlyList<Token> tokens, int start)
    {
        for (var k = 0; k < phrase.Length; k++)
        {
            var word = phrase[k];
            var token = tokens[start + k].Folded;
            var ok = word.EndsWith('*') ? token.StartsWith(word[..^1], StringComparison.Ordinal) : token == word;
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
