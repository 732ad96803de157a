namespace CmBot.Core.Routing;

/// <summary>A span of the day in local time, [Start, End); End of 24:00 is written as <see cref="TimeOnly.MaxValue"/>.</summary>
public sealed record TimeOfDayRange(TimeOnly Start, TimeOnly End)
{
    public bool Contains(TimeOnly time) => time >= Start && (End == TimeOnly.MaxValue ? true : time < End);
}

/// <summary>
/// One part of a named time interval: all given fields must hold (empty means "any"), evaluated in the
/// interval's IANA time zone so "09:00-18:00 Europe/Paris" follows daylight-saving changes.
/// </summary>
public sealed record TimeIntervalRule(
    IReadOnlySet<DayOfWeek> Weekdays,
    IReadOnlyList<TimeOfDayRange> Times,
    IReadOnlySet<DateOnly> Dates,
    TimeZoneInfo Location)
{
    public bool Contains(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, Location);
        var date = DateOnly.FromDateTime(local.DateTime);
        var time = TimeOnly.FromDateTime(local.DateTime);
        return (Weekdays.Count == 0 || Weekdays.Contains(local.DayOfWeek))
            && (Dates.Count == 0 || Dates.Contains(date))
            && (Times.Count == 0 || Times.Any(t => t.Contains(time)));
    }
}

/// <summary>A named set of rules (office hours, nights, holidays); an instant is inside when any rule holds.</summary>
public sealed record TimeInterval(string Name, IReadOnlyList<TimeIntervalRule> Rules)
{
    public bool Contains(DateTimeOffset instant) => Rules.Any(r => r.Contains(instant));
}
