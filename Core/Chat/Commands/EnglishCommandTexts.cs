namespace CmBot.Core.Chat.Commands;

public sealed class EnglishCommandTexts : CommandTexts
{
    public override CardLabels Labels => CardLabels.English;

    public override string HelpTitle => "CmBot — what /cm can do";

    public override IReadOnlyList<(string Usage, string What)> HelpLines { get; } =
    [
        ("/cm status", "open and acknowledged incidents, newest first"),
        ("/cm ack 12", "acknowledge incident #12"),
        ("/cm draft 12", "start a reply draft for incident #12"),
        ("/cm report [24h|7d|30d]", "mentions, incidents and time to acknowledge over the period (7d if omitted)"),
        ("/cm silence <match> <duration> [reason]", "mute alerts matching a word or topic=…, risk=…, source=… for 30m, 2h, 1d… (no argument: a form)"),
        ("/cm silences", "the active silences"),
        ("/cm unsilence <id>", "end a silence now"),
        ("/cm help", "this list"),
    ];

    public override string NotUnderstood(CommandProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var word = problem.Word;
        return "I did not understand: " + problem.Kind switch
        {
            CommandProblemKind.UnknownCommand => $"unknown command '{word}'",
            CommandProblemKind.MissingIncidentNumber => $"{word} needs an incident number, e.g. /cm {word} 12",
            CommandProblemKind.InvalidIncidentNumber => $"'{word}' is not an incident number (type 12 or #12)",
            CommandProblemKind.TooManyArguments => $"too many words after {word}",
            CommandProblemKind.MissingSilenceArguments => "silence needs what to match and a duration, e.g. /cm silence kettle 2h",
            CommandProblemKind.MissingSilenceId => $"{word} needs the silence's id, e.g. /cm {word} 3f2a9c1b (see /cm silences)",
            CommandProblemKind.InvalidDuration => $"'{word}' is not a duration (type 30m, 2h or 1d)",
            CommandProblemKind.SilenceTooLong => $"a silence lasts at most {Period(problem.Limit ?? CommandParser.MaxSilence)} ('{word}' is longer)",
            _ => $"a report covers {Period(CommandParser.MinReportPeriod)} to {Period(CommandParser.MaxReportPeriod)} ('{word}' is outside)",
        } + ".";
    }

    public override string StatusTitle => "Open and acknowledged incidents";

    public override string StatusEmpty => "No open incident.";

    public override string StatusMore(int count) => Invariant($"…and {count} more.");

    public override string MentionCount(int count) => count == 1 ? "1 mention" : Invariant($"{count} mentions");

    public override string NoSuchIncident(int number) => Invariant($"There is no incident #{number}.");

    public override string Refused(string reason) => $"Refused: {reason}";

    public override string NotInTeam(string chatUserId) =>
        $"You are not in CmBot's team list, so you can look but not act. Ask an admin to add your chat id ({chatUserId}) to people.yaml.";


    public override string ReportTitle(TimeSpan period) => $"Over the last {Period(period)}";

    public override string ReportMentions(int total) => Invariant($"Mentions: {total}");

    public override string ReportIncidentsOpened(int count) => Invariant($"Incidents opened: {count}");

    public override string ReportAcknowledged(int count) => Invariant($"Acknowledged: {count}");

    public override string ReportMedianTimeToAcknowledge(TimeSpan? median) =>
        median is { } m ? $"Median time to acknowledge: {Elapsed(m)}" : "Median time to acknowledge: no acknowledgement in the period";

    public override string ReportPosting => "The full report and its charts are being posted in this channel.";

    public override string Period(TimeSpan period) => Split(period) switch
    {
        (1, var unit) => $"1 {unit.ToString().ToLowerInvariant()}",
        var (amount, unit) => Invariant($"{amount} {unit.ToString().ToLowerInvariant()}s"),
    };

    protected override string DayUnit => "d";
}
