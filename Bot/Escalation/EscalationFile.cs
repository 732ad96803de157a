using System.Globalization;
using CmBot.Bot.Hosting;
using CmBot.Core.Escalation;
using CmBot.Core.Incidents;
using CmBot.Core.People;

namespace CmBot.Bot.Escalation;

/// <summary>
/// Reads escalation.yaml: business hours, on-call rotations and, per severity, the ladder of steps. Every mistake
/// stops start-up with the file, the line of the entry and the reason.
/// </summary>
public static class EscalationFile
{
    public const string Key = "CmBot:EscalationFile";

    /// <summary>The logical channels a step may name (each platform maps them to its own channels).</summary>
    public static readonly IReadOnlySet<string> ChannelKeys = new HashSet<string>(StringComparer.Ordinal) { "alerts", "legal", "direction" };

    public static EscalationPolicySet Load(string path, PeopleDirectory people)
    {
        ArgumentNullException.ThrowIfNull(people);
        var document = YamlFiles.Load<EscalationDocument>(path, Key);
        var lines = File.ReadAllLines(path);
        string At(string name, string what) => $"{path} line {LineOf(lines, name)}: {what}";

        var hours = document.BusinessHours is { } h ? ParseHours(h, what => $"{path}: businessHours: {what}") : null;
        var rotations = new List<OnCallRotation>();
        foreach (var entry in document.Rotations)
        {
            string Where(string what) => At(entry.Name, $"rotation '{entry.Name}': {what}");
            if (string.IsNullOrWhiteSpace(entry.Name) || entry.People.Count == 0)
            {
                throw new ConfigurationException(Where("needs a 'name' and at least one person under 'people'."));
            }

            foreach (var id in entry.People.Concat(entry.Overrides.Select(o => o.Person)).Where(id => people.FindById(id) is null))
            {
                throw new ConfigurationException(Where($"unknown person '{id}' (not in people.yaml)."));
            }

            var start = ParseInstant(entry.Start, Where, "start");
            var overrides = entry.Overrides
                .Select(o => new OnCallOverride(ParseInstant(o.From, Where, "from"), ParseInstant(o.Until, Where, "until"), o.Person))
                .ToList();
            if (overrides.Any(o => o.Until <= o.From))
            {
                throw new ConfigurationException(Where("an override ends before it starts."));
            }

            rotations.Add(new OnCallRotation(entry.Name, entry.People, start, TimeSpan.FromDays(entry.PeriodDays <= 0 ? 7 : entry.PeriodDays), overrides));
        }

        var rules = new List<PolicyRule>();
        foreach (var entry in document.Policies)
        {
            string Where(string what) => At(entry.Name, $"policy '{entry.Name}': {what}");
            if (string.IsNullOrWhiteSpace(entry.Name) || entry.Steps.Count == 0)
            {
                throw new ConfigurationException(Where("needs a 'name' and at least one step."));
            }

            var severity = Enum.TryParse<Severity>(entry.Severity, ignoreCase: true, out var s) && Enum.IsDefined(s)
                ? s
                : throw new ConfigurationException(Where($"unknown severity '{entry.Severity}' (known: P1, P2, P3, P4)."));
            var when = entry.Hours.Replace("-", string.Empty, StringComparison.Ordinal);
            var policyHours = Enum.TryParse<PolicyHours>(when, ignoreCase: true, out var ph) && Enum.IsDefined(ph)
                ? ph
                : throw new ConfigurationException(Where($"unknown hours '{entry.Hours}' (known: always, business-hours, off-hours)."));
            if (policyHours != PolicyHours.Always && hours is null)
            {
                throw new ConfigurationException(Where("uses business hours but the file declares no 'businessHours'."));
            }

            var steps = new List<EscalationStep>();
            var previous = TimeSpan.MinValue;
            foreach (var step in entry.Steps)
            {
                var after = ParseDuration(step.After, Where, "after");
                if (after < previous)
                {
                    throw new ConfigurationException(Where($"steps must be in order of their delay ('{step.After}' comes after a later one)."));
                }

                previous = after;
                if (step.Notify.Count == 0)
                {
                    throw new ConfigurationException(Where($"the step after '{step.After}' notifies nobody."));
                }

                steps.Add(new EscalationStep(after, [.. step.Notify.Select(n => ParseTarget(n, Where, people, rotations))]));
            }

            var repeatAfter = entry.RepeatAfter is null ? previous + TimeSpan.FromMinutes(10) : ParseDuration(entry.RepeatAfter, Where, "repeatAfter");
            if (entry.Repeat < 0 || entry.Repeat > 10 || (entry.Repeat > 0 && repeatAfter <= previous))
            {
                throw new ConfigurationException(Where("'repeat' must be 0..10 and 'repeatAfter' longer than the last step's delay."));
            }

            var remindEvery = entry.RemindEvery is null ? (TimeSpan?)null : ParseDuration(entry.RemindEvery, Where, "remindEvery");
            if (remindEvery is { } every && every <= TimeSpan.Zero)
            {
                throw new ConfigurationException(Where("'remindEvery' must be positive."));
            }

            var remind = entry.Remind.Select(n => ParseTarget(n, Where, people, rotations)).ToList();
            var used = steps.SelectMany(st => st.Notify).Concat(remind).Where(t => t.Kind == TargetKind.OnCall).Select(t => t.Value).ToHashSet();
            var policy = new EscalationPolicy(entry.Name, steps, entry.Repeat, repeatAfter, remindEvery, entry.MaxReminders, remind, [.. rotations.Where(r => used.Contains(r.Name))]);
            rules.Add(new PolicyRule(severity, policyHours, policy));
        }

        return new EscalationPolicySet(rules, hours);
    }

