using System.Globalization;
using CmBot.Core.Chat;
using CmBot.Core.Chat.Commands;
using CmBot.Core.Incidents;
using CmBot.Core.Routing;

namespace CmBot.Bot.Slack.Commands;

/// <summary>Lays out each <c>/cm</c> answer as an ephemeral Block Kit message, in the configured language.</summary>
public static class CommandReplies
{
    // Raw lengths before escaping: even if every character became "&amp;", a section stays under 3000.
    private const int MaxTitle = 150;
    private const int MaxReason = 200;
    private const int MaxName = 80;
    private const int MaxWord = 40;
    private const int MaxSilences = 20;

    public static EphemeralReply Help(CommandTexts texts, CommandProblem? problem)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var reply = new EphemeralReply();
        if (problem is not null)
        {
            var shortened = problem with { Word = problem.Word is { } word ? Mrkdwn.Shorten(word, MaxWord) : null };
            reply.Section(new Mrkdwn().Text(texts.NotUnderstood(shortened)));
        }

        var list = new Mrkdwn().Bold(texts.HelpTitle);
        foreach (var (usage, what) in texts.HelpLines)
        {
            list.Line().Text("• ").Code(usage).Text(" — " + what);
        }

        return reply.Section(list);
    }

    public static EphemeralReply Status(CommandTexts texts, ActiveIncidents incidents, Func<string, string> nameOf)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(incidents);
        ArgumentNullException.ThrowIfNull(nameOf);
        var reply = new EphemeralReply().Section(new Mrkdwn().Bold(texts.StatusTitle));
        if (incidents.Total == 0)
        {
            return reply.Section(new Mrkdwn().Text(texts.StatusEmpty));
        }

        foreach (var incident in incidents.Newest)
        {
            var who = incident.AcknowledgedBy is { } by
                ? $"{texts.Labels.AcknowledgedBy} {Mrkdwn.Shorten(nameOf(by), MaxName)}"
                : texts.Labels.Open;
            reply.Section(new Mrkdwn()
                .Bold(Invariant($"#{incident.Number} {incident.Severity}"))
                .Text(" ")
                .Text(incident.Title, MaxTitle)
                .Line()
                .Text($"{texts.MentionCount(incident.MentionCount)} · {who}"));
            if (incident.Reason.Length > 0)
            {
                reply.Context(new Mrkdwn().Text(incident.Reason, MaxReason));
            }
        }

        var hidden = incidents.Total - incidents.Newest.Count;
        return hidden > 0 ? reply.Section(new Mrkdwn().Italic(texts.StatusMore(hidden))) : reply;
    }

    /// <summary>What the dispatcher said, with a hint when the refusal is because the person is not in the team.</summary>
    public static EphemeralReply Outcome(CommandTexts texts, ActionOutcome outcome, string? notInTeamChatId)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(outcome);
        var reply = new EphemeralReply().Section(outcome.Succeeded
            ? new Mrkdwn().Text("✅ " + outcome.Message)
            : new Mrkdwn().Text("⛔ " + texts.Refused(outcome.Message)));
        return !outcome.Succeeded && notInTeamChatId is not null
            ? reply.Context(new Mrkdwn().Text(texts.NotInTeam(notInTeamChatId), MaxReason * 2))
            : reply;
    }

    public static EphemeralReply NoSuchIncident(CommandTexts texts, int number)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return new EphemeralReply().Section(new Mrkdwn().Text(texts.NoSuchIncident(number)));
    }

    /// <summary>The active silences, soonest to end first.</summary>
    public static EphemeralReply Silences(SilenceTexts texts, IReadOnlyCollection<Silence> silences, Func<string, string> nameOf)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(silences);
        ArgumentNullException.ThrowIfNull(nameOf);
        var reply = new EphemeralReply().Section(new Mrkdwn().Bold(texts.ListTitle));
        if (silences.Count == 0)
        {
            return reply.Section(new Mrkdwn().Text(texts.ListEmpty));
        }

        foreach (var silence in silences.OrderBy(s => s.EndsAt).Take(MaxSilences))
        {
            reply.Section(new Mrkdwn().Text(texts.ListLine(silence, Mrkdwn.Shorten(nameOf(silence.CreatedBy), MaxName)), MaxReason * 2));
        }

        return silences.Count > MaxSilences ? reply.Context(new Mrkdwn().Text($"+{silences.Count - MaxSilences}")) : reply;
    }

    public static EphemeralReply Report(CommandTexts texts, ActivityReport report, bool posting = false)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(report);
        var severities = string.Join(" · ", Enum.GetValues<Severity>().Select(s => Invariant($"{s} {report.MentionsAt(s)}")));
        var reply = new EphemeralReply().Section(new Mrkdwn()
            .Bold(texts.ReportTitle(report.Period))
            .Line().Text($"{texts.ReportMentions(report.Mentions)} ({severities})")
            .Line().Text(texts.ReportIncidentsOpened(report.IncidentsOpened))
            .Line().Text(texts.ReportAcknowledged(report.IncidentsAcknowledged))
            .Line().Text(texts.ReportMedianTimeToAcknowledge(report.MedianTimeToAcknowledge)));
        return posting ? reply.Context(new Mrkdwn().Text(texts.ReportPosting)) : reply;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
