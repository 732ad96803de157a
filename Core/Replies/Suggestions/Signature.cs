using System.Text.RegularExpressions;

namespace CmBot.Core.Replies.Suggestions;

/// <summary>Replies are signed with their author's first name; a reused reply is signed again by whoever reuses it.</summary>
public static class Signature
{
    /// <summary>
    /// Replaces the last whole-word occurrence of <paramref name="previous"/> in <paramref name="text"/> with
    /// <paramref name="next"/>; the text is unchanged when the previous name is unknown or absent.
    /// </summary>
    public static string Resign(string text, string? previous, string next)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(next);
        if (string.IsNullOrWhiteSpace(previous) || previous == next)
        {
            return text;
        }

        var last = Regex.Matches(text, $@"(?<!\w){Regex.Escape(previous)}(?!\w)", RegexOptions.None, TimeSpan.FromSeconds(1)).LastOrDefault();
        return last is null ? text : string.Concat(text.AsSpan(0, last.Index), next, text.AsSpan(last.Index + last.Length));
    }
}
