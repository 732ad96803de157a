using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CmBot.Bot.Hosting;
using CmBot.Core.Routing;
using Route = CmBot.Core.Routing.Route;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;
using YamlDotNet.Serialization.NodeDeserializers;

namespace CmBot.Bot.Routing;

/// <summary>
/// Reads routing.yaml: receivers, the routing tree, time intervals, inhibition rules and configured silences.
/// Every mistake stops start-up with the file, the line and the reason.
/// </summary>
public static class RoutingFile
{
    public const string Key = "CmBot:RoutingFile";

    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .WithNodeDeserializer(inner => new LineRecorder(inner), s => s.InsteadOf<ObjectNodeDeserializer>())
        .Build();

    public static RoutingPolicy Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new ConfigurationException($"{Key}: '{path}' does not exist.");
        }

        RoutingDocument document;
        try
        {
            document = Deserializer.Deserialize<RoutingDocument>(File.ReadAllText(path)) ?? new RoutingDocument();
        }
        catch (YamlException ex)
        {
            throw new ConfigurationException($"{path} line {ex.Start.Line}: {ex.InnerException?.Message ?? ex.Message}", ex);
        }

        return new Reader(path).Read(document);
    }

    /// <summary>Durations like 30s, 5m, 4h, 1d (or a .NET TimeSpan such as 00:05:00).</summary>
    public static bool TryParseDuration(string? text, out TimeSpan duration)
    {
        duration = default;
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var unit = text[^1];
        if (char.IsAsciiLetter(unit) && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount >= 0)
        {
            duration = char.ToLowerInvariant(unit) switch
            {
                's' => TimeSpan.FromSeconds(amount),
                'm' => TimeSpan.FromMinutes(amount),
                'h' => TimeSpan.FromHours(amount),
                'd' => TimeSpan.FromDays(amount),
                'w' => TimeSpan.FromDays(7 * amount),
                _ => TimeSpan.MinValue,
            };
            return duration != TimeSpan.MinValue;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration) && duration >= TimeSpan.Zero;
    }

    private sealed class Reader(string path)
    {
        public RoutingPolicy Read(RoutingDocument document)
        {
            if (document.Receivers.Count == 0)
            {
                throw Error(1, "declares no receiver; add at least one under 'receivers:' (name, channels and/or people).");
            }

            var receivers = new List<Receiver>();
            foreach (var entry in document.Receivers)
            {
                if (string.IsNullOrWhiteSpace(entry.Name))
                {
                    throw Error(entry.Line, "every receiver needs a 'name'.");
                }

                if (receivers.Any(r => r.Name == entry.Name))
                {
                    throw Error(entry.Line, $"receiver '{entry.Name}' is declared twice.");
                }

                if (entry.Channels.Count == 0 && entry.People.Count == 0)
                {
                    throw Error(entry.Line, $"receiver '{entry.Name}' has neither 'channels' nor 'people'.");
                }

                receivers.Add(new Receiver(entry.Name, [.. entry.Channels.Select(c => c.Trim())], [.. entry.People.Select(p => p.Trim())]));
            }

            var intervals = document.TimeIntervals.Select(ReadInterval).ToList();
            var root = document.Route ?? throw Error(1, "has no 'route:' (the root of the routing tree).");
            if (string.IsNullOrWhiteSpace(root.Receiver))
            {
                throw Error(root.Line, "the root route needs a 'receiver'.");
            }

            if (root.Matchers.Count > 0)
            {
                throw Error(root.Line, "the root route matches every alert; move its 'matchers' to a child route.");
            }

            var tree = ReadRoute(root, null, "route", receivers, intervals);
            var inhibit = document.InhibitRules.Select(e => new InhibitRule(
                Matchers(e.SourceMatchers, e.Line, "source_matchers"),
                Matchers(e.TargetMatchers, e.Line, "target_matchers"),
                [.. e.Equal])).ToList();
            for (var i = 0; i < inhibit.Count; i++)
            {
                if (inhibit[i].Source.Count == 0 || inhibit[i].Target.Count == 0)
                {
                    throw Error(document.InhibitRules[i].Line, "an inhibit rule needs 'source_matchers' and 'target_matchers'.");
                }
            }

            var silences = document.Silences.Select(ReadSilence).ToList();
            return new RoutingPolicy(tree, receivers, intervals, inhibit, silences);
        }

        private Route ReadRoute(RouteEntry entry, Route? parent, string where, List<Receiver> receivers, List<TimeInterval> intervals)
        {
            var receiver = string.IsNullOrWhiteSpace(entry.Receiver) ? parent!.Receiver : entry.Receiver.Trim();
            if (receivers.All(r => r.Name != receiver))
            {
                throw Error(entry.Line, $"{where}: unknown receiver '{receiver}' (known: {string.Join(", ", receivers.Select(r => r.Name))}).");
            }

            foreach (var name in entry.ActiveTimeIntervals.Concat(entry.MuteTimeIntervals).Where(n => intervals.All(t => t.Name != n)))
            {
                throw Error(entry.Line, $"{where}: unknown time interval '{name}' (known: {string.Join(", ", intervals.Select(t => t.Name))}).");
            }

            var inherited = parent?.Timings ?? GroupTimings.Default;
            var timings = new GroupTimings(
                Duration(entry.GroupWait, inherited.GroupWait, entry.Line, "group_wait"),
                Duration(entry.GroupInterval, inherited.GroupInterval, entry.Line, "group_interval"),
                Duration(entry.RepeatInterval, inherited.RepeatInterval, entry.Line, "repeat_interval"));
            var node = new Route(
                receiver,
                Matchers(entry.Matchers, entry.Line, "matchers"),
                entry.Continue,
                entry.GroupBy ?? parent?.GroupBy.ToList() ?? [AlertLabels.Topic],
                timings,
                entry.ActiveTimeIntervals,
                entry.MuteTimeIntervals,
                [],
                where);
            var children = entry.Routes.Select((child, i) => ReadRoute(child, node, $"{where}.routes[{i}]", receivers, intervals)).ToList();
            return new Route(node.Receiver, node.Matchers, node.Continue, node.GroupBy, node.Timings, node.ActiveTimeIntervals, node.MuteTimeIntervals, children, where);
        }

        private TimeInterval ReadInterval(TimeIntervalEntry entry)
        {
            if (string.IsNullOrWhiteSpace(entry.Name))
            {
                throw Error(entry.Line, "every time interval needs a 'name'.");
            }

            TimeZoneInfo zone;
            try
            {
                zone = string.IsNullOrWhiteSpace(entry.Location) ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(entry.Location.Trim());
            }
            catch (TimeZoneNotFoundException)
            {
                throw Error(entry.Line, $"time interval '{entry.Name}': unknown time zone '{entry.Location}' (use an IANA name such as Europe/Paris).");
            }

            if (entry.Rules.Count == 0)
            {
                throw Error(entry.Line, $"time interval '{entry.Name}' has no 'rules'.");
            }

            return new TimeInterval(entry.Name, [.. entry.Rules.Select(rule => new TimeIntervalRule(
                rule.Weekdays.SelectMany(w => Weekdays(w, rule.Line)).ToHashSet(),
                [.. rule.Times.Select(Range)],
                rule.Dates.Select(d => DateOnly.TryParseExact(d.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    ? date
                    : throw Error(rule.Line, $"'{d}' is not a date (yyyy-MM-dd).")).ToHashSet(),
                zone))]);
        }

        private TimeOfDayRange Range(TimeRangeEntry entry)
        {
            var start = TimeOfDay(entry.Start, entry.Line);
            var end = TimeOfDay(entry.End, entry.Line);
            return end > start ? new TimeOfDayRange(start, end) : throw Error(entry.Line, $"time range {entry.Start}-{entry.End} ends before it starts (split a range across midnight in two).");
        }

        private TimeOnly TimeOfDay(string? text, int line) =>
            text?.Trim() == "24:00" ? TimeOnly.MaxValue
            : TimeOnly.TryParseExact(text?.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t
            : throw Error(line, $"'{text}' is not a time of day (HH:mm, 00:00 to 24:00).");

        private IEnumerable<DayOfWeek> Weekdays(string text, int line)
        {
            var parts = text.Split(':', StringSplitOptions.TrimEntries);
            var from = Day(parts[0], line);
            var to = parts.Length > 1 ? Day(parts[1], line) : from;
            for (var d = from; ; d = (DayOfWeek)(((int)d + 1) % 7))
            {
                yield return d;
                if (d == to)
                {
                    yield break;
                }
            }
        }

        private DayOfWeek Day(string text, int line) =>
            Enum.TryParse<DayOfWeek>(text, ignoreCase: true, out var d) && Enum.IsDefined(d) && !int.TryParse(text, out _)
                ? d
                : throw Error(line, $"'{text}' is not a weekday (monday..sunday, or a range like monday:friday).");

        private Silence ReadSilence(SilenceEntry entry)
        {
            var matchers = Matchers(entry.Matchers, entry.Line, "matchers");
            if (matchers.Count == 0)
            {
                throw Error(entry.Line, "a silence needs 'matchers'.");
            }

            var starts = Instant(entry.StartsAt, entry.Line, "starts_at") ?? DateTimeOffset.MinValue;
            var ends = Instant(entry.EndsAt, entry.Line, "ends_at") ?? throw Error(entry.Line, "a silence needs 'ends_at' (e.g. 2026-12-31T18:00:00+01:00).");
            if (ends <= starts)
            {
                throw Error(entry.Line, "the silence ends before it starts.");
            }

            // A stable id, so the audit log names the same configured silence across restarts.
            var id = new Guid(SHA256.HashData(Encoding.UTF8.GetBytes($"{string.Join(',', entry.Matchers)}|{entry.StartsAt}|{entry.EndsAt}"))[..16]);
            return new Silence(id, matchers, string.IsNullOrWhiteSpace(entry.CreatedBy) ? "config" : entry.CreatedBy, starts, ends, entry.Reason ?? string.Empty);
        }

        private DateTimeOffset? Instant(string? text, int line, string what) =>
            string.IsNullOrWhiteSpace(text) ? null
            : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at
            : throw Error(line, $"{what} '{text}' is not a date and time (ISO 8601).");

        private List<LabelMatcher> Matchers(List<string> texts, int line, string what)
        {
            try
            {
                return [.. texts.Select(LabelMatcher.Parse)];
            }
            catch (FormatException ex)
            {
                throw Error(line, $"{what}: {ex.Message}");
            }
        }

        private TimeSpan Duration(string? text, TimeSpan inherited, int line, string what) =>
            text is null ? inherited
            : TryParseDuration(text, out var d) ? d
            : throw Error(line, $"{what} '{text}' is not a duration (e.g. 30s, 5m, 4h).");

        private ConfigurationException Error(int line, string reason) => new($"{path} line {line}: {reason}");
    }

    /// <summary>Notes the line each entry starts on, so errors found after parsing still point into the file.</summary>
    private sealed class LineRecorder(INodeDeserializer inner) : INodeDeserializer
    {
        public bool Deserialize(IParser reader, Type expectedType, Func<IParser, Type, object?> nestedObjectDeserializer, out object? value, ObjectDeserializer rootDeserializer)
        {
            var line = reader.Current?.Start.Line ?? 0;
            if (!inner.Deserialize(reader, expectedType, nestedObjectDeserializer, out value, rootDeserializer))
            {
                return false;
            }

            if (value is YamlEntry entry)
            {
                entry.Line = (int)line;
            }

            return true;
        }
    }
}
