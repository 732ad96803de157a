using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CmBot.Bot.Silences;
using CmBot.Bot.Slack;
using CmBot.Bot.Slack.BlockKit;
using CmBot.Bot.Slack.Inbound;
using CmBot.Bot.Storage;
using CmBot.Bot.Tests.Infrastructure;
using CmBot.Core.Audit;
using CmBot.Core.Chat;
using Microsoft.EntityFrameworkCore;

namespace CmBot.Bot.Tests.Slack.Inbound;

/// <summary>
/// Silences from Slack, through the signed endpoints with the recorded payloads: the slash command (text, user and
/// trigger_id edited in the recorded form), the silence form (views.open, then the recorded view_submission carrying
/// the form's callback and values) and "Mute topic" from the alert card's overflow menu (the recorded click turned
/// into an overflow selection).
/// </summary>
public sealed class SlackSilenceContractTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PostCommands_SilenceWithMatchDurationReason_CreatedAnsweredEphemerallyAndAudited()
    {
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, Ct);
        await using var host = SlackHost.Create(store, new FakeSlackApi());
        using var client = host.CreateClient();

        using var response = await client.SendAsync(SlackRequests.Command(Command("silence topic=recall,source=reddit 2h legal on it", SlackHost.Camille)), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        Assert.Equal("ephemeral", body["response_type"]!.GetValue<string>());
        var row = await host.QueryAsync(db => db.Set<StoredSilence>().AsNoTracking().SingleAsync(Ct));
        var text = body["text"]!.GetValue<string>();
        Assert.StartsWith($"✅ Silence {row.Id.ToString("N")[..8]} created: alerts matching topic=~(?:[a-z]+:)?recall, source=reddit are muted until ", text, StringComparison.Ordinal);
        Assert.Equal(("camille", "legal on it", TimeSpan.FromHours(2), "silence.create/slack"), (row.CreatedBy, row.Reason, row.EndsAt - row.StartsAt, row.Origin));
        var audit = await host.QueryAsync(db => db.AuditEvents.AsNoTracking().SingleAsync(a => a.Action == AuditActions.SilenceCreated, Ct));
        Assert.Equal(("camille", row.Id.ToString()), (audit.ActorId, audit.SubjectId));
        Assert.Contains("\"channel\":\"C111\"", audit.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostCommands_SilenceByUnknownSlackUser_RefusedAuditedNothingStored()
    {
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, Ct);
        await using var host = SlackHost.Create(store, new FakeSlackApi());
        using var client = host.CreateClient();

        using var response = await client.SendAsync(SlackRequests.Command(Command("silence kettle 1h", SlackHost.Stranger)), Ct);

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        Assert.StartsWith("⛔ Refused: " + SlackHost.Stranger + " may not create or end silences", body["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, await host.QueryAsync(db => db.Set<StoredSilence>().CountAsync(Ct)));
        Assert.True(await host.QueryAsync(db => db.AuditEvents.AnyAsync(
            a => a.Action == AuditActions.ActionRefused && a.ActorId == "unknown:" + SlackHost.Stranger && a.Details.Contains(ActionVerbs.SilenceCreate), Ct)));
    }

    [Fact]
    public async Task PostCommands_SilenceAlone_OpensTheFormWithTheTriggerAndAnswersEmpty()
    {
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, Ct);
        var api = new FakeSlackApi();
        await using var host = SlackHost.Create(store, api);
        using var client = host.CreateClient();

        using var response = await client.SendAsync(SlackRequests.Command(Command("silence", SlackHost.Camille, "222.333.form")), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, response.Content.Headers.ContentLength);
        var opened = Assert.Single(api.Views);
        Assert.Equal("222.333.form", opened.TriggerId);
        Assert.Equal(SlackIds.SilenceCallback, opened.View["callback_id"]!.GetValue<string>());
        Assert.Equal("C111", SlackModalMetadata.Parse(opened.View["private_metadata"]!.GetValue<string>())!.Channel);
        var blocks = opened.View["blocks"]!.AsArray();
        Assert.Equal([CardInputs.SilenceMatch, CardInputs.SilenceDuration, CardInputs.SilenceReason], blocks.Select(b => b!["block_id"]!.GetValue<string>()));
        var select = blocks[1]!["element"]!;
        Assert.Equal("static_select", select["type"]!.GetValue<string>());
        Assert.Equal(SilenceSettings.Choices, select["options"]!.AsArray().Select(o => o!["value"]!.GetValue<string>()));
        Assert.Equal("2h", select["initial_option"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task PostInteractivity_SilenceFormWithBadDuration_FieldErrorInSlacksFormatNothingStored()
    {
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, Ct);
        await using var host = SlackHost.Create(store, new FakeSlackApi());
        using var client = host.CreateClient();

        using var response = await client.SendAsync(SlackRequests.Interaction(Form(SlackHost.Camille, "kettle", "2x", null)), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        Assert.Equal("errors", body["response_action"]!.GetValue<string>());
        var errors = body["errors"]!.AsObject();
        Assert.Equal("'2x' is not a duration (30m, 2h, 1d).", errors[CardInputs.SilenceDuration]!.GetValue<string>());
        Assert.False(errors.ContainsKey(CardInputs.SilenceMatch));
        Assert.Equal(SlackInboxState.Ignored, (await SlackHost.InboxAsync(host, Ct)).Single().State);
        Assert.Equal(0, await host.QueryAsync(db => db.Set<StoredSilence>().CountAsync(Ct)));
    }

    [Fact]
    public async Task PostInteractivity_SilenceFormWithUnreadableMatch_FieldErrorOnTheMatch()
    {
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, Ct);
        await using var host = SlackHost.Create(store, new FakeSlackApi());
        using var client = host.CreateClient();

        using var response = await client.SendAsync(SlackRequests.Interaction(Form(SlackHost.Camille, "risk=~(", "2h", null)), Ct);

        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["errors"]!.AsObject();
        Assert.StartsWith("Cannot read what to mute:", errors[CardInputs.SilenceMatch]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(errors.ContainsKey(CardInputs.SilenceDuration));
    }

    [Fact]
    public async Task PostInteractivity_SilenceFormSubmitted_CreatedAndConfirmedPrivately()
    {
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, Ct);
        var api = new FakeSlackApi();
        await using var host = SlackHost.Create(store, api);
        using var client = host.CreateClient();

        using var response = await client.SendAsync(SlackRequests.Interaction(Form(SlackHost.Paul, "risk=legal", "1d", "press release at noon")), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, response.Content.Headers.ContentLength);
        var row = await Eventually.TrueAsync(
            () => host.QueryAsync(db => db.Set<StoredSilence>().AsNoTracking().ToListAsync(Ct)), rows => rows.Count == 1, TimeSpan.FromSeconds(15), "the silence", Ct);
        Assert.Equal(("paul", "press release at noon", TimeSpan.FromDays(1)), (row[0].CreatedBy, row[0].Reason, row[0].EndsAt - row[0].StartsAt));
        var confirmation = await Eventually.TrueAsync(() => Task.FromResult(api.Ephemerals.ToArray()), e => e.Length == 1, TimeSpan.FromSeconds(10), "the confirmation", Ct);
        Assert.Equal(("C111", SlackHost.Paul), (confirmation[0].Channel, confirmation[0].User));
        Assert.StartsWith($"✅ Silence {row[0].Id.ToString("N")[..8]} created: alerts matching risk=legal", confirmation[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostInteractivity_MuteTopicFromOverflow_TopicSilencedAuditedAndCardEditedToSaySo()
    {
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, Ct);
        var api = new FakeSlackApi();
        await using var host = SlackHost.Create(store, api, replay: true);
        using var client = host.CreateClient();
        var incidentId = await SlackHost.WaitForIncidentAsync(host, Ct);
        await Eventually.TrueAsync(
            () => host.QueryAsync(db => db.ChatMessages.CountAsync(c => c.Platform == SlackIds.Platform && c.SubjectId == incidentId.ToString(), Ct)),
            n => n > 0, TimeSpan.FromSeconds(30), "the alert card on Slack", Ct);
        var incident = await SlackHost.IncidentAsync(host, incidentId, Ct);

        using var response = await client.SendAsync(SlackRequests.Interaction(OverflowClick(ActionVerbs.MuteTopic, incidentId.ToString(), SlackHost.Camille)), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = await Eventually.TrueAsync(
            () => host.QueryAsync(db => db.Set<StoredSilence>().AsNoTracking().ToListAsync(Ct)), r => r.Count == 1, TimeSpan.FromSeconds(15), "the silence", Ct);
        Assert.Equal($"[\"topic={incident.Key}\"]", rows[0].Matchers);
        Assert.Equal(TimeSpan.FromHours(24), rows[0].EndsAt - rows[0].StartsAt);
        Assert.Equal("incident.mute/slack", rows[0].Origin);
        Assert.True(await host.QueryAsync(db => db.AuditEvents.AnyAsync(a => a.Action == AuditActions.SilenceCreated && a.ActorId == "camille", Ct)));
        var edit = await Eventually.TrueAsync(
            () => host.QueryAsync(db => db.Outbox.AsNoTracking().Where(o => o.Platform == SlackIds.Platform && o.SubjectId == incidentId.ToString()).OrderBy(o => o.Id).ToListAsync(Ct)),
            o => o.Count > 0 && o[^1].Payload.Contains("Topic muted until", StringComparison.Ordinal),
            TimeSpan.FromSeconds(15),
            "the card edit",
            Ct);
        Assert.Contains("by Camille Martin", edit[^1].Payload, StringComparison.Ordinal);
        Assert.DoesNotContain(ActionVerbs.MuteTopic, edit[^1].Payload, StringComparison.Ordinal);
        Assert.Empty(api.Ephemerals);
    }

    [Fact]
    public void OverflowOption_OfTheRenderedAlertCard_CarriesMuteTopic()
    {
        var card = new Card
        {
            Title = "#1 Recall",
            Actions = [new CardAction(ActionVerbs.Acknowledge, "Acknowledge", "id-1"), new CardAction(ActionVerbs.MuteTopic, "Mute topic", "id-1", Secondary: true)],
        };

        var actions = new BlockKitRenderer().Render(card).Blocks.Single(b => b!["type"]!.GetValue<string>() == "actions")!["elements"]!.AsArray();

        Assert.Equal(["button", "overflow"], actions.Select(e => e!["type"]!.GetValue<string>()));
        var option = Assert.Single(actions[1]!["options"]!.AsArray());
        Assert.True(SlackActionIds.TryParseOverflowValue(option!["value"]!.GetValue<string>(), out var verb, out var target));
        Assert.Equal((ActionVerbs.MuteTopic, "id-1"), (verb, target));
    }

    /// <summary>The recorded slash command form with the text, user and trigger_id of this test.</summary>
    private static byte[] Command(string text, string slackUserId, string triggerId = "111.111.xxx")
    {
        var form = SlackFixtures.Text("commands/slash_command.form.txt")
            .Replace("text=Hi", "text=" + Uri.EscapeDataString(text), StringComparison.Ordinal)
            .Replace("user_id=W111", "user_id=" + slackUserId, StringComparison.Ordinal)
            .Replace("trigger_id=111.111.xxx", "trigger_id=" + triggerId, StringComparison.Ordinal)
            .Replace("command=%2Fhello-world", "command=%2Fcm", StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(form);
    }

    /// <summary>The recorded view_submission as CmBot's silence form, submitted with these values.</summary>
    private static byte[] Form(string slackUserId, string match, string duration, string? reason)
    {
        var json = SlackFixtures.Json("interactivity/view_submission.json");
        json["user"]!["id"] = slackUserId;
        json["view"]!["callback_id"] = SlackIds.SilenceCallback;
        json["view"]!["private_metadata"] = new SlackModalMetadata(SlackModals.NewSilenceTarget, "C111").Format();
        var values = new JsonObject
        {
            [CardInputs.SilenceMatch] = new JsonObject { [CardInputs.SilenceMatch] = new JsonObject { ["type"] = "plain_text_input", ["value"] = match } },
            [CardInputs.SilenceDuration] = new JsonObject
            {
                [CardInputs.SilenceDuration] = new JsonObject
                {
                    ["type"] = "static_select",
                    ["selected_option"] = new JsonObject { ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = duration }, ["value"] = duration },
                },
            },
            [CardInputs.SilenceReason] = new JsonObject { [CardInputs.SilenceReason] = new JsonObject { ["type"] = "plain_text_input", ["value"] = reason } },
        };
        json["view"]!["state"] = new JsonObject { ["values"] = values };
        return SlackFixtures.Form(json);
    }

    /// <summary>The recorded button click turned into a choice in CmBot's overflow menu ("verb|target").</summary>
    private static byte[] OverflowClick(string verb, string targetId, string slackUserId)
    {
        var json = SlackFixtures.Json("interactivity/block_actions.button_with_state.json");
        var action = json["actions"]![0]!.AsObject();
        action["type"] = "overflow";
        action["action_id"] = SlackActionIds.Overflow;
        action.Remove("value");
        action.Remove("text");
        action["selected_option"] = new JsonObject
        {
            ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Mute topic" },
            ["value"] = SlackActionIds.OverflowValue(verb, targetId),
        };
        json["user"]!["id"] = slackUserId;
        return SlackFixtures.Form(json);
    }
}
