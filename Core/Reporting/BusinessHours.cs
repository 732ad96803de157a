namespace CmBot.Core.Reporting;

/// <summary>
/// The team's working week in its own time zone: which days, from when to when, minus holidays. SLA clocks only
/// run inside it. DST is handled by converting each local window to UTC on its own day.
/// </summary>
public sealed class BusinessHours
{
    // A clock stopped for ten years is a configuration mistake, not a report; the bound keeps loops finite.
    private const int MaxDays = 3660;

    public BusinessHours(TimeZoneInfo zone, IEnumerable<DayOfWeek> days, TimeOnly start, TimeOnly end, IEnumerable<DateOnly>? holidays = null)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(days);
        if (end <= start)
        {
            throw new ArgumentException($"Business hours must end after they start ({start:HH\\:mm}-{end:HH\\:mm}).", nameof(end));
        }

        Zone = zone;
        Days = days.ToHashSet();
        if (Days.Count == 0)
        {
            throw new ArgumentException("Business hours need at least one working day.", nameof(days));
        }

        Start = start;
        End = end;
        Holidays = (holidays ?? []).ToHashSet();
    }

    public TimeZoneInfo Zone { get; }
    public IReadOnlySet<DayOfWeek> Days { get; }
    public TimeOnly Start { get; }
    public TimeOnly End { get; }
    public IReadOnlySet<DateOnly> Holidays { get; }

    /// <summary>Round the clock, every day: for targets that do not wait for office hours (P1 crises).</summary>
    public static BusinessHours AlwaysOn(TimeZoneInfo zone) =>
        new(zone, Enum.GetValues<DayOfWeek>(), TimeOnly.MinValue, TimeOnly.MaxValue);

    public bool IsAlwaysOn => Days.Count == 7 && Start == TimeOnly.MinValue && End == TimeOnly.MaxValue && Holidays.Count == 0;

    /// <summary>Working time between two instants (zero when <paramref name="to"/> is not after <paramref name="from"/>).</summary>
    public TimeSpan Elapsed(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
        {
            return TimeSpan.Zero;
        }

        if (IsAlwaysOn)
        {
            return to - from;
        }

        var total = TimeSpan.Zero;
        foreach (var (open, close) in Windows(from, to))
        {
            var a = open > from ? open : from;
            var b = close < to ? close : to;
            if (b > a)
            {
                total += b - a;
            }
        }

        return total;
    }

    /// <summary>The instant at which <paramref name="budget"/> of working time has run since <paramref name="from"/>.</summary>
    public DateTimeOffset AddWorkingTime(DateTimeOffset from, TimeSpan budget)
    {
        if (budget <= TimeSpan.Zero)
        {
            return from;
        }

        if (IsAlwaysOn)
        {
            return from + budget;
        }

        var left = budget;
        foreach (var (open, close) in Windows(from, DateTimeOffset.MaxValue))
        {
            var a = open > from ? open : from;
            if (close <= a)
            {
                continue;
            }

            if (close - a >= left)
            {
                return a + left;
            }

            left -= close - a;
        }

        throw new InvalidOperationException("Business hours never add up to the budget within ten years.");
    }

    /// <summary>The working windows (UTC) of each local day that overlaps [from, to), in order.</summary>
    private IEnumerable<(DateTimeOffset Open, DateTimeOffset Close)> Windows(DateTimeOffset from, DateTimeOffset to)
    {
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(from, Zone).DateTime);
        for (var i = 0; i < MaxDays; i++, day = day.AddDays(1))
        {
            var open = ToUtc(day, Start);
            if (open >= to)
            {
                yield break;
            }

            if (!Days.Contains(day.DayOfWeek) || Holidays.Contains(day))
            {
                continue;
            }

            var close = End == TimeOnly.MaxValue ? ToUtc(day.AddDays(1), TimeOnly.MinValue) : ToUtc(day, End);
            yield return (open, close);
        }
    }

    private DateTimeOffset ToUtc(DateOnly day, TimeOnly time)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);

        // A wall-clock time skipped by a DST jump does not exist: the window starts when the clocks resume.
        while (Zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, Zone), TimeSpan.Zero);
    }
}
