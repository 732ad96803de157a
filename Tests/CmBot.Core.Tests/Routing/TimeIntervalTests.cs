using CmBot.Core.Routing;

namespace CmBot.Core.Tests.Routing;

public sealed class TimeIntervalTests
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    private static TimeInterval OfficeHours() => new("office", [new TimeIntervalRule(
        new HashSet<DayOfWeek> { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Sunday },
        [new TimeOfDayRange(new TimeOnly(9, 0), new TimeOnly(18, 0))],
        new HashSet<DateOnly>(),
        Paris)]);

    [Theory]
    // Winter (CET, UTC+1): 08:30 UTC is 09:30 in Paris.
    [InlineData("2026-01-14T08:30:00Z", true)]
    [InlineData("2026-01-14T07:30:00Z", false)]
    // Summer (CEST, UTC+2): 07:30 UTC is 09:30 in Paris, 16:30 UTC is 18:30.
    [InlineData("2026-07-15T07:30:00Z", true)]
    [InlineData("2026-07-15T16:30:00Z", false)]
    // Last Sunday of March 2026 (29th): clocks jump 02:00 -> 03:00; 07:30 UTC is 09:30 after the change.
    [InlineData("2026-03-29T07:30:00Z", true)]
    [InlineData("2026-03-28T07:30:00Z", false)] // Saturday
    [InlineData("2026-03-29T00:30:00Z", false)] // 01:30 before the jump
    // Last Sunday of October 2026 (25th): clocks go back 03:00 -> 02:00; 08:30 UTC is 09:30 CET, 07:30 UTC is 08:30.
    [InlineData("2026-10-25T08:30:00Z", true)]
    [InlineData("2026-10-25T07:30:00Z", false)]
    [InlineData("2026-10-25T16:59:00Z", true)]
    [InlineData("2026-10-25T17:00:00Z", false)]
    public void Contains_OfficeHoursInParis_FollowsDaylightSaving(string instant, bool expected)
    {
        Assert.Equal(expected, OfficeHours().Contains(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Contains_HolidayDate_MatchesTheWholeLocalDay()
    {
        var holidays = new TimeInterval("holidays", [new TimeIntervalRule(
            new HashSet<DayOfWeek>(), [], new HashSet<DateOnly> { new(2026, 12, 25) }, Paris)]);

        Assert.True(holidays.Contains(new DateTimeOffset(2026, 12, 24, 23, 30, 0, TimeSpan.Zero))); // 00:30 on the 25th in Paris
        Assert.False(holidays.Contains(new DateTimeOffset(2026, 12, 25, 23, 30, 0, TimeSpan.Zero))); // 00:30 on the 26th
    }

    [Fact]
    public void Contains_RangeToMidnight_IncludesLastMinute()
    {
        var nights = new TimeInterval("nights", [new TimeIntervalRule(
            new HashSet<DayOfWeek>(), [new TimeOfDayRange(new TimeOnly(20, 0), TimeOnly.MaxValue), new TimeOfDayRange(TimeOnly.MinValue, new TimeOnly(7, 0))],
            new HashSet<DateOnly>(), TimeZoneInfo.Utc)]);

        Assert.True(nights.Contains(new DateTimeOffset(2026, 5, 1, 23, 59, 30, TimeSpan.Zero)));
        Assert.True(nights.Contains(new DateTimeOffset(2026, 5, 1, 6, 59, 0, TimeSpan.Zero)));
        Assert.False(nights.Contains(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero)));
    }
}
