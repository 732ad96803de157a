namespace CmBot.Core.Chat.Commands;

/// <summary>
/// What a person asked of CmBot by typing <c>/cm ...</c>, already parsed. Platform-neutral, so a Teams or
/// sandbox command line can reuse the same parser and answers.
/// </summary>
public abstract record SlashCommand;

/// <summary>Show the list of commands; <see cref="Problem"/> says why when the input was not understood.</summary>
public sealed record HelpCommand(CommandProblem? Problem = null) : SlashCommand;

/// <summary>List the open and acknowledged incidents.</summary>
public sealed record StatusCommand : SlashCommand;

/// <summary>Acknowledge the incident people know by its short number ("ack 12").</summary>
public sealed record AcknowledgeCommand(int IncidentNumber) : SlashCommand;

/// <summary>Start a reply draft for the incident with that number.</summary>
public sealed record DraftCommand(int IncidentNumber) : SlashCommand;

/// <summary>Mute alerts matching <see cref="Match"/> for <see cref="Duration"/>, with an optional reason.</summary>
public sealed record SilenceCommand(string Match, TimeSpan Duration, string? Reason = null) : SlashCommand;

/// <summary>"silence" alone: open the form that asks what to mute, for how long and why.</summary>
public sealed record SilenceFormCommand : SlashCommand;

/// <summary>List the active silences.</summary>
public sealed record SilencesCommand : SlashCommand;

/// <summary>End the silence whose short id is <see cref="Id"/> before its time.</summary>
public sealed record UnsilenceCommand(string Id) : SlashCommand;

/// <summary>Figures for the last <see cref="Period"/>.</summary>
public sealed record ReportCommand(TimeSpan Period) : SlashCommand;

/// <summary>Why an input was not understood, with the offending word when there is one.</summary>
/// <see cref="Limit"/> is the bound that was exceeded, when there is one (the configured longest silence).
public sealed record CommandProblem(CommandProblemKind Kind, string? Word = null, TimeSpan? Limit = null);

public enum CommandProblemKind
{
    /// <summary>The first word is not a command ("foo").</summary>
    UnknownCommand,

    /// <summary>"ack" or "draft" without an incident number.</summary>
    MissingIncidentNumber,

    /// <summary>"ack abc", "draft #0".</summary>
    InvalidIncidentNumber,

    /// <summary>More words than the command takes ("ack 12 13").</summary>
    TooManyArguments,

    /// <summary>"silence" without both what to match and a duration.</summary>
    MissingSilenceArguments,

    /// <summary>"unsilence" without the silence's id.</summary>
    MissingSilenceId,

    /// <summary>A duration that cannot be read ("2x", "soon").</summary>
    InvalidDuration,

    /// <summary>A silence longer than <see cref="CommandParser.MaxSilence"/>.</summary>
    SilenceTooLong,

    /// <summary>A report period outside <see cref="CommandParser.MinReportPeriod"/>..<see cref="CommandParser.MaxReportPeriod"/>.</summary>
    ReportPeriodOutOfRange,
}
