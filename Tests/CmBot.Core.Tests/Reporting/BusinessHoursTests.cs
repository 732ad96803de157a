using CmBot.Core.Reporting;

namespace CmBot.Core.Tests.Reporting;

public sealed class BusinessHoursTests
{
    internal static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    internal static readonly BusinessHours Office = new(
        Paris, [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], new TimeOnly(9, 0), new TimeOnly(18, 0));

    /// <summary>A wall-clock time in Paris.</summary>
    internal static DateTimeOffset At(int month, int day, int hour, int minute = 0)
    {
        var local = new DateTime(2026, month, day, hour, minute, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Paris.GetUtcOffset(local));
    }

    [Fact]
    public void Elapsed_FridayEveningToMondayMorning_CountsOnlyOfficeHours()
    {
        Assert.Equal(TimeSpan.FromHours(2), Office.Elapsed(At(11, 27, 17), At(11, 30, 10)));
    }

    [Fact]
    public void Elapsed_WithinOneNight_IsZero()
    {
        Assert.Equal(TimeSpan.Zero, Office.Elapsed(At(11, 26, 19), At(11, 27, 8, 59)));
    }

    [Fact]
    public void Elapsed_StartsBeforeOpeningAndEndsAfterClosing_CountsTheWholeDay()
    {
        Assert.Equal(TimeSpan.FromHours(9), Office.Elapsed(At(11, 24, 7), At(11, 24, 22)));
    }

    [Fact]
    public void Elapsed_Holiday_IsSkipped()
    {
        var withHoliday = new BusinessHours(Office.Zone, Office.Days, Office.Start, Office.End, [new DateOnly(2026, 11, 30)]);

        Assert.Equal(TimeSpan.FromHours(2), withHoliday.Elapsed(At(11, 27, 17), At(12, 1, 10)));
    }

    [Fact]
    public void Elapsed_EndBeforeStart_IsZero()
    {
        Assert.Equal(TimeSpan.Zero, Office.Elapsed(At(11, 27, 12), At(11, 27, 11)));
    }

    [Fact]
    public void Elapsed_AcrossSpringDst_UsesEachDaysOffset()
    {
        // Clocks go forward on Sunday 29 March 2026 in Paris: Friday 17:00 (UTC+1) to Monday 10:00 (UTC+2).
        Assert.Equal(TimeSpan.FromHours(2), Office.Elapsed(At(3, 27, 17), At(3, 30, 10)));
    }

    [Fact]
    public void Elapsed_WholeDstDayWithAllDayHours_Is23Hours()
    {
        var allDays = new BusinessHours(Paris, Enum.GetValues<DayOfWeek>(), TimeOnly.MinValue, TimeOnly.MaxValue, [new DateOnly(2020, 1, 1)]);

        Assert.Equal(TimeSpan.FromHours(23), allDays.Elapsed(At(3, 29, 0), At(3, 30, 0)));
    }

    [Fact]
    public void AddWorkingTime_OverAWeekend_LandsOnMonday()
    {
        Assert.Equal(At(11, 30, 16), Office.AddWorkingTime(At(11, 27, 17), TimeSpan.FromHours(8)));
    }

    [Fact]
    public void AddWorkingTime_OpenedAtNight_StartsAtOpening()
    {
        Assert.Equal(At(11, 25, 10), Office.AddWorkingTime(At(11, 24, 23), TimeSpan.FromHours(1)));
    }

    [Fact]
    public void AlwaysOn_CountsWallTime()
    {
        var always = BusinessHours.AlwaysOn(Paris);

        Assert.True(always.IsAlwaysOn);
        Assert.Equal(TimeSpan.FromHours(65), always.Elapsed(At(11, 27, 17), At(11, 30, 10)));
    }

    [Fact]
    public void Constructor_EndNotAfterStart_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => new BusinessHours(Paris, [DayOfWeek.Monday], new TimeOnly(18, 0), new TimeOnly(9, 0)));

        Assert.Contains("18:00-09:00", ex.Message, StringComparison.Ordinal);
    }
}
