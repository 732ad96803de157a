using CmBot.Core.Incidents;
using CmBot.Core.Routing;

namespace CmBot.Core.Tests.Routing;

public sealed class AlertPacingTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 29, 0, 30, 0, TimeSpan.Zero);
    private static readonly GroupTimings Team = new(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(5), TimeSpan.FromHours(4));
    private static readonly GroupTimings Crisis = new(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(2), TimeSpan.FromHours(1));

    private static RoutingDecision Decision(params (string Receiver, string[] Channels, GroupTimings Timings)[] routes) =>
        new(
            [.. routes.Select(r => new RoutedReceiver(
                new Receiver(r.Receiver, r.Channels, []),
                new Route(r.Receiver, [], false, ["topic"], r.Timings, [], [], [], r.Receiver),
                "topic"))],
            Suppression.None,
            null,
            null);

    [Fact]
    public void TimingsFor_KeyOfTwoRoutes_TightestOfEach()
    {
        var decision = Decision(("team", ["alerts"], Team), ("crisis", ["alerts", "direction"], Crisis with { RepeatInterval = TimeSpan.FromHours(8) }));

        var alerts = AlertPacing.TimingsFor(decision, "alerts", GroupTimings.Default);

        Assert.Equal(new GroupTimings(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(2), TimeSpan.FromHours(4)), alerts);
        Assert.Equal(Crisis with { RepeatInterval = TimeSpan.FromHours(8) }, AlertPacing.TimingsFor(decision, "direction", GroupTimings.Default));
    }

    [Fact]
    public void TimingsFor_KeyNoRouteSends_Fallback()
    {
        Assert.Same(Team, AlertPacing.TimingsFor(Decision(("crisis", ["direction"], Crisis)), "legal", Team));
    }

    [Theory]
    [InlineData(Severity.P2, 0, 30)]
    [InlineData(Severity.P3, 20, 10)]
    [InlineData(Severity.P2, 30, null)]
    [InlineData(Severity.P2, 45, null)]
    [InlineData(Severity.P1, 0, null)]
    public void HoldFirstPost_GroupWaitFromFirstQueued_P1NeverWaits(Severity severity, int queuedSecondsAgo, int? heldSeconds)
    {
        var hold = AlertPacing.HoldFirstPost(Team, severity, Now.AddSeconds(-queuedSecondsAgo), Now);

        Assert.Equal(heldSeconds is { } s ? Now.AddSeconds(s) : null, hold);
    }

    [Fact]
    public void HoldNote_NoEarlierNote_SentNow()
    {
        Assert.Null(AlertPacing.HoldNote(Team, null, lastIsWaiting: false, urgent: false, Now));
    }

    [Fact]
    public void HoldNote_LastSentTwoMinutesAgo_HeldUntilGroupIntervalAfterIt()
    {
        Assert.Equal(Now.AddMinutes(3), AlertPacing.HoldNote(Team, Now.AddMinutes(-2), lastIsWaiting: false, urgent: false, Now));
    }

    [Fact]
    public void HoldNote_LastSentLongAgo_SentNow()
    {
        Assert.Null(AlertPacing.HoldNote(Team, Now.AddMinutes(-6), lastIsWaiting: false, urgent: false, Now));
    }

    [Fact]
    public void HoldNote_LastStillWaiting_TakesItsTurnNotOneLater()
    {
        Assert.Equal(Now.AddMinutes(4), AlertPacing.HoldNote(Team, Now.AddMinutes(4), lastIsWaiting: true, urgent: false, Now));
    }

    [Fact]
    public void HoldNote_SeverityRaise_NeverHeld()
    {
        Assert.Null(AlertPacing.HoldNote(Team, Now.AddSeconds(-10), lastIsWaiting: false, urgent: true, Now));
    }

    [Theory]
    [InlineData(IncidentStatus.Open, true)]
    [InlineData(IncidentStatus.Acknowledged, false)]
    [InlineData(IncidentStatus.Resolved, false)]
    [InlineData(IncidentStatus.Dismissed, false)]
    public void NextRepeat_OnlyWhileOpenAndUnacknowledged(IncidentStatus status, bool repeats)
    {
        var next = AlertPacing.NextRepeat(Team, status, Now);

        Assert.Equal(repeats ? Now.AddHours(4) : null, next);
    }

    [Fact]
    public void NextRepeat_ZeroInterval_Off()
    {
        Assert.Null(AlertPacing.NextRepeat(Team with { RepeatInterval = TimeSpan.Zero }, IncidentStatus.Open, Now));
    }

    [Fact]
    public void StillOpenNote_SaysNumberDurationAndCount()
    {
        var incident = Incident.Open(Guid.NewGuid(), 7, "kettle", "Kettle", new CmBot.Core.Triage.TriageResult("en", -0.6, [], "kettle", Severity.P2, "P2: safety", true), 100, Now);

        var note = IncidentUpdates.StillOpenNote(incident, TimeSpan.FromHours(4), IncidentUpdateLabels.English);

        Assert.Equal("Still open", note.Title);
        Assert.Contains("#7", note.Status, StringComparison.Ordinal);
        Assert.Contains("4 h", note.Status, StringComparison.Ordinal);
        Assert.Contains("1 mentions", note.Status, StringComparison.Ordinal);
        Assert.NotEqual(IncidentUpdates.StillOpenKey(incident, 1), IncidentUpdates.StillOpenKey(incident, 2));
    }
}
