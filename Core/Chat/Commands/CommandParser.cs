using System.Globalization;

namespace CmBot.Core.Chat.Commands;

/// <summary>
/// Turns the text after <c>/cm</c> into a <see cref="SlashCommand"/>. Never throws on user input: anything it
/// cannot read becomes a <see cref="HelpCommand"/> that says what was wrong.
/// </summary>
public static class CommandParser
{
    public static readonly TimeSpan DefaultReportPeriod = TimeSpan.FromDays(7);
    public static readonly TimeSpan MinReportPeriod = TimeSpan.FromHours(1);
    public static readonly TimeSpan MaxReportPeriod = TimeSpan.FromDays(90);
    public static readonly TimeSpan MaxSilence = TimeSpan.FromDays(30);

    // Straight, curly and French quotes people paste around a multi-word match.
    private static readonly char[] Quotes = ['"', '\'', '“', '”', '‘', '’', '«', '»'];

    /// <param name="text">What followed the command.</param>
    /// <param name="maxSilence">The longest silence allowed (configured); <see cref="MaxSilence"/> when null.</param>
    public static SlashCommand Parse(string? text, TimeSpan? maxSilence = null)
    {
        // Slack sends non-breaking spaces when people type them; null splits on every Unicode white space.
        var words = (text ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return new HelpCommand();
        }

        // Reasons name the verb the way the person typed it (an alias stays an alias), in lower case.
        var verb = words[0].ToLowerInvariant();
        var arguments = words[1..];
        return CommandWords.Canonical(words[0]) switch
        {
            CommandWords.Help => new HelpCommand(),
            CommandWords.Status => arguments.Length == 0 ? new StatusCommand() : TooMany(verb),
            CommandWords.Acknowledge => ParseIncident(verb, arguments, n => new AcknowledgeCommand(n)),
            CommandWords.Draft => ParseIncident(verb, arguments, n => new DraftCommand(n)),
            CommandWords.Silence => arguments.Length == 0 ? new SilenceFormCommand() : ParseSilence(arguments, maxSilence ?? MaxSilence),
            CommandWords.Silences => arguments.Length == 0 ? new SilencesCommand() : TooMany(verb),
            CommandWords.Unsilence => arguments switch
            {
                [] => Problem(CommandProblemKind.MissingSilenceId, verb),
                [var id] => new UnsilenceCommand(id.TrimStart('#')),
                _ => TooMany(verb),
            },
            CommandWords.Report => ParseReport(verb, arguments),
            _ => Problem(CommandProblemKind.UnknownCommand, words[0]),
        };
    }

    /// <summary>Reads an incident number as typed: <c>12</c> or <c>#12</c>; null when it is not one.</summary>
    public static int? ParseIncidentNumber(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var digits = word.StartsWith('#') ? word[1..] : word;
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0 ? number : null;
    }

    private static SlashCommand ParseIncident(string verb, string[] arguments, Func<int, SlashCommand> create) => arguments switch
    {
        [] => Problem(CommandProblemKind.MissingIncidentNumber, verb),
        [var id] => ParseIncidentNumber(id) is { } number ? create(number) : Problem(CommandProblemKind.InvalidIncidentNumber, id),
        _ => TooMany(verb),
    };

    private static SlashCommand ParseSilence(string[] arguments, TimeSpan max)
    {
        if (arguments.Length < 2)
        {
            return Problem(CommandProblemKind.MissingSilenceArguments);
        }

        // The match comes first and may be several words ("silence K2 kettle 2h"); the first word after it that reads
        // as a duration ends it, and what follows is the reason ("silence recall 1d legal is on it").
        var duration = TimeSpan.Zero;
        var at = Array.FindIndex(arguments, 1, w => CommandDuration.TryParse(w, out duration));
        if (at < 0)
        {
            return Problem(CommandProblemKind.InvalidDuration, arguments[^1]);
        }

        if (duration > max)
        {
            return new HelpCommand(new CommandProblem(CommandProblemKind.SilenceTooLong, arguments[at], max));
        }

        var match = string.Join(' ', arguments[..at]).Trim(Quotes).Trim();
        var reason = string.Join(' ', arguments[(at + 1)..]).Trim(Quotes).Trim();
        return match.Length == 0
            ? Problem(CommandProblemKind.MissingSilenceArguments)
            : new SilenceCommand(match, duration, reason.Length == 0 ? null : reason);
    }

    private static SlashCommand ParseReport(string verb, string[] arguments)
    {
        switch (arguments)
        {
            case []:
                return new ReportCommand(DefaultReportPeriod);
            case [var period]:
                if (!CommandDuration.TryParse(period, out var duration))
                {
                    return Problem(CommandProblemKind.InvalidDuration, period);
                }

                return duration < MinReportPeriod || duration > MaxReportPeriod
                    ? Problem(CommandProblemKind.ReportPeriodOutOfRange, period)
                    : new ReportCommand(duration);
            default:
                return TooMany(verb);
        }
    }

    private static HelpCommand TooMany(string verb) => Problem(CommandProblemKind.TooManyArguments, verb);

    private static HelpCommand Problem(CommandProblemKind kind, string? word = null) => new(new CommandProblem(kind, word));
}
