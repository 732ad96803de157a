using System.Text.RegularExpressions;

namespace CmBot.Core.Routing;

/// <summary>
/// Reads what a person types to say what a silence mutes: label matchers as in routing.yaml (<c>topic=recall</c>,
/// <c>risk=legal source=reddit</c>, separated by spaces or commas), or free words (<c>K2 kettle</c>), which mute the
/// incidents whose grouping key (the <c>topic</c> label) contains them.
/// </summary>
public static class SilenceMatch
{
    private static readonly char[] Separators = [' ', ',', ';', '\t', '\n', '\r', '\u00A0'];

    /// <summary>
    /// The matchers for <paramref name="text"/>. A <c>topic=value</c> without a kind also matches the grouping keys
    /// CmBot writes with one (<c>topic:recall</c>, <c>risk:legal</c>), so people can type the word they see.
    /// </summary>
    /// <exception cref="FormatException">The text is empty or a matcher cannot be read; the message says why.</exception>
    public static IReadOnlyList<LabelMatcher> Parse(string? text)
    {
        var words = (text ?? string.Empty).Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 0)
        {
            throw new FormatException("Say what to mute: a word (kettle) or label matchers (topic=recall, risk=legal).");
        }

        var matchers = words.Where(IsMatcher).Select(w => Normalize(LabelMatcher.Parse(w))).ToList();
        var free = words.Where(w => !IsMatcher(w)).ToList();
        if (free.Count > 0)
        {
            matchers.Add(Keyword(string.Join(' ', free)));
        }

        return matchers;
    }

    /// <summary>The matcher a free keyword becomes: the grouping key contains it (case-insensitive).</summary>
    public static LabelMatcher Keyword(string keyword)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keyword);
        return new LabelMatcher(AlertLabels.Topic, MatchOperator.Regex, $".*{Regex.Escape(keyword.Trim())}.*");
    }

    /// <summary>The matcher "Mute topic" uses: exactly this grouping key.</summary>
    public static LabelMatcher Topic(string incidentKey) => new(AlertLabels.Topic, MatchOperator.Equal, incidentKey);

    private static bool IsMatcher(string word) => word.IndexOfAny(['=', '!']) > 0;

    private static LabelMatcher Normalize(LabelMatcher matcher) =>
        matcher.Name == AlertLabels.Topic && matcher.Operator is MatchOperator.Equal or MatchOperator.NotEqual && matcher.Value.Length > 0 && !matcher.Value.Contains(':', StringComparison.Ordinal)
            ? new LabelMatcher(
                AlertLabels.Topic,
                matcher.Operator == MatchOperator.Equal ? MatchOperator.Regex : MatchOperator.NotRegex,
                $"(?:[a-z]+:)?{Regex.Escape(matcher.Value)}")
            : matcher;
}
