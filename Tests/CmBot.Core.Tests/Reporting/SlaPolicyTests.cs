using CmBot.Core.Incidents;
using CmBot.Core.Reporting;
using static CmBot.Core.Tests.Reporting.BusinessHoursTests;

namespace CmBot.Core.Tests.Reporting;

public sealed class SlaPolicyTests
{
    internal static readonly SlaPolicy Policy = new(
    [
        new SlaTarget(Severity.P1, TimeSpan.FromHours(1), BusinessHours.AlwaysOn(Paris)),
        new SlaTarget(Severity.P2, TimeSpan.FromHours(4), Office),
        new SlaTarget(Severity.P3, TimeSpan.FromHours(8), Office),
    ]);

    private static IncidentFact Incident(Severity severity, DateTimeOffset opened, DateTimeOffset? ack = null) =>
        new(Guid.NewGuid(), 1, "k", severity, ack is null ? IncidentStatus.Open : IncidentStatus.Acknowledged, opened, ack, 1);

    [Theory]
    [InlineData(1, SlaState.Ok)]
    [InlineData(2, SlaState.Warning50)]
    [InlineData(3, SlaState.Warning75)]
    [InlineData(4, SlaState.Breached)]
    public void Evaluate_OpenP2_StateFollowsTheShareOfTargetUsed(int hoursLater, SlaState expected)
    {
        var verdict = Policy.Evaluate(Incident(Severity.P2, At(11, 24, 9)), At(11, 24, 9 + hoursLater));

        Assert.NotNull(verdict);
        Assert.Equal(expected, verdict.State);
        Assert.False(verdict.Acknowledged);
    }

    [Fact]
    public void Evaluate_P2OpenedFridayEvening_WarnsOnlyAfterMondayOpening()
    {
        var incident = Incident(Severity.P2, At(11, 27, 17));

        Assert.Equal(SlaState.Ok, Policy.Evaluate(incident, At(11, 30, 8))!.State);
        Assert.Equal(SlaState.Warning50, Policy.Evaluate(incident, At(11, 30, 10))!.State);
        Assert.Equal(At(11, 30, 12), Policy.Evaluate(incident, At(11, 30, 10))!.DueAt);
    }

    [Fact]
    public void Evaluate_P1AtNight_ClockRunsAroundTheClock()
    {
        var verdict = Policy.Evaluate(Incident(Severity.P1, At(11, 26, 22), At(11, 26, 23, 30)), At(11, 27, 9));

        Assert.Equal(SlaState.Breached, verdict!.State);
        Assert.True(verdict.Acknowledged);
        Assert.Equal(TimeSpan.FromMinutes(90), verdict.Used);
    }

    [Fact]
    public void Evaluate_AcknowledgedInTime_StopsTheClock()
    {
        var verdict = Policy.Evaluate(Incident(Severity.P3, At(11, 24, 10), At(11, 24, 11)), At(11, 28, 10));

        Assert.Equal(SlaState.Ok, verdict!.State);
        Assert.Equal(TimeSpan.FromHours(1), verdict.Used);
    }

    [Fact]
    public void Evaluate_SeverityWithoutTarget_IsNull()
    {
        Assert.Null(Policy.Evaluate(Incident(Severity.P4, At(11, 24, 10)), At(11, 28, 10)));
    }

    [Fact]
    public void Constructor_DuplicateSeverity_Throws()
    {
        var target = new SlaTarget(Severity.P1, TimeSpan.FromHours(1), Office);

        Assert.Throws<ArgumentException>(() => new SlaPolicy([target, target]));
    }
}
