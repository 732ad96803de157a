namespace CmBot.Bot.Routing;

/// <summary>An entry that remembers the line it starts on in routing.yaml, for error messages.</summary>
internal abstract class YamlEntry
{
    public int Line { get; set; }
}

/// <summary>routing.yaml as written (snake_case keys, like Alertmanager); <see cref="RoutingFile"/> checks and converts it.</summary>
internal sealed class RoutingDocument
{
    public List<ReceiverEntry> Receivers { get; set; } = [];
    public RouteEntry? Route { get; set; }
    public List<TimeIntervalEntry> TimeIntervals { get; set; } = [];
    public List<InhibitEntry> InhibitRules { get; set; } = [];
    public List<SilenceEntry> Silences { get; set; } = [];
}

internal sealed class ReceiverEntry : YamlEntry
{
    public string? Name { get; set; }
    public List<string> Channels { get; set; } = [];
    public List<string> People { get; set; } = [];
}

internal sealed class RouteEntry : YamlEntry
{
    public string? Receiver { get; set; }
    public List<string> Matchers { get; set; } = [];
    public bool Continue { get; set; }
    public List<string>? GroupBy { get; set; }
    public string? GroupWait { get; set; }
    public string? GroupInterval { get; set; }
    public string? RepeatInterval { get; set; }
    public List<string> ActiveTimeIntervals { get; set; } = [];
    public List<string> MuteTimeIntervals { get; set; } = [];
    public List<RouteEntry> Routes { get; set; } = [];
}

internal sealed class TimeIntervalEntry : YamlEntry
{
    public string? Name { get; set; }
    public string? Location { get; set; }
    public List<TimeRuleEntry> Rules { get; set; } = [];
}

internal sealed class TimeRuleEntry : YamlEntry
{
    public List<string> Weekdays { get; set; } = [];
    public List<TimeRangeEntry> Times { get; set; } = [];
    public List<string> Dates { get; set; } = [];
}

internal sealed class TimeRangeEntry : YamlEntry
{
    public string? Start { get; set; }
    public string? End { get; set; }
}

internal sealed class InhibitEntry : YamlEntry
{
    public List<string> SourceMatchers { get; set; } = [];
    public List<string> TargetMatchers { get; set; } = [];
    public List<string> Equal { get; set; } = [];
}

internal sealed class SilenceEntry : YamlEntry
{
    public List<string> Matchers { get; set; } = [];
    public string? StartsAt { get; set; }
    public string? EndsAt { get; set; }
    public string? CreatedBy { get; set; }
    public string? Reason { get; set; }
}
