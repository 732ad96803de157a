using CmBot.Core.Text;

namespace CmBot.Core.Chat.Commands;

/// <summary>
/// The words <c>/cm</c> understands, with their French aliases. Matching is on folded words, so case and
/// accents do not matter ("Statut", "ÉTAT").
/// </summary>
public static class CommandWords
{
    public const string Help = "help";
    public const string Status = "status";
    public const string Acknowledge = "ack";
    public const string Draft = "draft";
    public const string Silence = "silence";
    public const string Silences = "silences";
    public const string Unsilence = "unsilence";
    public const string Report = "report";

    private static readonly Dictionary<string, string> Verbs = new(StringComparer.Ordinal)
    {
        [Help] = Help,
        ["aide"] = Help,
        ["?"] = Help,
        [Status] = Status,
        ["statut"] = Status,
        ["etat"] = Status,
        [Acknowledge] = Acknowledge,
        ["acknowledge"] = Acknowledge,
        [Draft] = Draft,
        ["brouillon"] = Draft,
        ["rediger"] = Draft,
        [Silence] = Silence,
        ["mute"] = Silence,
        [Silences] = Silences,
        ["silencieux"] = Silences,
        [Unsilence] = Unsilence,
        ["unmute"] = Unsilence,
        [Report] = Report,
        ["rapport"] = Report,
        ["bilan"] = Report,
    };

    /// <summary>The canonical verb for a typed word, or null when it is not a command.</summary>
    public static string? Canonical(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return Verbs.GetValueOrDefault(TextFolding.Fold(word));
    }
}
