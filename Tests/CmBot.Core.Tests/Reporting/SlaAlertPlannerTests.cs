using CmBot.Core.Chat;
using CmBot.Core.Incidents;
using CmBot.Core.People;
using CmBot.Core.Reporting;
using Microsoft.Extensions.Time.Testing;
using static CmBot.Core.Tests.Reporting.BusinessHoursTests;

namespace CmBot.Core.Tests.Reporting;

public sealed class SlaAlertPlannerTests
{
    private static readonly SlaPolicy Policy = SlaPolicyTests.Policy;
    private static readonly HashSet<SlaThreshold> None = [];

    private static IncidentFact Open(Severity severity, DateTimeOffset opened) =>
        new(Guid.NewGuid(), 7, "k", severity, IncidentStatus.Open, opened, null, 1);

    [Fact]
    public void Due_P2ClockWalkedWithFakeTime_AnnouncesEachThresholdOnceInOrder()
    {
        // P2: 4 working hours from Tuesday 09:00 -> 50% at 11:00, 75% at 12:00, breach at 13:00.
        var time = new FakeTimeProvider(At(11, 24, 9));
        var incident = Open(Severity.P2, time.GetUtcNow());
        var recorded = new HashSet<SlaThreshold>();
        var announced = new List<(SlaThreshold, DateTimeOffset)>();
        for (var minute = 0; minute < 6 * 60; minute += 5)
        {
            if (SlaAlertPlanner.Due(Policy, incident, time.GetUtcNow(), recorded) is { } due)
            {
                announced.Add((due.Announce, time.GetUtcNow()));
                recorded.Add(due.Announce);
                recorded.UnionWith(due.RecordSilently);
            }

            time.Advance(TimeSpan.FromMinutes(5));
        }

        Assert.Equal(
            [(SlaThreshold.Half, At(11, 24, 11)), (SlaThreshold.ThreeQuarters, At(11, 24, 12)), (SlaThreshold.Breach, At(11, 24, 13))],
            announced);
    }

    [Fact]
    public void Due_P2OpenedFridayAt17_HalfOnlyAfterMondayOpening()
    {
        // One working hour on Friday, then the clock stops until Monday 09:00; 2 h used at Monday 10:00.
        var incident = Open(Severity.P2, At(11, 27, 17));

        Assert.Null(SlaAlertPlanner.Due(Policy, incident, At(11, 29, 23), None));
        Assert.Null(SlaAlertPlanner.Due(Policy, incident, At(11, 30, 9, 59), None));
        Assert.Equal(SlaThreshold.Half, SlaAlertPlanner.Due(Policy, incident, At(11, 30, 10), None)?.Announce);
        Assert.Equal(At(11, 30, 10), SlaAlertPlanner.ReachedAt(Policy, incident, SlaThreshold.Half));
        Assert.Equal(At(11, 30, 12), SlaAlertPlanner.ReachedAt(Policy, incident, SlaThreshold.Breach));
    }

    [Fact]
    public void Due_OpenedOnSaturday_ClockStartsMondayMorning()
    {
        var incident = Open(Severity.P3, At(11, 28, 14));

        // P3: 8 working hours from Monday 09:00 -> 50% at 13:00.
        Assert.Equal(At(11, 30, 13), SlaAlertPlanner.ReachedAt(Policy, incident, SlaThreshold.Half));
        Assert.Null(SlaAlertPlanner.Due(Policy, incident, At(11, 30, 12, 59), None));
    }

    [Fact]
    public void Due_P1AtNight_RunsAroundTheClock()
    {
        var incident = Open(Severity.P1, At(11, 28, 23, 30));

        Assert.Equal(SlaThreshold.Half, SlaAlertPlanner.Due(Policy, incident, At(11, 29, 0, 0), None)?.Announce);
        Assert.Equal(SlaThreshold.Breach, SlaAlertPlanner.Due(Policy, incident, At(11, 29, 0, 30), None)?.Announce);
    }

    [Fact]
    public void Due_ScanAfterDowntime_AnnouncesOnlyTheHighestAndRecordsTheOthers()
    {
        var incident = Open(Severity.P2, At(11, 24, 9));

        var due = SlaAlertPlanner.Due(Policy, incident, At(11, 24, 15), None);

        Assert.Equal(SlaThreshold.Breach, due?.Announce);
        Assert.Equal([SlaThreshold.Half, SlaThreshold.ThreeQuarters], due!.RecordSilently);
        Assert.Equal(At(11, 24, 13), due.ReachedAt);
    }

    [Fact]
    public void Due_ThresholdAlreadyRecorded_Nothing()
    {
        var incident = Open(Severity.P2, At(11, 24, 9));

        Assert.Null(SlaAlertPlanner.Due(Policy, incident, At(11, 24, 11, 30), new HashSet<SlaThreshold> { SlaThreshold.Half }));
        Assert.Equal(SlaThreshold.ThreeQuarters, SlaAlertPlanner.Due(Policy, incident, At(11, 24, 12), new HashSet<SlaThreshold> { SlaThreshold.Half })?.Announce);
    }

