using CmBot.Core.Routing;
using CmBot.Core.Approvals;
using CmBot.Core.Chat;
using CmBot.Core.Incidents;
using CmBot.Core.People;
using CmBot.Core.Replies;
using CmBot.Core.Tests.People;
using CmBot.Core.Tests.Triage;

namespace CmBot.Core.Tests.Chat;

public sealed class IncidentCardsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 15, 0, 0, TimeSpan.Zero);

    private static Incident NewIncident()
    {
        var triage = TestTriage.Create().Assess(TestTriage.Mention("K2 recall <!channel> & burn", language: "en"));
        return Incident.Open(Guid.NewGuid(), 7, "topic:kettle-k2", "Safety / recall: Lumio K2 kettle", triage, 500, Now);
    }

    private static string Name(string id) => id == "camille" ? "Camille Martin" : id;

    [Fact]
    public void Alert_OpenIncident_OffersAcknowledgeDraftAndMuteTopicAsSecondary()
    {
        var card = IncidentCards.Alert(NewIncident(), "@x: K2 recall <!channel>", "https://social.example/1", Name, CardLabels.English);

        Assert.Equal("#7 Safety / recall: Lumio K2 kettle", card.Title);
        Assert.Equal("P2", card.Severity);
        Assert.Equal(
            [ActionVerbs.Acknowledge, ActionVerbs.Draft, ActionVerbs.Assign, ActionVerbs.EscalateNow, ActionVerbs.Snooze, ActionVerbs.Resolve, ActionVerbs.Dismiss, ActionVerbs.MuteTopic],
            card.Actions.Select(a => a.Verb));
        Assert.Equal([ActionVerbs.MuteTopic], card.Actions.Where(a => a.Secondary).Select(a => a.Verb));
        Assert.Equal("Mute topic", card.Actions[^1].Label);
        Assert.Contains(card.Facts, f => f.Label == "Why" && f.Value.StartsWith("P2:", StringComparison.Ordinal));
        Assert.True(card.Texts.Single().Quote);
        Assert.Equal("@x: K2 recall <!channel>", card.Texts.Single().Text);
    }

    [Fact]
    public void Alert_Acknowledged_ShowsWhoAndDropsAcknowledge()
    {
        var incident = NewIncident();
        incident.Acknowledge(Team.Camille, Now);

        var card = IncidentCards.Alert(incident, null, null, Name, CardLabels.French);

        Assert.Equal("Pris en charge par Camille Martin", card.Status);
        Assert.Equal([ActionVerbs.Draft, ActionVerbs.Snooze, ActionVerbs.Resolve, ActionVerbs.Dismiss, ActionVerbs.MuteTopic], card.Actions.Select(a => a.Verb));
        Assert.Equal("Mettre le sujet en sourdine", card.Actions[^1].Label);
        Assert.Empty(card.Links);
    }

    [Fact]
    public void Alert_TopicMuted_StatusSaysUntilWhenAndByWhomAndNoMuteButton()
    {
        var muted = SilenceTexts.English.TopicMuted(Now.AddHours(24), "Camille Martin");

        var card = IncidentCards.Alert(NewIncident(), null, null, Name, CardLabels.English, muted);

        Assert.EndsWith($" — Topic muted until {SilenceTexts.When(Now.AddHours(24))} by Camille Martin", card.Status, StringComparison.Ordinal);
        Assert.DoesNotContain(card.Actions, a => a.Verb == ActionVerbs.MuteTopic);
    }

    [Fact]
    public void Draft_NeedsLegal_HasInputsAndApprovalButtons()
    {
        var incident = NewIncident();
        var draft = Draft.Create(Guid.NewGuid(), incident.Id, "Hello", "t", "en", Team.Camille, new ApprovalRequirement([Role.Legal], "legal"), Now);

        var card = IncidentCards.Draft(draft, incident, Name, CardLabels.English);

        Assert.Equal([CardInputs.DraftText, CardInputs.Comment], card.Inputs.Select(i => i.Id));
        Assert.Equal(
            [ActionVerbs.EditDraft, ActionVerbs.Approve, ActionVerbs.RequestChanges, ActionVerbs.Reject, ActionVerbs.Publish, ActionVerbs.PublishDirect, ActionVerbs.BreakGlass],
            card.Actions.Select(a => a.Verb));
        Assert.Equal("Needs approval by legal", card.Status);
        Assert.All(card.Actions, a => Assert.Equal(draft.Id.ToString(), a.TargetId));
    }

    [Fact]
    public void Draft_WithSuggestions_EachQuotedWithAUseButtonTargetingDraftAndSource()
    {
        var incident = NewIncident();
        var draft = Draft.Create(Guid.NewGuid(), incident.Id, "Hello", "t", "en", Team.Camille, new ApprovalRequirement([Role.Legal], "legal"), Now);
        var first = new CmBot.Core.Replies.Suggestions.DraftSuggestion(Guid.NewGuid(), "Hello, we are sorry. Camille", 0.91);
        var second = new CmBot.Core.Replies.Suggestions.DraftSuggestion(Guid.NewGuid(), "Hi, we call you today. Camille", 0.62);

        var card = IncidentCards.Draft(draft, incident, Name, CardLabels.French, suggestions: [first, second]);

        var buttons = card.Actions.Where(a => a.Verb == ActionVerbs.UseSuggestion).ToList();
        Assert.Equal([first.Text, second.Text], card.Texts.Where(t => t.Quote).Select(t => t.Text));
        Assert.Equal(["Utiliser la suggestion 1 (91 %)", "Utiliser la suggestion 2 (62 %)"], buttons.Select(b => b.Label.Replace('\u00A0', ' ').Replace('\u202F', ' ')));
        Assert.True(CmBot.Core.Replies.Suggestions.DraftSuggestion.TryParseTarget(buttons[0].TargetId, out var draftId, out var sourceId));
        Assert.Equal((draft.Id, first.SourceDraftId), (draftId, sourceId));
        Assert.False(CmBot.Core.Replies.Suggestions.DraftSuggestion.TryParseTarget(draft.Id.ToString(), out _, out _));
    }

    [Fact]
    public void Draft_Approved_OffersPublishNotApproveAgain()
    {
        var incident = NewIncident();
        var draft = Draft.Create(Guid.NewGuid(), incident.Id, "Hello", "t", "en", Team.Camille, new ApprovalRequirement([Role.Legal], "legal"), Now);
        draft.Approve(Guid.NewGuid(), Team.Ines, "fine", Now);

        var card = IncidentCards.Draft(draft, incident, Name, CardLabels.English);

        Assert.Equal([ActionVerbs.EditDraft, ActionVerbs.Publish, ActionVerbs.MarkPosted], card.Actions.Select(a => a.Verb));
        Assert.Equal(ActionStyle.Primary, card.Actions[1].Style);
        Assert.Equal("Approved by ines", card.Status);
    }

    [Fact]
    public void Draft_Published_NoActionsAndShowsText()
    {
        var incident = NewIncident();
        var draft = Draft.Create(Guid.NewGuid(), incident.Id, "Hello", "t", "en", Team.Camille, ApprovalRequirement.None, Now);
        draft.Publish(Team.Camille, Now);

        var card = IncidentCards.Draft(draft, incident, Name, CardLabels.English);

        Assert.Empty(card.Actions);
        Assert.Empty(card.Inputs);
        Assert.Equal("Hello", card.Texts.Single().Text);
        Assert.Equal("Published by Camille Martin", card.Status);
    }

    [Fact]
    public void ActionVerbs_All_ContainsEveryVerbOnce()
    {
        var declared = typeof(ActionVerbs).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();

        Assert.Equal(declared.Count, declared.Distinct().Count());
        Assert.Equal(declared.Order(), ActionVerbs.All.Order());
    }
}
