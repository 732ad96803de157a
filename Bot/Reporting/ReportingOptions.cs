using System.Globalization;
using CmBot.Bot.Hosting;
using CmBot.Core.Chat.Commands;
using CmBot.Core.Incidents;
using CmBot.Core.Reporting;

namespace CmBot.Bot.Reporting;

/// <summary>The <c>Reporting</c> section: the team's time zone and working hours, and response targets per severity.</summary>
public sealed class ReportingOptions
{
    public const string Section = "Reporting";

    /// <summary>IANA or Windows id, e.g. "Europe/Paris".</summary>
    public string TimeZone { get; set; } = "Europe/Paris";

    /// <summary>Working days, three-letter English names ("Mon", "Tue", ...).</summary>
    public IList<string> BusinessDays { get; init; } = [];

    public string BusinessStart { get; set; } = "09:00";
    public string BusinessEnd { get; set; } = "18:00";

    /// <summary>Days off (yyyy-MM-dd); SLA clocks stop on them.</summary>
    public IList<string> Holidays { get; init; } = [];

    /// <summary>Acknowledgement target per severity ("P1" = "1h"); a severity left out has no target.</summary>
    public IDictionary<string, string> Sla { get; init; } = new Dictionary<string, string>();

    /// <summary>Severities whose clock runs around the clock instead of in business hours (crises do not wait).</summary>
    public IList<string> AroundTheClock { get; init; } = [];
}

/// <summary>The Reporting section turned into the Core objects it describes; every mistake names its key.</summary>
public sealed record ReportingSettings(TimeZoneInfo Zone, BusinessHours Hours, SlaPolicy Sla)
{
    private static readonly string[] DefaultDays = ["Mon", "Tue", "Wed", "Thu", "Fri"];

    private static readonly Dictionary<string, string> DefaultSla = new(StringComparer.Ordinal)
    {
        ["P1"] = "1h",
        ["P2"] = "4h",
        ["P3"] = "8h",
        ["P4"] = "3d",
    };

    public ReportCalculator Calculator() => new(Sla, Zone);

    public static ReportingSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new ReportingOptions();
        configuration.GetSection(ReportingOptions.Section).Bind(options);
        var zone = ZoneOf(options.TimeZone);
        var days = (options.BusinessDays.Count == 0 ? DefaultDays : [.. options.BusinessDays]).Select(Day).ToList();
        var start = Time(options.BusinessStart, nameof(ReportingOptions.BusinessStart));
        var end = Time(options.BusinessEnd, nameof(ReportingOptions.BusinessEnd));
        if (end <= start)
        {
            throw new ConfigurationException($"{Key(nameof(ReportingOptions.BusinessEnd))} must be after {Key(nameof(ReportingOptions.BusinessStart))} ({options.BusinessStart}-{options.BusinessEnd}).");
        }

        var holidays = options.Holidays.Select((h, i) => DateOnly.TryParseExact(h, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw new ConfigurationException($"{Key(nameof(ReportingOptions.Holidays))}:{i} must be a date like 2026-12-25, not '{h}'.")).ToList();
        var hours = new BusinessHours(zone, days, start, end, holidays);
        var around = options.AroundTheClock.Count == 0 ? ["P1"] : options.AroundTheClock;
        var aroundSet = around.Select(s => SeverityOf(s, nameof(ReportingOptions.AroundTheClock))).ToHashSet();
        var sla = options.Sla.Count == 0 ? DefaultSla : options.Sla;
        var targets = sla.Select(p =>
        {
            var severity = SeverityOf(p.Key, $"{nameof(ReportingOptions.Sla)}:{p.Key}");
            return CommandDuration.TryParse(p.Value, out var target)
                ? new SlaTarget(severity, target, aroundSet.Contains(severity) ? BusinessHours.AlwaysOn(zone) : hours)
                : throw new ConfigurationException($"{Key($"{nameof(ReportingOptions.Sla)}:{p.Key}")} must be a duration like 30m, 4h or 2d, not '{p.Value}'.");
        });
        return new ReportingSettings(zone, hours, new SlaPolicy(targets));
    }

    private static string Key(string name) => $"{ReportingOptions.Section}:{name}";

    private static TimeZoneInfo ZoneOf(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            throw new ConfigurationException($"{Key(nameof(ReportingOptions.TimeZone))} '{id}' is not a known time zone (use an IANA id like Europe/Paris).", ex);
        }
    }

    private static DayOfWeek Day(string name) => name.Trim().ToLowerInvariant() switch
    {
        "mon" or "monday" => DayOfWeek.Monday,
        "tue" or "tuesday" => DayOfWeek.Tuesday,
        "wed" or "wednesday" => DayOfWeek.Wednesday,
        "thu" or "thursday" => DayOfWeek.Thursday,
        "fri" or "friday" => DayOfWeek.Friday,
        "sat" or "saturday" => DayOfWeek.Saturday,
        "sun" or "sunday" => DayOfWeek.Sunday,
        _ => throw new ConfigurationException($"{Key(nameof(ReportingOptions.BusinessDays))} has '{name}', which is not a day (Mon..Sun)."),
    };

    private static TimeOnly Time(string text, string name) =>
        TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
            ? t
            : text == "24:00" ? TimeOnly.MaxValue : throw new ConfigurationException($"{Key(name)} must be a time like 09:00, not '{text}'.");

    private static Severity SeverityOf(string text, string key) =>
        Enum.TryParse<Severity>(text, ignoreCase: true, out var s) && Enum.IsDefined(s)
            ? s
            : throw new ConfigurationException($"{Key(key)}: '{text}' is not a severity (P1..P4).");
}
