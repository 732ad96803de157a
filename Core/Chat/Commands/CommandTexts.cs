using System.Globalization;

namespace CmBot.Core.Chat.Commands;

/// <summary>
/// The words of the <c>/cm</c> answers in the configured language. Plain text: each platform escapes and
/// formats it. Card words shared with alerts (acknowledged by, open) come from <see cref="CardLabels"/>.
/// </summary>
public abstract class CommandTexts
{
    public static CommandTexts For(string language) => language == "fr" ? new FrenchCommandTexts() : new EnglishCommandTexts();

    public abstract CardLabels Labels { get; }

    public abstract string HelpTitle { get; }

    /// <summary>One line per command: how to type it, what it does.</summary>
    public abstract IReadOnlyList<(string Usage, string What)> HelpLines { get; }

    public abstract string NotUnderstood(CommandProblem problem);

    public abstract string StatusTitle { get; }

    public abstract string StatusEmpty { get; }

    public abstract string StatusMore(int count);

    public abstract string MentionCount(int count);

    public abstract string NoSuchIncident(int number);

    public abstract string Refused(string reason);

    public abstract string NotInTeam(string chatUserId);

    public abstract string ReportTitle(TimeSpan period);

    public abstract string ReportMentions(int total);

    public abstract string ReportIncidentsOpened(int count);

    public abstract string ReportAcknowledged(int count);

    public abstract string ReportMedianTimeToAcknowledge(TimeSpan? median);

    /// <summary>Said when the full digest card and its charts are queued for the channel the command came from.</summary>
    public abstract string ReportPosting { get; }

    /// <summary>A period as people say it: "24 hours", "7 days", "90 minutes".</summary>
    public abstract string Period(TimeSpan period);

    /// <summary>An elapsed time, compact: "2 d 4 h", "3 h 12 min", "45 min", "&lt; 1 min".</summary>
    public string Elapsed(TimeSpan elapsed)
    {
        if (elapsed < TimeSpan.FromMinutes(1))
        {
            return "< 1 min";
        }

        var days = (int)elapsed.TotalDays;
        return days > 0
            ? Invariant($"{days} {DayUnit} {elapsed.Hours} h")
            : elapsed.Hours > 0 ? Invariant($"{elapsed.Hours} h {elapsed.Minutes:00} min") : Invariant($"{elapsed.Minutes} min");
    }

    protected abstract string DayUnit { get; }

    protected static string Invariant(FormattableString text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Whole days from two days up, whole hours below that, else minutes.</summary>
    protected static (int Amount, PeriodUnit Unit) Split(TimeSpan period) =>
        period.Ticks % TimeSpan.TicksPerDay == 0 && period.TotalDays >= 2 ? ((int)period.TotalDays, PeriodUnit.Day)
        : period.Ticks % TimeSpan.TicksPerHour == 0 ? ((int)period.TotalHours, PeriodUnit.Hour)
        : ((int)period.TotalMinutes, PeriodUnit.Minute);

    protected enum PeriodUnit
    {
        Minute,
        Hour,
        Day,
    }
}
