using CmBot.Core.Routing;
using Microsoft.Extensions.Time.Testing;

namespace CmBot.Core.Tests.Routing;

public sealed class RoutingPolicyTests
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 3, 27, 10, 0, 0, TimeSpan.Zero)); // Friday 11:00 Paris

    private static Route Node(string receiver, string matchers = "", bool @continue = false, string[]? active = null, string[]? mute = null, Route[]? routes = null, string path = "route.routes[x]") =>
        new(receiver,
            [.. matchers.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(LabelMatcher.Parse)],
            @continue,
            ["topic"],
            GroupTimings.Default,
            active ?? [],
            mute ?? [],
            routes ?? [],
            path);

    private static RoutingPolicy Policy(Route root, IReadOnlyList<InhibitRule>? inhibit = null) => new(
        root,
        [
            new Receiver("alerts", ["alerts"], []),
            new Receiver("direction", ["alerts", "direction"], []),
            new Receiver("legal", ["legal"], ["nadia"]),
            new Receiver("night", [], ["oncall"]),
        ],
        [
            new TimeInterval("office", [new TimeIntervalRule(
                new HashSet<DayOfWeek> { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday },
                [new TimeOfDayRange(new TimeOnly(9, 0), new TimeOnly(18, 0))], new HashSet<DateOnly>(), Paris)]),
        ],
        inhibit ?? [],
        []);

    private static RoutingPolicy Default() => Policy(Node("alerts", routes:
    [
        Node("direction", "severity=P1", @continue: true, path: "route.routes[0]"),
        Node("legal", "risk=legal", path: "route.routes[1]"),
    ], path: "route"));

    [Fact]
    public void Decide_P2WithoutRisk_GoesToRootReceiver()
    {
        var decision = Default().Decide(AlertLabels.Of(("severity", "P2"), ("topic", "battery")), time.GetUtcNow(), [], []);

        Assert.True(decision.Send);
        Assert.Equal(["alerts"], decision.ChannelKeys);
        Assert.Equal("route{topic=battery}", decision.Receivers[0].GroupKey);
    }

    [Fact]
    public void Decide_P1WithLegalRisk_ContinuesToLegal()
    {
        var decision = Default().Decide(AlertLabels.Of(("severity", "P1"), ("risk", "legal")), time.GetUtcNow(), [], []);

        Assert.Equal(["direction", "legal"], decision.Receivers.Select(r => r.Receiver.Name));
        Assert.Equal(["alerts", "direction", "legal"], decision.ChannelKeys);
        Assert.Equal(["nadia"], decision.People);
    }

    [Fact]
    public void Decide_FirstMatchWithoutContinue_StopsSiblings()
    {
        var policy = Policy(Node("alerts", routes:
        [
            Node("legal", "risk=~legal|safety"),
            Node("direction", "risk=safety"),
        ]));

        var decision = policy.Decide(AlertLabels.Of(("severity", "P2"), ("risk", "safety")), time.GetUtcNow(), [], []);

        Assert.Equal(["legal"], decision.Receivers.Select(r => r.Receiver.Name));
    }

    [Fact]
    public void Decide_ActiveSilence_SuppressesUntilItEnds()
    {
        var silence = Silence.Create(Guid.NewGuid(), [LabelMatcher.Parse("topic=battery")], "lea", time.GetUtcNow(), TimeSpan.FromHours(2), "known issue");
        var alert = AlertLabels.Of(("severity", "P2"), ("topic", "battery"));

        var during = Default().Decide(alert, time.GetUtcNow(), [silence], []);
        time.Advance(TimeSpan.FromHours(2));
        var after = Default().Decide(alert, time.GetUtcNow(), [silence], []);

        Assert.Equal((Suppression.Silenced, silence.Id), (during.Suppression, during.SilenceId));
        Assert.False(during.Send);
        Assert.Contains("known issue", during.Why, StringComparison.Ordinal);
        Assert.True(after.Send);
    }

    [Fact]
    public void Decide_SilenceOnOtherTopic_DoesNotSuppress()
    {
        var silence = Silence.Create(Guid.NewGuid(), [LabelMatcher.Parse("topic=delivery")], "lea", time.GetUtcNow(), TimeSpan.FromHours(1), "noise");

        var decision = Default().Decide(AlertLabels.Of(("severity", "P2"), ("topic", "battery")), time.GetUtcNow(), [silence], []);

        Assert.True(decision.Send);
    }

    [Fact]
    public void Decide_OpenP1OnSameTopic_InhibitsLowerSeverity()
    {
        var rule = new InhibitRule([LabelMatcher.Parse("severity=P1")], [LabelMatcher.Parse("severity=~P2|P3|P4")], ["topic"]);
        var policy = Policy(Node("alerts"), [rule]);
        var p1 = AlertLabels.Of(("severity", "P1"), ("topic", "battery"), ("incident", "1"));

        var same = policy.Decide(AlertLabels.Of(("severity", "P2"), ("topic", "battery"), ("incident", "2")), time.GetUtcNow(), [], [p1]);
        var other = policy.Decide(AlertLabels.Of(("severity", "P2"), ("topic", "delivery"), ("incident", "3")), time.GetUtcNow(), [], [p1]);
        var itself = policy.Decide(p1, time.GetUtcNow(), [], [p1]);

        Assert.Equal(Suppression.Inhibited, same.Suppression);
        Assert.True(other.Send);
        Assert.True(itself.Send);
    }

    [Fact]
    public void InhibitionScopeFor_RulesOnTopic_OnlyTargetsNeedTheirTopic()
    {
        var rule = new InhibitRule([LabelMatcher.Parse("severity=P1")], [LabelMatcher.Parse("severity=~P2|P3|P4")], ["topic"]);
        var policy = Policy(Node("alerts"), [rule]);

        Assert.Equal(InhibitionScope.SameTopic, policy.InhibitionScopeFor(AlertLabels.Of(("severity", "P2"), ("topic", "battery"))));
        Assert.Equal(InhibitionScope.None, policy.InhibitionScopeFor(AlertLabels.Of(("severity", "P1"), ("topic", "battery"))));
        Assert.Equal(InhibitionScope.None, Policy(Node("alerts")).InhibitionScopeFor(AlertLabels.Of(("severity", "P2"))));
    }

    [Fact]
    public void InhibitionScopeFor_ARuleWithoutTopic_NeedsEveryOpenAlert()
    {
        var byTopic = new InhibitRule([LabelMatcher.Parse("severity=P1")], [LabelMatcher.Parse("severity=~P2|P3|P4")], ["topic"]);
        var byRisk = new InhibitRule([LabelMatcher.Parse("severity=P1")], [LabelMatcher.Parse("severity=P4")], ["risk"]);
        var policy = Policy(Node("alerts"), [byTopic, byRisk]);

        Assert.Equal(InhibitionScope.All, policy.InhibitionScopeFor(AlertLabels.Of(("severity", "P4"), ("topic", "battery"), ("risk", "legal"))));
        Assert.Equal(InhibitionScope.SameTopic, policy.InhibitionScopeFor(AlertLabels.Of(("severity", "P3"), ("topic", "battery"))));
    }

    [Fact]
    public void Decide_ActiveTimeInterval_MutesOutsideOfficeHoursButNotP1()
    {
        var policy = Policy(Node("alerts", routes: [Node("legal", "risk=legal", active: ["office"])]));
        var saturday = new DateTimeOffset(2026, 3, 28, 10, 0, 0, TimeSpan.Zero);

        var weekday = policy.Decide(AlertLabels.Of(("severity", "P2"), ("risk", "legal")), time.GetUtcNow(), [], []);
        var weekend = policy.Decide(AlertLabels.Of(("severity", "P2"), ("risk", "legal")), saturday, [], []);
        var crisis = policy.Decide(AlertLabels.Of(("severity", "P1"), ("risk", "legal")), saturday, [], []);

        Assert.True(weekday.Send);
        Assert.Equal(Suppression.MutedByTime, weekend.Suppression);
        Assert.True(crisis.Send);
    }

    [Fact]
    public void Decide_MuteTimeInterval_MutesInsideIt()
    {
        var policy = Policy(Node("alerts", routes: [Node("night", "severity=P3", mute: ["office"])]));

        var decision = policy.Decide(AlertLabels.Of(("severity", "P3")), time.GetUtcNow(), [], []);

        Assert.Equal(Suppression.MutedByTime, decision.Suppression);
    }

    [Fact]
    public void Constructor_UnknownReceiver_NamesRoute()
    {
        var ex = Assert.Throws<ArgumentException>(() => Policy(Node("alerts", routes: [Node("crisis", "severity=P1", path: "route.routes[0]")])));

        Assert.Contains("route.routes[0]", ex.Message, StringComparison.Ordinal);
        Assert.Contains("crisis", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GroupTimings_P1_SendsAtOnce()
    {
        Assert.Equal(TimeSpan.Zero, GroupTimings.Default.WaitFor(CmBot.Core.Incidents.Severity.P1));
        Assert.Equal(TimeSpan.FromSeconds(30), GroupTimings.Default.WaitFor(CmBot.Core.Incidents.Severity.P2));
    }
}
