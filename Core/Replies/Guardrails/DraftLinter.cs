using System.Globalization;
using System.Text.RegularExpressions;

namespace CmBot.Core.Replies.Guardrails;

/// <summary>
/// Reads a draft reply the way a careful legal reviewer would and lists what could commit the company, leak
/// personal data, break the platform's limit or go against the charter's tone. It never rewrites the text;
/// findings are shown inline and the approval policy decides whom they send the draft to.
/// </summary>
public sealed partial class DraftLinter
{
    private readonly (GuardrailKind Kind, GuardrailLevel Level, PhraseFinder Finder)[] _phraseRules;

    public DraftLinter(GuardrailRules? rules = null)
    {
        rules ??= GuardrailRules.Default;
        _phraseRules =
        [
            (GuardrailKind.LiabilityAdmission, GuardrailLevel.Review, new PhraseFinder(rules.Liability)),
            (GuardrailKind.CompensationPromise, GuardrailLevel.Review, new PhraseFinder(rules.Compensation)),
            (GuardrailKind.SafetyClaim, GuardrailLevel.Review, new PhraseFinder(rules.SafetyClaims)),
            (GuardrailKind.LegalVocabulary, GuardrailLevel.Review, new PhraseFinder(rules.LegalVocabulary)),
            (GuardrailKind.Tone, GuardrailLevel.Notice, new PhraseFinder(rules.Blame)),
        ];
    }

    /// <summary>Lints <paramref name="text"/>; findings come in text order within each kind.</summary>
    /// <param name="text">The draft as written.</param>
    /// <param name="maxLength">The target platform's limit in characters (text elements), if it has one.</param>
    /// <param name="signature">The author's first name when the charter asks replies to be signed.</param>
    public IReadOnlyList<GuardrailFinding> Lint(string text, int? maxLength = null, string? signature = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var findings = new List<GuardrailFinding>();
        var tokens = PhraseFinder.Tokenize(text);
        foreach (var (kind, level, finder) in _phraseRules)
        {
            foreach (var (start, length) in finder.Find(tokens))
            {
                findings.Add(new GuardrailFinding(kind, level, text.Substring(start, length), start, length));
            }
        }

        AddPersonalData(text, findings);
        AddLength(text, maxLength, findings);
        AddShouting(text, findings);
        AddSignature(text, tokens, signature, findings);
        return findings;
    }

    private static void AddPersonalData(string text, List<GuardrailFinding> findings)
    {
        var taken = new List<(int Start, int End)>();
        foreach (var regex in new[] { Email(), Iban(), OrderNumber(), InternationalPhone(), FrenchPhone(), NorthAmericanPhone() })
        {
            foreach (Match match in regex.Matches(text))
            {
                var end = match.Index + match.Length;
                if (taken.Any(t => match.Index < t.End && end > t.Start))
                {
                    continue;
                }

                taken.Add((match.Index, end));
                findings.Add(new GuardrailFinding(GuardrailKind.PersonalData, GuardrailLevel.Block, match.Value, match.Index, match.Length));
            }
        }
    }

    private static void AddLength(string text, int? maxLength, List<GuardrailFinding> findings)
    {
        if (maxLength is not { } max)
        {
            return;
        }

        var info = new StringInfo(text);
        if (info.LengthInTextElements > max)
        {
            var cut = info.SubstringByTextElements(0, max).Length;
            findings.Add(new GuardrailFinding(GuardrailKind.TooLong, GuardrailLevel.Block,
                $"{info.LengthInTextElements}/{max}", cut, text.Length - cut));
        }
    }

    /// <summary>Two or more words of five letters or more in capitals, or "!!": the charter asks for a calm tone.</summary>
    private static void AddShouting(string text, List<GuardrailFinding> findings)
    {
        var shouted = CapitalWord().Matches(text);
        if (shouted.Count >= 2)
        {
            var first = shouted[0];
            findings.Add(new GuardrailFinding(GuardrailKind.Tone, GuardrailLevel.Notice, first.Value, first.Index, first.Length));
        }

        var bangs = RepeatedMarks().Match(text);
        if (bangs.Success)
        {
            findings.Add(new GuardrailFinding(GuardrailKind.Tone, GuardrailLevel.Notice, bangs.Value, bangs.Index, bangs.Length));
        }
    }

    /// <summary>The charter asks replies to be signed with the author's first name, in the last words.</summary>
    private static void AddSignature(string text, IReadOnlyList<PhraseFinder.Token> tokens, string? signature, List<GuardrailFinding> findings)
    {
        if (string.IsNullOrWhiteSpace(signature))
        {
            return;
        }

        var name = Text.TextFolding.Fold(signature.Trim());
        if (!tokens.TakeLast(6).Any(t => t.Folded == name))
        {
            findings.Add(new GuardrailFinding(GuardrailKind.MissingSignature, GuardrailLevel.Notice, signature.Trim(), text.Length, 0));
        }
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex Email();

    [GeneratedRegex(@"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){3,7}(?: ?[A-Z0-9]{1,3})?\b", RegexOptions.CultureInvariant)]
    private static partial Regex Iban();

    /// <summary>"order #A12345", "commande n° 123456", "dossier 2024-5567", "ticket: 88812", or a bare "#123456".</summary>
    [GeneratedRegex(@"(?:\b(?:order|commande|cmd|ticket|dossier|account|compte|invoice|facture|case|client)\s*(?:n[°o]\.?|no\.?|num(?:[eé]ro|ber)?\.?|#)?\s*:?\s*#?(?=[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9-]{4,})|(?:#\d{5,}\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OrderNumber();

    [GeneratedRegex(@"\+\d{1,3}(?:[ .-]?\(?\d\)?){7,13}\b", RegexOptions.CultureInvariant)]
    private static partial Regex InternationalPhone();

    [GeneratedRegex(@"\b0[1-9](?:[ .-]?\d{2}){4}\b", RegexOptions.CultureInvariant)]
    private static partial Regex FrenchPhone();

    [GeneratedRegex(@"\(?\b\d{3}\)?[ .-]\d{3}[ .-]\d{4}\b", RegexOptions.CultureInvariant)]
    private static partial Regex NorthAmericanPhone();

    [GeneratedRegex(@"\b\p{Lu}{5,}\b", RegexOptions.CultureInvariant)]
    private static partial Regex CapitalWord();

    [GeneratedRegex(@"[!?]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex RepeatedMarks();
}
