using CmBot.Core.Escalation;
using CmBot.Core.Incidents;

namespace CmBot.Core.Tests.Escalation;

public sealed class OnCallAndHoursTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(1));
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    [Fact]
    public void WhoAt_Weekly_TakesTurns()
    {
        var rotation = new OnCallRotation("cm", ["camille", "hugo", "paul"], Monday, TimeSpan.FromDays(7), []);

        Assert.Equal("camille", rotation.WhoAt(Monday.AddDays(3)));
        Assert.Equal("hugo", rotation.WhoAt(Monday.AddDays(7)));
        Assert.Equal("paul", rotation.WhoAt(Monday.AddDays(15)));
        Assert.Equal("camille", rotation.WhoAt(Monday.AddDays(21)));
        Assert.Equal("paul", rotation.WhoAt(Monday.AddDays(-1)));
    }

    [Fact]
    public void WhoAt_Override_Wins()
    {
        var rotation = new OnCallRotation("cm", ["camille", "hugo"], Monday, TimeSpan.FromDays(7), [new OnCallOverride(Monday.AddDays(1), Monday.AddDays(2), "paul")]);

        Assert.Equal("paul", rotation.WhoAt(Monday.AddDays(1.5)));
        Assert.Equal("camille", rotation.WhoAt(Monday.AddDays(2)));
    }

    [Fact]
    public void Contains_AcrossDaylightSavingEnd_UsesParisLocalTime()
    {
        var hours = new BusinessHours(Paris, new HashSet<DayOfWeek> { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }, new TimeOnly(9, 0), new TimeOnly(18, 0));

        // 2026-10-23 (summer time, UTC+2) and 2026-10-26 (winter time, UTC+1): 07:30 UTC is 09:30 then 08:30 local.
        Assert.True(hours.Contains(new DateTimeOffset(2026, 10, 23, 7, 30, 0, TimeSpan.Zero)));
        Assert.False(hours.Contains(new DateTimeOffset(2026, 10, 26, 7, 30, 0, TimeSpan.Zero)));
        Assert.False(hours.Contains(new DateTimeOffset(2026, 10, 24, 10, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void For_BusinessHoursVariant_PicksByOpeningTime()
    {
        var day = EscalationPlannerTests.P1() with { Name = "p1-day" };
        var night = EscalationPlannerTests.P1() with { Name = "p1-night" };
        var hours = new BusinessHours(Paris, new HashSet<DayOfWeek> { DayOfWeek.Monday }, new TimeOnly(9, 0), new TimeOnly(18, 0));
        var set = new EscalationPolicySet([new PolicyRule(Severity.P1, PolicyHours.BusinessHours, day), new PolicyRule(Severity.P1, PolicyHours.OffHours, night)], hours);

        Assert.Equal("p1-day", set.For(Severity.P1, Monday.AddHours(1))?.Name);
        Assert.Equal("p1-night", set.For(Severity.P1, Monday.AddHours(10))?.Name);
        Assert.Null(set.For(Severity.P4, Monday));
    }

    [Fact]
    public void OnCallAt_LadderNamesARotation_FirstRotationsPersonNow()
    {
        var cm = new OnCallRotation("cm", ["camille", "hugo"], Monday, TimeSpan.FromDays(7), []);
        var leads = new OnCallRotation("leads", ["paul"], Monday, TimeSpan.FromDays(7), []);
        var policy = new EscalationPolicy(
            "p2",
            [
                new EscalationStep(TimeSpan.Zero, [new EscalationTarget(TargetKind.Channel, "alerts")]),
                new EscalationStep(TimeSpan.FromMinutes(30), [new EscalationTarget(TargetKind.OnCall, "cm")]),
                new EscalationStep(TimeSpan.FromHours(1), [new EscalationTarget(TargetKind.OnCall, "leads")]),
            ],
            0, TimeSpan.Zero, null, 0, [], [cm, leads]);

        Assert.Equal("camille", policy.OnCallAt(Monday.AddDays(1)));
        Assert.Equal("hugo", policy.OnCallAt(Monday.AddDays(8)));
    }

    [Fact]
    public void OnCallAt_NoRotationInTheLadder_Null()
    {
        var policy = new EscalationPolicy("p4", [new EscalationStep(TimeSpan.Zero, [new EscalationTarget(TargetKind.Role, "lead")])], 0, TimeSpan.Zero, null, 0, [], []);

        Assert.Null(policy.OnCallAt(Monday));
    }
}
