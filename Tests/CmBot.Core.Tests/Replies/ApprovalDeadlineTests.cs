using CmBot.Core.Approvals;
using CmBot.Core.Incidents;
using CmBot.Core.People;
using CmBot.Core.Tests.People;

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