    private static EscalationTarget ParseTarget(string value, Func<string, string> where, PeopleDirectory people, List<OnCallRotation> rotations)
    {
        var split = value.IndexOf(':', StringComparison.Ordinal);
        var kind = split > 0 ? value[..split].Trim().ToLowerInvariant() : string.Empty;
        var name = split > 0 ? value[(split + 1)..].Trim() : value;
        return kind switch
        {
            "channel" when ChannelKeys.Contains(name) => new EscalationTarget(TargetKind.Channel, name),
            "channel" => throw new ConfigurationException(where($"unknown channel '{name}' (known: {string.Join(", ", ChannelKeys)}).")),
            "person" when people.FindById(name) is { } p => new EscalationTarget(TargetKind.Person, p.Id),
            "person" => throw new ConfigurationException(where($"unknown person '{name}' (not in people.yaml).")),
            "role" when Enum.GetValues<Role>().Any(r => RoleNames.Key(r) == name) => new EscalationTarget(TargetKind.Role, name),
            "role" => throw new ConfigurationException(where($"unknown role '{name}' (known: {string.Join(", ", Enum.GetValues<Role>().Select(RoleNames.Key))}).")),
            "oncall" when rotations.Any(r => r.Name == name) => new EscalationTarget(TargetKind.OnCall, name),
            "oncall" => throw new ConfigurationException(where($"unknown rotation '{name}' (declare it under 'rotations' first).")),
            _ => throw new ConfigurationException(where($"'{value}' is not a target; write channel:alerts, person:claire, role:lead or oncall:cm.")),
        };
    }

    /// <summary>"0", "30s", "10m", "2h", "1d".</summary>
    internal static TimeSpan ParseDuration(string value, Func<string, string> where, string what)
    {
        var text = value.Trim();
        if (text == "0")
        {
            return TimeSpan.Zero;
        }

        if (text.Length >= 2 && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount >= 0)
        {
            switch (text[^1])
            {
                case 's': return TimeSpan.FromSeconds(amount);
                case 'm': return TimeSpan.FromMinutes(amount);
                case 'h': return TimeSpan.FromHours(amount);
                case 'd': return TimeSpan.FromDays(amount);
            }
        }

        throw new ConfigurationException(where($"'{what}: {value}' is not a duration (write 30s, 10m, 2h or 1d)."));
    }

