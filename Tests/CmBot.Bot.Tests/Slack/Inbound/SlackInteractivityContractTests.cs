using System.Net;
using System.Text.Json.Nodes;
using CmBot.Bot.Slack;
using CmBot.Bot.Slack.Inbound;
using CmBot.Bot.Tests.Infrastructure;
using CmBot.Core.Audit;
using CmBot.Core.Chat;
using CmBot.Core.Incidents;
using CmBot.Core.Replies;
using Microsoft.EntityFrameworkCore;

namespace CmBot.Bot.Tests.Slack.Inbound;

/// <summary>
/// POST /slack/interactivity with recorded payloads. The recorded clicks are on other apps' buttons; to drive CmBot,
/// the tests parse the recorded JSON and replace only the clicked action's action_id/value (a CmBot verb and target),
/// the user id (a person of the test's people file) and, for submissions, the view's callback_id, private_metadata
/// and state values, then post it form-encoded as Slack does.
/// </summary>
public sealed class SlackInteractivityContractTests
{
    [Fact]
    public async Task PostInteractivity_AcknowledgeClickByMappedPerson_IncidentAcknowledgedByThem()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        var api = new FakeSlackApi();
        await using var host = SlackHost.Create(store, api, replay: true);
        using var client = host.CreateClient();
        var incidentId = await SlackHost.WaitForIncidentAsync(host, ct);

        using var response = await client.SendAsync(SlackRequests.Interaction(Click(ActionVerbs.Acknowledge, incidentId.ToString(), SlackHost.Camille)), ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var incident = await Eventually.TrueAsync(() => SlackHost.IncidentAsync(host, incidentId, ct), i => i.Status == IncidentStatus.Acknowledged, TimeSpan.FromSeconds(15), "the acknowledgement", ct);
        Assert.Equal("camille", incident.AcknowledgedBy);
        Assert.Empty(api.Ephemerals);
        await Eventually.TrueAsync(() => SlackHost.InboxAsync(host, ct), rows => rows.Single().State == SlackInboxState.Done, TimeSpan.FromSeconds(10), "the click to be marked done", ct);
    }

    [Fact]
    public async Task PostInteractivity_AcknowledgeClickByPersonFoundByEmail_AcknowledgedByThem()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        var api = new FakeSlackApi();
        api.Emails[SlackHost.Hugo] = "hugo.lefevre@lumio.example";
        await using var host = SlackHost.Create(store, api, replay: true);
        using var client = host.CreateClient();
        var incidentId = await SlackHost.WaitForIncidentAsync(host, ct);

        using var response = await client.SendAsync(SlackRequests.Interaction(Click(ActionVerbs.Acknowledge, incidentId.ToString(), SlackHost.Hugo)), ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var incident = await Eventually.TrueAsync(() => SlackHost.IncidentAsync(host, incidentId, ct), i => i.Status == IncidentStatus.Acknowledged, TimeSpan.FromSeconds(15), "the acknowledgement", ct);
        Assert.Equal("hugo", incident.AcknowledgedBy);
    }

    [Fact]
    public async Task PostInteractivity_ClickByUnknownSlackUser_RefusedPrivatelyAndAudited()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        var api = new FakeSlackApi();
        await using var host = SlackHost.Create(store, api, replay: true);
        using var client = host.CreateClient();
        var incidentId = await SlackHost.WaitForIncidentAsync(host, ct);

        using var response = await client.SendAsync(SlackRequests.Interaction(Click(ActionVerbs.Acknowledge, incidentId.ToString(), SlackHost.Stranger)), ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var refusal = await Eventually.TrueAsync(() => Task.FromResult(api.Ephemerals.ToArray()), e => e.Length == 1, TimeSpan.FromSeconds(15), "the refusal", ct);
        Assert.Equal("C111", refusal[0].Channel);
        Assert.Equal(SlackHost.Stranger, refusal[0].User);
        Assert.Equal("1606455372.001200", refusal[0].ThreadTs);
        Assert.StartsWith(SlackHost.Stranger + " has no role that may act on incidents", refusal[0].Text, StringComparison.Ordinal);
        Assert.Contains(SlackHost.Stranger + ") to people.yaml", refusal[0].Text, StringComparison.Ordinal);
        Assert.Equal(IncidentStatus.Open, (await SlackHost.IncidentAsync(host, incidentId, ct)).Status);
        Assert.True(await host.QueryAsync(db => db.AuditEvents.AnyAsync(a => a.Action == AuditActions.ActionRefused && a.ActorId == "unknown:" + SlackHost.Stranger, ct)));
    }

