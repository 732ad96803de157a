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
    Silence,
    Silences,
    Unsilence,
    Report,
    Unknown,
}

/// <summary>
/// A command typed to the bot: <c>help</c>, <c>status</c>, <c>ack 12</c>, <c>draft #12</c>,
/// <c>silence &lt;match&gt; &lt;duration&gt; [reason]</c>, <c>silences</c>, <c>unsilence &lt;id&gt;</c>, <c>report 30d</c>. The silence commands
/// are read by the same parser as Slack's <c>/cm</c> (<see cref="CommandParser"/>), kept in <see cref="Parsed"/>.
/// </summary>
public sealed record TeamsCommand(TeamsCommandKind Kind, int? IncidentNumber = null, string? Word = null, SlashCommand? Parsed = null, TimeSpan? Period = null)
{
    public const string SilenceWord = "silence";
    public const string SilencesWord = "silences";
    public const string UnsilenceWord = "unsilence";

    public const string HelpWord = "help";
    public const string StatusWord = "status";
    public const string AckWord = "ack";
    public const string AcknowledgeWord = "acknowledge";
    public const string DraftWord = "draft";
    public const string ReportWord = "report";
    public const string RapportWord = "rapport";

    public static TeamsCommand Parse(string text, TimeSpan? maxSilence = null)
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
            SilenceWord or SilencesWord or UnsilenceWord => Silence(CommandParser.Parse(text, maxSilence), words[0]),
            ReportWord or RapportWord when words.Length == 1 => new TeamsCommand(TeamsCommandKind.Report, Period: CommandParser.DefaultReportPeriod),
            ReportWord or RapportWord when CommandDuration.TryParse(words[1], out var period)
                && period >= CommandParser.MinReportPeriod && period <= CommandParser.MaxReportPeriod => new TeamsCommand(TeamsCommandKind.Report, Period: period),
            _ => new TeamsCommand(TeamsCommandKind.Unknown, Word: words[0]),
        };
    }

    /// <summary>Teams has no form to open: "silence" alone, like any unreadable silence command, gets help with the reason.</summary>
    private static TeamsCommand Silence(SlashCommand parsed, string word) => parsed switch
    {
        SilenceCommand => new TeamsCommand(TeamsCommandKind.Silence, Word: word, Parsed: parsed),
        SilencesCommand => new TeamsCommand(TeamsCommandKind.Silences, Word: word, Parsed: parsed),
        UnsilenceCommand => new TeamsCommand(TeamsCommandKind.Unsilence, Word: word, Parsed: parsed),
        HelpCommand { Problem: { } } => new TeamsCommand(TeamsCommandKind.Help, Word: word, Parsed: parsed),
        _ => new TeamsCommand(TeamsCommandKind.Help, Word: word, Parsed: new HelpCommand(new CommandProblem(CommandProblemKind.MissingSilenceArguments))),
    };

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