    private static DateTimeOffset ParseInstant(string? value, Func<string, string> where, string what) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            ? instant
            : throw new ConfigurationException(where($"'{what}: {value}' is not a date and time (write 2026-01-05T09:00:00+01:00)."));

    private static BusinessHours ParseHours(HoursEntry entry, Func<string, string> where)
    {
        TimeZoneInfo zone;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(entry.TimeZone);
        }
        catch (TimeZoneNotFoundException)
        {
            throw new ConfigurationException(where($"unknown time zone '{entry.TimeZone}' (write an IANA name such as Europe/Paris)."));
        }

        var days = entry.Days.Select(d => Enum.GetValues<DayOfWeek>().FirstOrDefault(w => w.ToString().StartsWith(d.Trim(), StringComparison.OrdinalIgnoreCase) && d.Trim().Length >= 3, (DayOfWeek)(-1))).ToHashSet();
        if (days.Contains((DayOfWeek)(-1)) || days.Count == 0)
        {
            throw new ConfigurationException(where($"'days' must list week days (mon, tue, ...), got [{string.Join(", ", entry.Days)}]."));
        }

        if (!TimeOnly.TryParse(entry.Start, CultureInfo.InvariantCulture, out var start) || !TimeOnly.TryParse(entry.End, CultureInfo.InvariantCulture, out var end) || end <= start)
        {
            throw new ConfigurationException(where($"'start' and 'end' must be times with start before end (got {entry.Start}-{entry.End})."));
        }

        return new BusinessHours(zone, days, start, end);
    }

    /// <summary>The 1-based line where an entry's name is written, so a message points at the entry.</summary>
    private static int LineOf(string[] lines, string? name)
    {
        if (!string.IsNullOrWhiteSpace(name))
        {
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].Contains("name:", StringComparison.Ordinal) && lines[i].TrimEnd().EndsWith(name, StringComparison.Ordinal))
                {
                    return i + 1;
                }
            }
        }

        return 1;
    }

    private sealed class EscalationDocument
    {
        public HoursEntry? BusinessHours { get; set; }
        public List<RotationEntry> Rotations { get; set; } = [];
        public List<PolicyEntry> Policies { get; set; } = [];
    }

    private sealed class HoursEntry
    {
        public string TimeZone { get; set; } = "Europe/Paris";
        public List<string> Days { get; set; } = ["mon", "tue", "wed", "thu", "fri"];
        public string Start { get; set; } = "09:00";
        public string End { get; set; } = "18:00";
    }

    private sealed class RotationEntry
    {
        public string Name { get; set; } = string.Empty;
        public List<string> People { get; set; } = [];
        public string? Start { get; set; }
        public int PeriodDays { get; set; } = 7;
        public List<OverrideEntry> Overrides { get; set; } = [];
    }

    private sealed class OverrideEntry
    {
        public string? From { get; set; }
        public string? Until { get; set; }
        public string Person { get; set; } = string.Empty;
    }

    private sealed class PolicyEntry
    {
        public string Name { get; set; } = string.Empty;
        public string Severity { get; set; } = string.Empty;
        public string Hours { get; set; } = "always";
        public List<StepEntry> Steps { get; set; } = [];
        public int Repeat { get; set; }
        public string? RepeatAfter { get; set; }
        public string? RemindEvery { get; set; }
        public int MaxReminders { get; set; } = 3;
        public List<string> Remind { get; set; } = [];
    }

    private sealed class StepEntry
    {
        public string After { get; set; } = "0";
        public List<string> Notify { get; set; } = [];
    }
}