    [Theory]
    [InlineData(IncidentStatus.Acknowledged)]
    [InlineData(IncidentStatus.Resolved)]
    [InlineData(IncidentStatus.Dismissed)]
    public void Due_NotOpen_Nothing(IncidentStatus status)
    {
        var incident = Open(Severity.P2, At(11, 24, 9)) with { Status = status };

        Assert.Null(SlaAlertPlanner.Due(Policy, incident, At(11, 25, 9), None));
    }

    [Fact]
    public void Due_SeverityWithoutTarget_Nothing()
    {
        Assert.Null(SlaAlertPlanner.Due(Policy, Open(Severity.P4, At(11, 24, 9)), At(12, 24, 9), None));
    }

    [Fact]
    public void NextDue_SeveralIncidents_EarliestUnrecordedThreshold()
    {
        var p2 = Open(Severity.P2, At(11, 24, 9));
        var p1 = Open(Severity.P1, At(11, 24, 10));
        IReadOnlySet<SlaThreshold> p2Done = new HashSet<SlaThreshold> { SlaThreshold.Half };

        var next = SlaAlertPlanner.NextDue(Policy, [(p2, p2Done), (p1, None)], At(11, 24, 10, 15));

        Assert.Equal(At(11, 24, 10, 30), next);
    }

    [Fact]
    public void Build_BreachInFrench_AsksTheLeadsAndOffersAcknowledge()
    {
        var incident = Open(Severity.P2, At(11, 24, 9));
        var due = SlaAlertPlanner.Due(Policy, incident, At(11, 24, 13, 5), None)!;

        var card = SlaAlertCards.Build(due, 7, "Rappel produit", new SlaAddressee(new Person("camille", "Camille", [Role.CommunityManager], SlackUserId: "U0CAMILLE"), OnCall: false), "fr", Paris);

        Assert.Contains("Délai de prise en charge dépassé", card.Title, StringComparison.Ordinal);
        Assert.Equal("P2", card.Severity);
        Assert.Contains(card.Facts, f => f.Label == "Responsable" && f.Value == "Camille");
        Assert.Contains(card.Texts, t => t.Text.Contains("responsable doit intervenir", StringComparison.Ordinal));
        Assert.Equal(incident.Id.ToString(), Assert.Single(card.Actions).TargetId);
        Assert.Empty(card.Mentions); // a breach speaks to the leads; the ladder notifies them
    }

    [Fact]
    public void Build_WarningToAssignee_NamesAndMentionsThem()
    {
        var incident = Open(Severity.P2, At(11, 24, 9));
        var due = SlaAlertPlanner.Due(Policy, incident, At(11, 24, 12), None)!;
        var camille = new Person("camille", "Camille Martin", [Role.CommunityManager], SlackUserId: "U0CAMILLE", TeamsUserId: "29:camille");

        var card = SlaAlertCards.Build(due, 7, "Recall", new SlaAddressee(camille, OnCall: false), "en", Paris);

        Assert.Contains("75% of the response target used", card.Title, StringComparison.Ordinal);
        Assert.Contains(card.Facts, f => f.Label == "Owner" && f.Value == "Camille Martin");
        Assert.Contains(card.Texts, t => t.Text.StartsWith("Camille Martin, please acknowledge", StringComparison.Ordinal));
        Assert.Equal(new CardMention("Camille Martin", "U0CAMILLE", "29:camille"), Assert.Single(card.Mentions));
    }

    [Fact]
    public void Build_UnassignedWithSomeoneOnCall_AsksAndMentionsTheOnCallPerson()
    {
        var incident = Open(Severity.P2, At(11, 24, 9));
        var due = SlaAlertPlanner.Due(Policy, incident, At(11, 24, 11), None)!;
        var hugo = new Person("hugo", "Hugo Lefèvre", [Role.CommunityManager], SlackUserId: "U0HUGO");

        var card = SlaAlertCards.Build(due, 7, "Rappel", new SlaAddressee(hugo, OnCall: true), "fr", Paris);

        Assert.Contains(card.Facts, f => f.Label == "Responsable" && f.Value == "personne pour l'instant");
        Assert.Contains(card.Texts, t => t.Text.StartsWith("Hugo Lefèvre, vous êtes d'astreinte", StringComparison.Ordinal));
        Assert.Equal("U0HUGO", Assert.Single(card.Mentions).SlackUserId);
    }

    [Fact]
    public void Build_HalfUnassignedInEnglish_AsksTheTeam()
    {
        var incident = Open(Severity.P2, At(11, 24, 9));
        var due = SlaAlertPlanner.Due(Policy, incident, At(11, 24, 11), None)!;

        var card = SlaAlertCards.Build(due, 7, "Recall", null, "en", Paris);

        Assert.Contains("50% of the response target used", card.Title, StringComparison.Ordinal);
        Assert.Contains(card.Facts, f => f.Label == "Owner" && f.Value == "nobody yet");
        Assert.Contains(card.Facts, f => f.Label == "Used" && f.Value == "2 h 00");
        Assert.Empty(card.Mentions);
    }
}
