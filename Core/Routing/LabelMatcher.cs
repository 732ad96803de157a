using System.Text.RegularExpressions;

namespace CmBot.Core.Routing;

public enum MatchOperator
{
    Equal,
    NotEqual,
    Regex,
    NotRegex,
}

/// <summary>
/// One condition on a label: <c>risk=legal</c>, <c>source!=rss</c>, <c>topic=~battery.*</c>, <c>language!~fr</c>.
/// Regexes are anchored and case-insensitive. On a multi-valued label, = and =~ need one value to match,
/// != and !~ need none to.
/// </summary>
public sealed class LabelMatcher
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(100);
    private readonly Regex? regex;

    public LabelMatcher(string name, MatchOperator op, string value)
    {
        if (string.IsNullOrWhiteSpace(name) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
        {
            throw new FormatException($"'{name}' is not a label name (letters, digits, _ or -).");
        }

        Name = name;
        Operator = op;
        Value = value ?? string.Empty;
        if (op is MatchOperator.Regex or MatchOperator.NotRegex)
        {
            try
            {
                regex = new Regex($"^(?:{Value})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexTimeout);
            }
            catch (ArgumentException ex)
            {
                throw new FormatException($"'{Value}' is not a valid regular expression: {ex.Message}", ex);
            }
        }
    }

    public string Name { get; }
    public MatchOperator Operator { get; }
    public string Value { get; }

    /// <summary>Parses <c>name op value</c>; the value may be quoted.</summary>
    public static LabelMatcher Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var at = text.IndexOfAny(['=', '!']);
        if (at > 0)
        {
            var next = at + 1 < text.Length ? text[at + 1] : '\0';
            (MatchOperator Op, int Length)? found = (text[at], next) switch
            {
                ('=', '~') => (MatchOperator.Regex, 2),
                ('=', _) => (MatchOperator.Equal, 1),
                ('!', '=') => (MatchOperator.NotEqual, 2),
                ('!', '~') => (MatchOperator.NotRegex, 2),
                _ => null,
            };
            if (found is { } f)
            {
                var value = text[(at + f.Length)..].Trim();
                if (value.StartsWith('=') || value.StartsWith('~'))
                {
                    throw new FormatException($"'{text}' has a doubled operator; write label=value, label!=value, label=~regex or label!~regex.");
                }

                if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
                {
                    value = value[1..^1];
                }

                return new LabelMatcher(text[..at].Trim(), f.Op, value);
            }
        }

        throw new FormatException($"'{text}' is not a matcher; write label=value, label!=value, label=~regex or label!~regex.");
    }

    public bool Matches(AlertLabels labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var values = labels[Name];
        return Operator switch
        {
            MatchOperator.Equal => values.Any(Same),
            MatchOperator.NotEqual => !values.Any(Same),
            MatchOperator.Regex => values.Any(v => regex!.IsMatch(v)),
            _ => !values.Any(v => regex!.IsMatch(v)),
        };
    }

    public static bool All(IEnumerable<LabelMatcher> matchers, AlertLabels labels) => matchers.All(m => m.Matches(labels));

    public override string ToString() => Name + Operator switch
    {
        MatchOperator.Equal => "=",
        MatchOperator.NotEqual => "!=",
        MatchOperator.Regex => "=~",
        _ => "!~",
    } + Value;

    private bool Same(string v) => string.Equals(v, Value, StringComparison.OrdinalIgnoreCase);
}
