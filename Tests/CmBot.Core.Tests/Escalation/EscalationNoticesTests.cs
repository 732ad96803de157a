using CmBot.Core.Chat;
using CmBot.Core.Escalation;
using CmBot.Core.Incidents;
using CmBot.Core.Tests.People;
using CmBot.Core.Triage;

namespace CmBot.Core.Tests.Escalation;

public sealed class EscalationNoticesTests
{
    private static readonly DateTimeOffset Opened = new(2026, 11, 26, 15, 0, 0, TimeSpan.Zero);

    private static Incident NewIncident()
    {
        var triage = new TriageResult("en", -3, [new RiskHit("safety", "Safety / recall", true, ["recall"])], "kettle-k2", Severity.P1, "P1: Safety / recall ('recall')");
        return Incident.Open(Guid.NewGuid(), 12, "topic:kettle-k2", "Safety / recall: Lumio K2 kettle", triage, 500, Opened);
    }

    private static PlannedNotice Step(int index) => new(NoticeKind.Step, index, Opened.AddMinutes(10 * index), [], index);

    [Fact]
    public void ThreadNote_SecondStep_SaysHowLongNobodyAcknowledgedAndWhoWasNotified()
    {
        var note = EscalationNotices.ThreadNote(NewIncident(), Step(1), TimeSpan.FromMinutes(10), ["Hugo Lefèvre"], ["Léa Roux"], EscalationNoticeLabels.English);

        Assert.Equal("Escalation — step 2", note.Title);
        Assert.Equal("Nobody has acknowledged #12 for 10 min.", note.Status);
        Assert.Equal(new CardFact("Notified", "Hugo Lefèvre"), note.Facts[0]);
        Assert.StartsWith("Not reachable", note.Facts[1].Label, StringComparison.Ordinal);
        Assert.Empty(note.Actions);
    }

    [Fact]
    public void ThreadNote_ReminderInFrench_SaysSinceWhen()
    {
        var incident = NewIncident();
        incident.Acknowledge(Team.Camille, Opened.AddMinutes(5));
        var reminder = new PlannedNotice(NoticeKind.Reminder, 0, Opened.AddMinutes(35), [], -1);

        var note = EscalationNotices.ThreadNote(incident, reminder, TimeSpan.FromHours(2), [], [], EscalationNoticeLabels.French);

        Assert.Equal("Rappel", note.Title);
        Assert.Equal("#12 a été pris en charge il y a 2 h 00 et n'est pas résolu.", note.Status);
        Assert.Empty(note.Facts);
    }

    [Fact]
    public void Paged_KeepsTheAlertsActionsAndSaysWhy()
    {
        var alert = IncidentCards.Alert(NewIncident(), null, null, id => id, CardLabels.English);

        var paged = EscalationNotices.Paged(alert, Step(2), EscalationNoticeLabels.English);

        Assert.Equal("You are paged: escalation step 3", paged.Status);
        Assert.Equal(alert.Actions, paged.Actions);
    }

    [Theory]
    [InlineData(-5, "0 s")]
    [InlineData(42, "42 s")]
    [InlineData(600, "10 min")]
    [InlineData(7500, "2 h 05")]
    [InlineData(273600, "3 d 4 h")]
    public void Duration_ShortAndTheSameInBothLanguages(int seconds, string expected) =>
        Assert.Equal(expected, EscalationNotices.Duration(TimeSpan.FromSeconds(seconds)));

    [Theory]
    [InlineData(null, DismissReason.Noise)]
    [InlineData("bruit", DismissReason.Noise)]
    [InlineData("False positive", DismissReason.FalsePositive)]
    [InlineData("faux positif", DismissReason.FalsePositive)]
    [InlineData("false_positive", DismissReason.FalsePositive)]
    [InlineData("doublon", DismissReason.Duplicate)]
    public void ParseReason_TypedOrStable_Understood(string? text, DismissReason expected) =>
        Assert.Equal(expected, IncidentOutcomes.ParseReason(text));

    [Fact]
    public void ParseReason_Unknown_Null() => Assert.Null(IncidentOutcomes.ParseReason("boring"));

    [Fact]
    public void Refreeze_ReplacesThePolicyAndStartsANewGeneration()
    {
        var state = EscalationState.Start(Guid.NewGuid(), "p2", "{}", Opened);
        var policy = EscalationPlannerTests.P1();
        state.MarkFired(state.Next(policy, IncidentStatus.Open, null)!);

        state.Refreeze("p1", "{\"name\":\"p1\"}", Opened.AddMinutes(3));

        Assert.Equal(("p1", 1, 0), (state.PolicyName, state.Generation, state.StepsFired));
        Assert.Equal(Opened.AddMinutes(3), state.Next(policy, IncidentStatus.Open, null)!.DueAt);
    }
}
