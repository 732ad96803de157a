namespace CmBot.Core.Escalation;

/// <summary>A person covers the rotation from <see cref="From"/> until <see cref="Until"/> instead of the scheduled one.</summary>
public sealed record OnCallOverride(DateTimeOffset From, DateTimeOffset Until, string PersonId);

/// <summary>People take turns, one <see cref="Period"/> each (a week), starting at <see cref="Start"/>; overrides win.</summary>
public sealed record OnCallRotation(string Name, IReadOnlyList<string> People, DateTimeOffset Start, TimeSpan Period, IReadOnlyList<OnCallOverride> Overrides)
{
    public string? WhoAt(DateTimeOffset at)
    {
        var covering = Overrides.LastOrDefault(o => o.From <= at && at < o.Until);
        if (covering is not null)
        {
            return covering.PersonId;
        }

        if (People.Count == 0 || Period <= TimeSpan.Zero)
        {
            return null;
        }

        var turns = (long)Math.Floor((at - Start).Ticks / (double)Period.Ticks);
        var index = (int)(((turns % People.Count) + People.Count) % People.Count);
        return People[index];
    }
}

/// <summary>Working days and hours in a time zone (daylight saving handled by the zone).</summary>
public sealed record BusinessHours(TimeZoneInfo Zone, IReadOnlySet<DayOfWeek> Days, TimeOnly Start, TimeOnly End)
{
    public bool Contains(DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(Zone);
        var local = TimeZoneInfo.ConvertTime(at, Zone);
        var time = TimeOnly.FromTimeSpan(local.TimeOfDay);
        return Days.Contains(local.DayOfWeek) && time >= Start && time < End;
    }
}
