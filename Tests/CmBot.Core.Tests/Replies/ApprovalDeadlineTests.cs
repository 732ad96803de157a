using CmBot.Core.Approvals;
using CmBot.Core.Incidents;
using CmBot.Core.People;
using CmBot.Core.Tests.People;
using CmBot.Core.Tests.Reporting;

namespace CmBot.Core.Tests.Replies;

public sealed class ApprovalDeadlineTests
{
    private static readonly DateTimeOffset Opened = new(2026, 11, 26, 15, 0, 0, TimeSpan.Zero);
    private static readonly ApprovalDeadline P1 = new(TimeSpan.FromMinutes(15), 0.5, "paul");

    [Fact]
    public void Times_ReminderAtFractionAndDueAtDeadline()
    {
        Assert.Equal((Opened.AddMinutes(7.5), Opened.AddMinutes(15)), P1.Times(Opened));
    }

    [Theory]
    [InlineData(0, ApprovalTimer.OnTime)]
    [InlineData(7, ApprovalTimer.OnTime)]
    [InlineData(7.5, ApprovalTimer.RemindersDue)]
    [InlineData(14.9, ApprovalTimer.RemindersDue)]
    [InlineData(15, ApprovalTimer.Late)]
    [InlineData(120, ApprovalTimer.Late)]
    public void StateAt_FollowsTheClock(double minutes, ApprovalTimer expected) =>
        Assert.Equal(expected, P1.StateAt(Opened, Opened.AddMinutes(minutes)));

    [Fact]
    public void Times_BusinessHours_FridayEveningRequestDueOnMonday()
    {
        // 2026-11-27 is a Friday: at 17:30 in Paris, half an hour of the office day is left.
        var deadline = new ApprovalDeadline(TimeSpan.FromHours(2), 0.5, "comms", BusinessHoursTests.Office);
        var (remind, due) = deadline.Times(BusinessHoursTests.At(11, 27, 17, 30));

        Assert.Equal(BusinessHoursTests.At(11, 30, 9, 30), remind);
        Assert.Equal(BusinessHoursTests.At(11, 30, 10, 30), due);
        Assert.Equal(ApprovalTimer.OnTime, deadline.StateAt(BusinessHoursTests.At(11, 27, 17, 30), BusinessHoursTests.At(11, 29, 12, 0)));
        Assert.Equal(ApprovalTimer.Late, deadline.StateAt(BusinessHoursTests.At(11, 27, 17, 30), BusinessHoursTests.At(11, 30, 10, 30)));
    }

    [Fact]
    public void IsDeputy_ByIdOrRole()
    {
        Assert.True(P1.IsDeputy(Team.Paul));
        Assert.False(P1.IsDeputy(Team.Ines));
        var byRole = new ApprovalDeadline(TimeSpan.FromHours(2), 0.5, "comms");
        Assert.True(byRole.IsDeputy(new Person("zoe", "Zoé Roux", [Role.Comms])));
        Assert.False(byRole.IsDeputy(Team.Camille));
    }

    [Fact]
    public void For_SeverityWithoutDeadline_Null()
    {
        var deadlines = new ApprovalDeadlines(new Dictionary<Severity, ApprovalDeadline> { [Severity.P1] = P1 });

        Assert.Same(P1, deadlines.For(Severity.P1));
        Assert.Null(deadlines.For(Severity.P3));
        Assert.Null(ApprovalDeadlines.None.For(Severity.P1));
    }
}
