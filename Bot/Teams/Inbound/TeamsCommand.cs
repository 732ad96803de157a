using System.Globalization;
using CmBot.Bot.Teams.Activities;
using CmBot.Core.Chat.Commands;

namespace CmBot.Bot.Teams.Inbound;

public enum TeamsCommandKind
{
    Help,
    Status,
    Acknowledge,
    Draft,
    Report,
    Unknown,
}

/// <summary>A command typed to the bot: <c>help</c>, <c>status</c>, <c>ack 12</c>, <c>draft #12</c>, <c>report 30d</c>.</summary>
public sealed record TeamsCommand(TeamsCommandKind Kind, int? IncidentNumber = null, string? Word = null, TimeSpan? Period = null)
{
    public const string HelpWord = "help";
    public const string StatusWord = "status";
    public const string AckWord = "ack";
    public const string AcknowledgeWord = "acknowledge";
    public const string DraftWord = "draft";
    public const string ReportWord = "report";
    public const string RapportWord = "rapport";

    public static TeamsCommand Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 0)
        {
            return new TeamsCommand(TeamsCommandKind.Help);
        }

        var verb = words[0].ToLowerInvariant();
        var number = words.Length > 1 && int.TryParse(words[1].TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : (int?)null;
        return verb switch
        {
            HelpWord or "?" => new TeamsCommand(TeamsCommandKind.Help),
            StatusWord => new TeamsCommand(TeamsCommandKind.Status),
            AckWord or AcknowledgeWord when number is not null => new TeamsCommand(TeamsCommandKind.Acknowledge, number),
            DraftWord when number is not null => new TeamsCommand(TeamsCommandKind.Draft, number),
            ReportWord or RapportWord when words.Length == 1 => new TeamsCommand(TeamsCommandKind.Report, Period: CommandParser.DefaultReportPeriod),
            ReportWord or RapportWord when CommandDuration.TryParse(words[1], out var period)
                && period >= CommandParser.MinReportPeriod && period <= CommandParser.MaxReportPeriod => new TeamsCommand(TeamsCommandKind.Report, Period: period),
            _ => new TeamsCommand(TeamsCommandKind.Unknown, Word: words[0]),
        };
    }

    /// <summary>
    /// The text addressed to the bot: every mention of the bot itself (<c>&lt;at&gt;CmBot&lt;/at&gt;</c>, as
    /// listed in the activity's mention entities) removed, whitespace collapsed.
    /// </summary>
    public static string TextWithoutBotMention(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var text = activity.Text ?? string.Empty;
        foreach (var mention in activity.Entities ?? [])
        {
            if (mention.Type == ActivityNames.MentionEntity && mention.Text is { Length: > 0 } tag &&
                string.Equals(mention.Mentioned?.Id, activity.Recipient?.Id, StringComparison.Ordinal))
            {
                text = text.Replace(tag, " ", StringComparison.Ordinal);
            }
        }

        return string.Join(' ', text.Replace("&nbsp;", " ", StringComparison.Ordinal)
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }
}
