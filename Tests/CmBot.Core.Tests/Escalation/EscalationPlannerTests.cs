using CmBot.Core.Common;
using CmBot.Core.Escalation;
using CmBot.Core.Incidents;
using CmBot.Core.People;
using CmBot.Core.Tests.People;
using Microsoft.Extensions.Time.Testing;

namespace CmBot.Core.Tests.Escalation;

public sealed class EscalationPlannerTests
{
    private static readonly DateTimeOffset Opened = new(2026, 11, 26, 15, 0, 0, TimeSpan.Zero);
    private static readonly PeopleDirectory People = new([Team.Camille, Team.Hugo, Team.Ines, Team.Paul, Team.Claire]);

    /// <summary>The P1 ladder of the brief: alerts + on-call at once; +10 the lead; +20 comms and legal; +30 the CEO.</summary>
    internal static EscalationPolicy P1(int repeat = 0, TimeSpan? remindEvery = null) => new(
        "p1",
        [
            new EscalationStep(TimeSpan.Zero, [new(TargetKind.Channel, "alerts"), new(TargetKind.OnCall, "cm")]),
            new EscalationStep(TimeSpan.FromMinutes(10), [new(TargetKind.Role, "lead")]),
            new EscalationStep(TimeSpan.FromMinutes(20), [new(TargetKind.Role, "comms"), new(TargetKind.Channel, "legal")]),
            new EscalationStep(TimeSpan.FromMinutes(30), [new(TargetKind.Person, "claire")]),
        ],
        repeat,
        TimeSpan.FromMinutes(40),
        remindEvery,
        2,
        [new(TargetKind.Channel, "alerts")],
        [new OnCallRotation("cm", ["camille", "hugo"], Opened.AddDays(-1), TimeSpan.FromDays(7), [])]);

    /// <summary>Drives the planner the way the scheduler does: fire every notice that is due at the fake clock.</summary>
    private static List<PlannedNotice> FireDue(EscalationState state, EscalationPolicy policy, Func<IncidentStatus> status, FakeTimeProvider clock, DateTimeOffset? ackAt = null)
    {
        var fired = new List<PlannedNotice>();
        while (state.Next(policy, status(), ackAt) is { } next && next.DueAt <= clock.GetUtcNow())
        {
            state.MarkFired(next);
            fired.Add(next);
        }

        return fired;
    }

    [Fact]
    public void Next_Unacknowledged_ClimbsEveryStepAtItsDelay()
    {
        var clock = new FakeTimeProvider(Opened);
        var policy = P1();
        var state = EscalationState.Start(Guid.NewGuid(), "p1", "{}", Opened);

        var atOnce = FireDue(state, policy, () => IncidentStatus.Open, clock);
        clock.Advance(TimeSpan.FromMinutes(9));
        var before10 = FireDue(state, policy, () => IncidentStatus.Open, clock);
        clock.Advance(TimeSpan.FromMinutes(1));
        var at10 = FireDue(state, policy, () => IncidentStatus.Open, clock);
        clock.Advance(TimeSpan.FromMinutes(25));
        var late = FireDue(state, policy, () => IncidentStatus.Open, clock);

        Assert.Equal([0], atOnce.Select(n => n.StepIndex));
        Assert.Empty(before10);
        Assert.Equal([1], at10.Select(n => n.StepIndex));
        Assert.Equal([2, 3], late.Select(n => n.StepIndex));
        Assert.Null(state.Next(policy, IncidentStatus.Open, null));
    }

    [Fact]
    public void Next_Acknowledged_StopsTheClimb()
    {
        var clock = new FakeTimeProvider(Opened);
        var policy = P1();
        var state = EscalationState.Start(Guid.NewGuid(), "p1", "{}", Opened);
        var status = IncidentStatus.Open;
        FireDue(state, policy, () => status, clock);

        clock.Advance(TimeSpan.FromMinutes(5));
        status = IncidentStatus.Acknowledged;
        clock.Advance(TimeSpan.FromHours(2));
        var after = FireDue(state, policy, () => status, clock, ackAt: Opened.AddMinutes(5));

        Assert.Empty(after);
        Assert.Equal(1, state.StepsFired);
    }

    [Fact]
    public void Next_AcknowledgedButUnresolved_RemindsUpToTheLimit()
    {
        var clock = new FakeTimeProvider(Opened);
        var policy = P1(remindEvery: TimeSpan.FromMinutes(30));
        var state = EscalationState.Start(Guid.NewGuid(), "p1", "{}", Opened);
        var ackAt = Opened.AddMinutes(2);

        clock.Advance(TimeSpan.FromMinutes(33));
        var first = FireDue(state, policy, () => IncidentStatus.Acknowledged, clock, ackAt);
        clock.Advance(TimeSpan.FromHours(5));
        var rest = FireDue(state, policy, () => IncidentStatus.Acknowledged, clock, ackAt);

        Assert.Equal([NoticeKind.Reminder], first.Select(n => n.Kind));
        Assert.Equal(ackAt.AddMinutes(30), first[0].DueAt);
        Assert.Single(rest);
        Assert.Null(state.Next(policy, IncidentStatus.Resolved, ackAt));
    }

