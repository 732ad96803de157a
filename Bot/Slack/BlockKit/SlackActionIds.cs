using CmBot.Core.Chat;

namespace CmBot.Bot.Slack.BlockKit;

/// <summary>
/// The ids CmBot's Slack messages carry besides the verbs. A button's action_id is its verb
/// (<see cref="ActionVerbs"/>) and its value the target id; an overflow menu has one action_id for all its
/// options, so each option's value carries "verb|target".
/// </summary>
public static class SlackActionIds
{
    public const string Overflow = "cmbot.more";
    public const string ActionsBlock = "cmbot.actions";
    public const char OverflowSeparator = '|';

    /// <summary>The metadata event type of every card message, so CmBot can find its own messages again.</summary>
    public const string CardEventType = "cmbot_card";

    public static string OverflowValue(string verb, string targetId) => $"{verb}{OverflowSeparator}{targetId}";

    /// <summary>Reads an overflow option's value back into a verb and target; false for anything CmBot did not write.</summary>
    public static bool TryParseOverflowValue(string? value, out string verb, out string targetId)
    {
        verb = targetId = string.Empty;
        var split = value?.IndexOf(OverflowSeparator, StringComparison.Ordinal) ?? -1;
        if (value is null || split <= 0 || !ActionVerbs.All.Contains(value[..split]))
        {
            return false;
        }

        verb = value[..split];
        targetId = value[(split + 1)..];
        return true;
    }
}