    [Fact]
    public async Task PostInteractivity_SaveEditClick_OpensEditModalWithTheDraftText()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        var api = new FakeSlackApi();
        await using var host = SlackHost.Create(store, api, replay: true);
        using var client = host.CreateClient();
        var draft = await StartDraftAsync(host, ct);

        using var response = await client.SendAsync(SlackRequests.Interaction(Click(ActionVerbs.EditDraft, draft.Id.ToString(), SlackHost.Camille)), ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var opened = await Eventually.TrueAsync(() => Task.FromResult(api.Views.ToArray()), v => v.Length == 1, TimeSpan.FromSeconds(15), "views.open", ct);
        Assert.Equal("111.222.xxx", opened[0].TriggerId);
        var view = opened[0].View;
        Assert.Equal(SlackIds.EditDraftCallback, view["callback_id"]!.GetValue<string>());
        Assert.Equal(new SlackModalMetadata(draft.Id.ToString(), "C111", "1606455372.001200", "1606455372.001200"), SlackModalMetadata.Parse(view["private_metadata"]!.GetValue<string>()));
        var input = view["blocks"]![0]!;
        Assert.Equal(CardInputs.DraftText, input["block_id"]!.GetValue<string>());
        Assert.True(input["element"]!["multiline"]!.GetValue<bool>());
        Assert.Equal(draft.Text, input["element"]!["initial_value"]!.GetValue<string>());
        Assert.Equal(1, (await DraftAsync(host, draft.Id, ct)).Revision);
    }

    [Fact]
    public async Task PostInteractivity_UseSuggestionClick_ApprovedReplyBecomesTheNextVersion_LegalRefusedPrivately()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        var api = new FakeSlackApi();
        await using var host = SlackHost.Create(store, api, replay: true);
        using var client = host.CreateClient();
        var draft = await StartDraftAsync(host, ct);
        var hugo = new Core.People.Person("hugo", "Hugo Lefèvre", [Core.People.Role.Lead]);
        var source = Draft.Create(Guid.NewGuid(), Guid.NewGuid(), "Bonjour, merci pour votre message, nous revenons vers vous aujourd'hui. Hugo", "t", draft.Language, hugo,
            new Core.Approvals.ApprovalRequirement([Core.People.Role.Legal], "legal"), DateTimeOffset.UnixEpoch);
        source.Approve(Guid.NewGuid(), new Core.People.Person("ines", "Inès Moreau", [Core.People.Role.Legal]), null, DateTimeOffset.UnixEpoch);
        await host.QueryAsync(async db =>
        {
            db.Drafts.Add(source);
            return await db.SaveChangesAsync(ct);
        });
        var target = Core.Replies.Suggestions.DraftSuggestion.Target(draft.Id, source.Id);

        using var refused = await client.SendAsync(SlackRequests.Interaction(Click(ActionVerbs.UseSuggestion, target, SlackHost.Ines)), ct);
        await Eventually.TrueAsync(() => Task.FromResult(api.Ephemerals.Count), n => n > 0, TimeSpan.FromSeconds(15), "the private refusal", ct);
        using var response = await client.SendAsync(SlackRequests.Interaction(Click(ActionVerbs.UseSuggestion, target, SlackHost.Camille)), ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var saved = await Eventually.TrueAsync(() => DraftAsync(host, draft.Id, ct), d => d.Revision == 2, TimeSpan.FromSeconds(15), "the suggestion to be used", ct);
        Assert.Equal("Bonjour, merci pour votre message, nous revenons vers vous aujourd'hui. Camille", saved.Text);
        Assert.True(await host.QueryAsync(db => db.AuditEvents.AnyAsync(a => a.Action == AuditActions.DraftEdited && a.ActorId == "camille" && a.Details.Contains(source.Id.ToString()), ct)));
        Assert.True(await host.QueryAsync(db => db.AuditEvents.AnyAsync(a => a.Action == AuditActions.ActionRefused && a.ActorId == "ines", ct)));
    }