    [Fact]
    public void Next_Repeat_RunsTheLadderAgainAfterTheCycle()
    {
        var policy = P1(repeat: 1);
        var state = EscalationState.Start(Guid.NewGuid(), "p1", "{}", Opened);
        for (var i = 0; i < 4; i++)
        {
            state.MarkFired(state.Next(policy, IncidentStatus.Open, null)!);
        }

        var again = state.Next(policy, IncidentStatus.Open, null)!;

        Assert.Equal(0, again.StepIndex);
        Assert.Equal(4, again.Sequence);
        Assert.Equal(Opened.AddMinutes(40), again.DueAt);
        Assert.Equal(8, policy.TotalSteps);
    }

    [Fact]
    public void EscalateNow_NextStepFiresNowAndLaterOnesKeepTheirSpacing()
    {
        var policy = P1();
        var state = EscalationState.Start(Guid.NewGuid(), "p1", "{}", Opened);
        state.MarkFired(state.Next(policy, IncidentStatus.Open, null)!);
        var now = Opened.AddMinutes(3);

        var jumped = state.EscalateNow(policy, IncidentStatus.Open, now, EscalationTexts.English);
        state.MarkFired(jumped);
        var following = state.Next(policy, IncidentStatus.Open, null)!;

        Assert.Equal(1, jumped.StepIndex);
        Assert.Equal(now, jumped.DueAt);
        Assert.Equal(now.AddMinutes(10), following.DueAt);
    }

    [Fact]
    public void EscalateNow_Acknowledged_RefusedInFrench()
    {
        var state = EscalationState.Start(Guid.NewGuid(), "p1", "{}", Opened);

        var ex = Assert.Throws<DomainRuleException>(() => state.EscalateNow(P1(), IncidentStatus.Acknowledged, Opened, EscalationTexts.French));

        Assert.Equal("state", ex.Code);
        Assert.Contains("ouvert", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Snooze_DelaysTheNextStepAndTheOnesAfter()
    {
        var clock = new FakeTimeProvider(Opened);
        var policy = P1();
        var state = EscalationState.Start(Guid.NewGuid(), "p1", "{}", Opened);
        FireDue(state, policy, () => IncidentStatus.Open, clock);

        var due = state.Snooze(policy, IncidentStatus.Open, null, Opened.AddMinutes(25), EscalationTexts.English);
        clock.Advance(TimeSpan.FromMinutes(20));
        var notYet = FireDue(state, policy, () => IncidentStatus.Open, clock);
        clock.Advance(TimeSpan.FromMinutes(5));
        var now = FireDue(state, policy, () => IncidentStatus.Open, clock);

        Assert.Equal(Opened.AddMinutes(25), due);
        Assert.Empty(notYet);
        Assert.Equal([1], now.Select(n => n.StepIndex));
        Assert.Equal(Opened.AddMinutes(35), state.Next(policy, IncidentStatus.Open, null)!.DueAt);
    }

    [Fact]
    public void Snooze_NothingPending_Refused()
    {
        var state = EscalationState.Start(Guid.NewGuid(), "p1", "{}", Opened);

        Assert.Throws<DomainRuleException>(() => state.Snooze(P1(), IncidentStatus.Resolved, null, Opened.AddHours(1), EscalationTexts.English));
    }

    [Fact]
    public void MarkFired_SameNoticeTwice_Refused()
    {
        var policy = P1();
        var state = EscalationState.Start(Guid.NewGuid(), "p1", "{}", Opened);
        var first = state.Next(policy, IncidentStatus.Open, null)!;
        state.MarkFired(first);

        Assert.Throws<InvalidOperationException>(() => state.MarkFired(first));
    }

    [Fact]
    public void Restart_Reopened_ClimbsFromTheFirstStep()
    {
        var policy = P1();
        var state = EscalationState.Start(Guid.NewGuid(), "p1", "{}", Opened);
        state.MarkFired(state.Next(policy, IncidentStatus.Open, null)!);

        state.Restart(Opened.AddHours(3));

        Assert.Equal(Opened.AddHours(3), state.Next(policy, IncidentStatus.Open, null)!.DueAt);
    }

    [Fact]
    public void Resolve_StepTargets_ChannelsRolesOnCallWithoutDuplicates()
    {
        var policy = P1();
        var targets = policy.Steps[0].Notify.Concat(policy.Steps[1].Notify).Append(new EscalationTarget(TargetKind.Person, "hugo"));

        var recipients = policy.Resolve(targets, Opened, People);

        Assert.Equal([new Recipient(true, "alerts"), new Recipient(false, "camille"), new Recipient(false, "hugo")], recipients);
    }
}
