using CmBot.Core.Text;

namespace CmBot.Core.Triage;

/// <summary>
/// A product or subject that related mentions share ("Lumio K2 kettle"). Mentions with the same topic join
/// one incident instead of raising one alert each.
/// </summary>
public sealed class Topic
{
    private readonly RiskRule _matcher;

    public Topic(string key, string label, IEnumerable<string> phrases)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        Key = key;
        Label = string.IsNullOrWhiteSpace(label) ? key : label;
        _matcher = new RiskRule(key, Label, critical: false, phrases);
    }

    /// <summary>The phrases, as a rule (for the triager's <see cref="RiskPrefilter"/>).</summary>
    internal RiskRule Matcher => _matcher;

    public string Key { get; }
    public string Label { get; }

    public bool Matches(IReadOnlyList<string> foldedTokens) => _matcher.MatchSpans(foldedTokens).Count > 0;

    public static string Normalise(string text) => TextFolding.Fold(text);
}