    [Fact]
    public async Task PostInteractivity_EditModalSubmittedWithNewText_DraftEditedByThatPerson()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        var api = new FakeSlackApi();
        await using var host = SlackHost.Create(store, api, replay: true);
        using var client = host.CreateClient();
        var draft = await StartDraftAsync(host, ct);
        const string edited = "Bonjour, nous sommes désolés : un conseiller vous écrit en privé. Camille, Lumio";

        using var response = await client.SendAsync(
            SlackRequests.Interaction(Submission(SlackIds.EditDraftCallback, new SlackModalMetadata(draft.Id.ToString(), "C111").Format(), SlackHost.Camille, CardInputs.DraftText, edited)), ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, response.Content.Headers.ContentLength);
        var saved = await Eventually.TrueAsync(() => DraftAsync(host, draft.Id, ct), d => d.Revision == 2, TimeSpan.FromSeconds(15), "the edit", ct);
        Assert.Equal(edited, saved.Text);
        Assert.True(await host.QueryAsync(db => db.AuditEvents.AnyAsync(a => a.Action == AuditActions.DraftEdited && a.ActorId == "camille" && a.SubjectId == draft.Id.ToString(), ct)));
    }

    [Fact]
    public async Task PostInteractivity_EditModalSubmittedEmpty_ErrorsShownInTheModalAndDraftUnchanged()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using var host = SlackHost.Create(store, new FakeSlackApi());
        using var client = host.CreateClient();
        var draftId = Guid.NewGuid().ToString();

        using var response = await client.SendAsync(SlackRequests.Interaction(Submission(SlackIds.EditDraftCallback, draftId, SlackHost.Camille, CardInputs.DraftText, " ")), ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!;
        Assert.Equal("errors", body["response_action"]!.GetValue<string>());
        Assert.Equal(SlackInboundTexts.English.EmptyDraft, body["errors"]![CardInputs.DraftText]!.GetValue<string>());
        Assert.Equal(SlackInboxState.Ignored, (await SlackHost.InboxAsync(host, ct)).Single().State);
    }

    [Fact]
    public async Task PostInteractivity_ApproveModalSubmittedByLegal_LegalStepSignedWithTheComment()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        var api = new FakeSlackApi();
        await using var host = SlackHost.Create(store, api, replay: true);
        using var client = host.CreateClient();
        var draft = await StartDraftAsync(host, ct);

        // The click opens the approval modal (its metadata carries the hash of the text shown); then it is submitted.
        using var click = await client.SendAsync(SlackRequests.Interaction(Click(ActionVerbs.Approve, draft.Id.ToString(), SlackHost.Ines)), ct);
        var opened = await Eventually.TrueAsync(() => Task.FromResult(api.Views.ToArray()), v => v.Length == 1, TimeSpan.FromSeconds(15), "views.open", ct);
        var metadata = opened[0].View["private_metadata"]!.GetValue<string>();
        using var submit = await client.SendAsync(SlackRequests.Interaction(Submission(SlackIds.ApproveDraftCallback, metadata, SlackHost.Ines, CardInputs.Comment, "OK pour le juridique")), ct);

        Assert.Equal(HttpStatusCode.OK, submit.StatusCode);
        var approved = await Eventually.TrueAsync(() => DraftAsync(host, draft.Id, ct), d => d.Approvals.Count == 1, TimeSpan.FromSeconds(15), "the approval", ct);
        var approval = Assert.Single(approved.Approvals);
        Assert.Equal(DraftStatus.Editing, approved.Status);
        Assert.Equal("comms", approved.DescribeMissing());
        Assert.Equal("ines", approval.ApproverId);
        Assert.Equal("OK pour le juridique", approval.Comment);
        Assert.Equal(approved.TextSha256, approval.TextSha256);
    }

    [Fact]
    public async Task PostInteractivity_ApprovalOfATextEditedSinceTheModalOpened_RefusedPrivately()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        var api = new FakeSlackApi();
        await using var host = SlackHost.Create(store, api, replay: true);
        using var client = host.CreateClient();
        var draft = await StartDraftAsync(host, ct);
        var shown = new SlackModalMetadata(draft.Id.ToString(), "C111", null, "1.0", "0000000000000000").Format();

        using var submit = await client.SendAsync(SlackRequests.Interaction(Submission(SlackIds.ApproveDraftCallback, shown, SlackHost.Ines, CardInputs.Comment, "ok")), ct);

        Assert.Equal(HttpStatusCode.OK, submit.StatusCode);
        var refusal = await Eventually.TrueAsync(() => Task.FromResult(api.Ephemerals.ToArray()), e => e.Length == 1, TimeSpan.FromSeconds(15), "the refusal", ct);
        Assert.Equal(new FakeSlackApi.Ephemeral("C111", SlackHost.Ines, SlackInboundTexts.English.TextChanged, "1.0"), refusal[0]);
        Assert.Empty((await DraftAsync(host, draft.Id, ct)).Approvals);
    }

    [Theory]
    [InlineData("interactivity/block_actions.static_select_from_message.form.txt", "block_actions")]
    [InlineData("interactivity/view_submission.form.txt", "view_submission")]
    [InlineData("interactivity/shortcut.global.form.txt", "shortcut")]
    [InlineData("interactivity/message_action.form.txt", "message_action")]
    public async Task PostInteractivity_RecordedPayloadForAnotherApp_AcknowledgedStoredAndIgnored(string fixture, string type)
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        var api = new FakeSlackApi();
        await using var host = SlackHost.Create(store, api);
        using var client = host.CreateClient();

        using var response = await client.SendAsync(SlackRequests.Interaction(SlackFixtures.Bytes(fixture)), ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, response.Content.Headers.ContentLength);
        var row = Assert.Single(await SlackHost.InboxAsync(host, ct));
        Assert.Equal(type, row.Type);
        Assert.Equal(SlackInboxState.Ignored, row.State);
        Assert.StartsWith("interaction:", row.DedupKey, StringComparison.Ordinal);
        Assert.Empty(api.Views);
        Assert.Empty(api.Ephemerals);
    }

    /// <summary>
    /// The recorded button click with CmBot's verb, target and a user of the test's people file. A flow of several
    /// clicks passes each its own <paramref name="triggerId"/> and <paramref name="actionTs"/>, as Slack does: the
    /// recorded ones would make every later click a redelivery of the first.
    /// </summary>
    internal static byte[] Click(string verb, string targetId, string slackUserId, string? triggerId = null, string? actionTs = null)
    {
        var json = SlackFixtures.Json("interactivity/block_actions.button_with_state.json");
        json["actions"]![0]!["action_id"] = verb;
        json["actions"]![0]!["value"] = targetId;
        json["user"]!["id"] = slackUserId;
        if (triggerId is not null)
        {
            json["trigger_id"] = triggerId;
        }

        if (actionTs is not null)
        {
            json["actions"]![0]!["action_ts"] = actionTs;
        }

        return SlackFixtures.Form(json);
    }

    /// <summary>The recorded view submission as a CmBot modal: callback, metadata, one input value, the submitter.</summary>
    internal static byte[] Submission(string callbackId, string privateMetadata, string slackUserId, string inputId, string value)
    {
        var json = SlackFixtures.Json("interactivity/view_submission.json");
        json["user"]!["id"] = slackUserId;
        json["view"]!["callback_id"] = callbackId;
        json["view"]!["private_metadata"] = privateMetadata;
        json["view"]!["state"] = new JsonObject
        {
            ["values"] = new JsonObject { [inputId] = new JsonObject { [inputId] = new JsonObject { ["type"] = "plain_text_input", ["value"] = value } } },
        };
        return SlackFixtures.Form(json);
    }

    private static async Task<Draft> StartDraftAsync(CmBotHost host, CancellationToken ct)
    {
        var incidentId = await SlackHost.WaitForIncidentAsync(host, ct);
        var (status, message) = await host.ActAsync("camille", ActionVerbs.Draft, incidentId.ToString());
        Assert.True(status == 200, message);
        return await host.QueryAsync(db => db.Drafts.AsNoTracking().Include(d => d.Approvals).SingleAsync(ct));
    }

    private static Task<Draft> DraftAsync(CmBotHost host, Guid id, CancellationToken ct) =>
        host.QueryAsync(db => db.Drafts.AsNoTracking().Include(d => d.Approvals).SingleAsync(d => d.Id == id, ct));
}
