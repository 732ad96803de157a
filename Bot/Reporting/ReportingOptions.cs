using System.Globalization;
using CmBot.Bot.Hosting;
using CmBot.Bot.Reporting.Digests;
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

    /// <summary>Warnings at 50% / 75% of an open incident's response target and escalation at 100%.</summary>
    public SlaAlertOptions SlaAlerts { get; set; } = new();

    /// <summary>Scheduled digests by name (daily, weekly, monthly...); cron times are in <see cref="TimeZone"/>.</summary>
    public IDictionary<string, DigestScheduleOptions> Digests { get; init; } = new Dictionary<string, DigestScheduleOptions>();
}

/// <summary><c>Reporting:SlaAlerts</c>.</summary>
public sealed class SlaAlertOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>How often open incidents are checked against their targets (5..3600 s; warnings are at most this late).</summary>
    public int ScanSeconds { get; set; } = 60;
}

/// <summary>The Reporting section turned into the Core objects it describes; every mistake names its key.</summary>
/// <param name="SlaScan">How often SLA warnings are looked for, or null when they are switched off.</param>
public sealed record ReportingSettings(TimeZoneInfo Zone, BusinessHours Hours, SlaPolicy Sla, IReadOnlyList<DigestSchedule> Schedules, TimeSpan? SlaScan = null)
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
        if (options.SlaAlerts.ScanSeconds is < 5 or > 3600)
        {
            throw new ConfigurationException($"{Key("SlaAlerts:ScanSeconds")} must be between 5 and 3600, not {options.SlaAlerts.ScanSeconds}.");
        }

        var scan = options.SlaAlerts.Enabled ? TimeSpan.FromSeconds(options.SlaAlerts.ScanSeconds) : (TimeSpan?)null;
        return new ReportingSettings(zone, hours, new SlaPolicy(targets), SchedulesOf(options.Digests), scan);
    }

    private static List<DigestSchedule> SchedulesOf(IDictionary<string, DigestScheduleOptions> digests) =>
        [.. digests.Where(d => d.Value.Enabled).OrderBy(d => d.Key, StringComparer.Ordinal).Select(d =>
        {
            var key = $"{nameof(ReportingOptions.Digests)}:{d.Key}";
            if (d.Key.Length is 0 or > 40 || !d.Key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                throw new ConfigurationException($"{Key(key)}: a digest name is 1-40 letters, digits, '-' or '_'.");
            }

            if (!Quartz.CronExpression.TryParse(d.Value.Cron, out _))
            {
                throw new ConfigurationException($"{Key(key + ":Cron")} '{d.Value.Cron}' is not a Quartz cron expression (seconds first, e.g. '0 0 8 ? * MON-FRI').");
            }

            if (!CommandDuration.TryParse(d.Value.Period, out var period))
            {
                throw new ConfigurationException($"{Key(key + ":Period")} must be a duration like 1d, 7d or 30d, not '{d.Value.Period}'.");
            }

            return DigestAudiences.All.Contains(d.Value.Channel, StringComparer.Ordinal)
                ? new DigestSchedule(d.Key, d.Value.Cron, period, d.Value.Channel)
                : throw new ConfigurationException($"{Key(key + ":Channel")} must be one of {string.Join(", ", DigestAudiences.All)}, not '{d.Value.Channel}'.");
        })];

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
