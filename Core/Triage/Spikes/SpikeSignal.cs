using System.Globalization;

namespace CmBot.Core.Triage.Spikes;

/// <summary>A burst of mentions about one key, compared with the usual count for that hour of the week.</summary>
/// <param name="Usual">The learned (or cold-start) usual count per window for <paramref name="HourOfWeek"/>.</param>
/// <param name="HourOfWeek">Hours since Monday 00:00 UTC (0..167).</param>
public sealed record SpikeSignal(string Key, int Count, TimeSpan Window, double Usual, int HourOfWeek, DateTimeOffset At)
{
    /// <summary>How many times the usual count the window holds.</summary>
    public double Times => Count / Usual;

    /// <summary>One line for the severity explanation, e.g. "14 mentions in 15 min, 5x the usual Tuesday 10:00".</summary>
    public string Describe(bool french)
    {
        var day = (DayOfWeek)(((HourOfWeek / 24) + 1) % 7);
        var culture = CultureInfo.GetCultureInfo(french ? "fr-FR" : "en-US");
        var dayName = culture.DateTimeFormat.GetDayName(day);
        var hour = HourOfWeek % 24;
        var minutes = (int)Window.TotalMinutes;
        return french
            ? string.Create(culture, $"{Count} mentions en {minutes} min, {Times:0.#}x l'habituel du {dayName} {hour:00}:00")
            : string.Create(culture, $"{Count} mentions in {minutes} min, {Times:0.#}x the usual {dayName} {hour:00}:00");
    }

    /// <summary>
    /// The mention's verdict carried up by the spike with the default severity model: P1 (a crisis that opens or raises
    /// an incident), with the spike as one more factor of the reason ("P1: negative + 14 mentions in 15 min, 5x the
    /// usual Tuesday 10:00"). A configured model raises through <see cref="Grading.SeverityGrader.Raise"/>.
    /// </summary>
    public TriageResult Raise(TriageResult triage, bool french = false) => Grading.SeverityGrader.Default.Raise(triage, this, french);
}
