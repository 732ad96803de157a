using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CmBot.Bot.Chat;
using CmBot.Bot.Silences;
using CmBot.Bot.Storage;
using CmBot.Bot.Teams.Inbound;
using CmBot.Bot.Teams.Storage;
using CmBot.Bot.Tests.Infrastructure;
using CmBot.Core.Audit;
using CmBot.Core.Chat;
using CmBot.Core.Incidents;
using CmBot.Core.Replies;
using Microsoft.EntityFrameworkCore;

namespace CmBot.Bot.Tests.Teams;

/// <summary>
/// The recorded Teams activities, posted with valid tokens: commands answered through the outbox, conversation
/// references stored and retired, Action.Execute clicks dispatched and answered with the refreshed card.
/// </summary>
public sealed class TeamsInboundTests
{
    private const string ServiceUrl = "https://smba.trafficmanager.net/amer/";
    private const string InvokeServiceUrl = "https://smba.trafficmanager.net/amer/56653e9d-2158-46ee-90d7-675c39642038/";
    private const string ChannelConversation = "19:097e6717fd7245bdbeba6baa13840db8@thread.skype";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Message_RecordedMentionUnknownCommand_HelpReplyQueuedInThread()
    {
        await using var t = await TestBed.StartAsync();

        var response = await t.Client.PostActivityAsync(TeamsFixtures.Read("activities/message.channel.mention.json"), t.Identity.Token(ServiceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (row, reply) = await t.SingleReplyAsync();
        Assert.Equal(ChannelConversation, row.Channel);
        Assert.Equal("teams", row.Platform);
        Assert.Equal(ChannelConversation + ";messageid=1571540169848", reply.ConversationId);
        Assert.Equal("1571540169848", reply.ReplyToId);
        Assert.Equal(ServiceUrl, reply.ServiceUrl);
        Assert.Equal("CmBot commands", reply.Card.Title);
        Assert.Equal("Unknown command 'show'.", reply.Card.Status);
    }

    [Fact]
    public async Task Message_RedeliveredSameActivity_OneReply()
    {
        await using var t = await TestBed.StartAsync();
        var body = TeamsFixtures.Read("activities/message.channel.mention.json");

        await t.Client.PostActivityAsync(body, t.Identity.Token(ServiceUrl));
        await t.Client.PostActivityAsync(body, t.Identity.Token(ServiceUrl));

        Assert.Equal(1, await t.Host.QueryAsync(db => db.Outbox.CountAsync(o => o.Kind == TeamsOutbox.ReplyKind, TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task Message_AckCommandFromMappedPerson_IncidentAcknowledgedAndReplied()
    {
        await using var t = await TestBed.StartAsync();
        var incident = await TeamsTestHost.SeedIncidentAsync(t.Host, 4, Severity.P2, Ct);
        var body = TeamsTestHost.Activity("message.channel.mention.json", a => a["text"] = "<at>My Combined</at> ack #4\n");

        var response = await t.Client.PostActivityAsync(body, t.Identity.Token(ServiceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = await t.Host.QueryAsync(db => db.Incidents.AsNoTracking().SingleAsync(i => i.Id == incident.Id, Ct));
        Assert.Equal(IncidentStatus.Acknowledged, stored.Status);
        Assert.Equal("camille", stored.AcknowledgedBy);
        var (_, reply) = await t.SingleReplyAsync();
        Assert.Equal("Incident #4 acknowledged.", reply.Card.Title);
    }

    [Fact]
    public async Task Message_StatusCommand_ListsOpenIncidentsMostSevereFirst()
    {
        await using var t = await TestBed.StartAsync();
        await TeamsTestHost.SeedIncidentAsync(t.Host, 1, Severity.P2, Ct);
        await TeamsTestHost.SeedIncidentAsync(t.Host, 2, Severity.P1, Ct);
        var body = TeamsTestHost.Activity("message.channel.mention.json", a => a["text"] = "<at>My Combined</at>status");

        await t.Client.PostActivityAsync(body, t.Identity.Token(ServiceUrl));

        var (_, reply) = await t.SingleReplyAsync();
        Assert.Equal(["#2 P1", "#1 P2"], reply.Card.Facts.Select(f => f.Label));
    }

    [Fact]
    public async Task Message_AckByUnmappedUser_RefusedAndIncidentStaysOpen()
    {
        await using var t = await TestBed.StartAsync();
        var incident = await TeamsTestHost.SeedIncidentAsync(t.Host, 5, Severity.P2, Ct);
        var body = TeamsTestHost.Activity("message.channel.mention.json", a =>
        {
            a["text"] = "<at>My Combined</at>ack 5";
            a["from"]!["aadObjectId"] = Guid.NewGuid().ToString();
        });

        await t.Client.PostActivityAsync(body, t.Identity.Token(ServiceUrl));

        Assert.Equal(IncidentStatus.Open, (await t.Host.QueryAsync(db => db.Incidents.AsNoTracking().SingleAsync(i => i.Id == incident.Id, Ct))).Status);
        var (_, reply) = await t.SingleReplyAsync();
        Assert.Equal("Refused", reply.Card.Status);
    }

    [Fact]
    public async Task Message_SilenceSilencesUnsilence_CreatedListedEndedThroughTheDispatcher()
    {
        await using var t = await TestBed.StartAsync();

        await t.Client.PostActivityAsync(Command("silence topic=kettle-k2 2h statement out", "silence-1"), t.Identity.Token(ServiceUrl));
        var row = await t.Host.QueryAsync(db => db.Set<StoredSilence>().AsNoTracking().SingleAsync(Ct));
        var shortId = row.Id.ToString("N")[..8];
        await t.Client.PostActivityAsync(Command("silences", "silence-2"), t.Identity.Token(ServiceUrl));
        await t.Client.PostActivityAsync(Command("unsilence " + shortId, "silence-3"), t.Identity.Token(ServiceUrl));

        Assert.Equal(("camille", "statement out", TimeSpan.FromHours(2), "silence.create/teams"), (row.CreatedBy, row.Reason, row.EndsAt - row.StartsAt, row.Origin));
        var replies = await t.RepliesAsync();
        Assert.Equal(3, replies.Count);
        Assert.StartsWith($"Silence {shortId} created: alerts matching topic=~(?:[a-z]+:)?kettle-k2 are muted until ", replies[0].Card.Title, StringComparison.Ordinal);
        Assert.Equal("Active silences", replies[1].Card.Title);
        Assert.Equal(shortId, Assert.Single(replies[1].Card.Facts).Label);
        Assert.StartsWith($"Silence {shortId} ended", replies[2].Card.Title, StringComparison.Ordinal);
        Assert.Equal("camille", (await t.Host.QueryAsync(db => db.Set<StoredSilence>().AsNoTracking().SingleAsync(Ct))).ExpiredBy);
        Assert.True(await t.Host.QueryAsync(db => db.AuditEvents.AnyAsync(a => a.Action == AuditActions.SilenceExpired && a.ActorId == "camille", Ct)));
    }

    [Fact]
    public async Task Message_SilenceWithBadDuration_HelpSaysWhy()
    {
        await using var t = await TestBed.StartAsync();

        await t.Client.PostActivityAsync(Command("silence kettle soon", "silence-4"), t.Identity.Token(ServiceUrl));

        var (_, reply) = await t.SingleReplyAsync();
        Assert.Equal("CmBot commands", reply.Card.Title);
        Assert.Equal("I did not understand: 'soon' is not a duration (type 30m, 2h or 1d).", reply.Card.Status);
        Assert.Equal(0, await t.Host.QueryAsync(db => db.Set<StoredSilence>().CountAsync(Ct)));
    }

    [Fact]
    public async Task Invoke_MuteTopicClick_TopicSilencedAndAudited()
    {
        await using var t = await TestBed.StartAsync();
        var incident = await TeamsTestHost.SeedIncidentAsync(t.Host, 6, Severity.P2, Ct);

        await t.InvokeAsync(ActionVerbs.MuteTopic, incident.Id.ToString(), TeamsTestHost.CamilleAad);

        var row = await t.Host.QueryAsync(db => db.Set<StoredSilence>().AsNoTracking().SingleAsync(Ct));
        Assert.Equal($"[\"topic={incident.Key}\"]", row.Matchers);
        Assert.Equal("incident.mute/teams", row.Origin);
        Assert.True(await t.Host.QueryAsync(db => db.AuditEvents.AnyAsync(a => a.Action == AuditActions.SilenceCreated && a.ActorId == "camille" && a.SubjectId == row.Id.ToString(), Ct)));
    }

    [Fact]
    public async Task Invoke_UseSuggestionClick_ApprovedReplyBecomesTheNextVersion_LegalCannot()
    {
        await using var t = await TestBed.StartAsync();
        var answered = await TeamsTestHost.SeedIncidentAsync(t.Host, 7, Severity.P2, Ct);
        var legal = new Core.Approvals.ApprovalRequirement([Core.People.Role.Legal], "legal");
        var camille = new Core.People.Person("camille", "Camille Martin", [Core.People.Role.CommunityManager]);
        var approved = Draft.Create(Guid.NewGuid(), answered.Id, "Hello, we are sorry about your charger: please stop using it, we call you today. Camille", "t", "en", camille, legal, DateTimeOffset.UtcNow);
        approved.Approve(Guid.NewGuid(), new Core.People.Person("ines", "Inès Moreau", [Core.People.Role.Legal]), null, DateTimeOffset.UtcNow);
        await t.Host.QueryAsync(async db =>
        {
            db.Drafts.Add(approved);
            return await db.SaveChangesAsync(Ct);
        });
        var incident = await TeamsTestHost.SeedIncidentAsync(t.Host, 8, Severity.P2, Ct);
        await t.InvokeAsync(ActionVerbs.Draft, incident.Id.ToString(), TeamsTestHost.CamilleAad);
        var draftId = await t.Host.QueryAsync(db => db.Drafts.AsNoTracking().Where(d => d.IncidentId == incident.Id).Select(d => d.Id).SingleAsync(Ct));
        await t.InvokeAsync(ActionVerbs.EditDraft, draftId.ToString(), TeamsTestHost.CamilleAad, new Dictionary<string, string> { [CardInputs.DraftText] = "Hi, we are looking into it. Camille" });
        var target = Core.Replies.Suggestions.DraftSuggestion.Target(draftId, approved.Id);

        // The edited draft's card offers the approved reply with its button.
        var cards = await t.Host.QueryAsync(db => db.Outbox.AsNoTracking().Where(o => o.SubjectType == Subjects.Draft && o.SubjectId == draftId.ToString()).Select(o => o.Payload).ToListAsync(Ct));
        Assert.Contains(cards, c => c.Contains(ActionVerbs.UseSuggestion, StringComparison.Ordinal) && c.Contains(approved.Id.ToString(), StringComparison.Ordinal));

        // Legal may not write replies: refused and audited, the text stays.
        await t.Client.PostActivityAsync(TeamsTestHost.InvokeActivity(ActionVerbs.UseSuggestion, target, TeamsTestHost.InesAad), t.Identity.Token(InvokeServiceUrl));
        var afterRefusal = await t.Host.QueryAsync(db => db.Drafts.AsNoTracking().SingleAsync(d => d.Id == draftId, Ct));
        await t.InvokeAsync(ActionVerbs.UseSuggestion, target, TeamsTestHost.CamilleAad);

        var draft = await t.Host.QueryAsync(db => db.Drafts.AsNoTracking().SingleAsync(d => d.Id == draftId, Ct));
        Assert.Equal(2, afterRefusal.Revision);
        Assert.Equal((3, approved.Text, DraftStatus.Editing), (draft.Revision, draft.Text, draft.Status));
        Assert.Equal("Legal", draft.RequiredRoles);
        var audit = await t.Host.QueryAsync(db => db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync(Ct));
        Assert.Contains(audit, e => e.Action == AuditActions.ActionRefused && e.ActorId == "ines" && e.Details.Contains(ActionVerbs.UseSuggestion, StringComparison.Ordinal));
        Assert.Contains(approved.Id.ToString(), audit.Last(e => e.Action == AuditActions.DraftEdited).Details, StringComparison.Ordinal);
    }

    private static string Command(string text, string activityId) => TeamsTestHost.Activity("message.channel.mention.json", a =>
    {
        a["text"] = "<at>My Combined</at> " + text;
        a["id"] = activityId;
    });

    [Fact]
    public async Task ConversationUpdate_RecordedUserAdded_NoReferenceStored()
    {
        await using var t = await TestBed.StartAsync();

        var response = await t.Client.PostActivityAsync(TeamsFixtures.Read("activities/conversationUpdate.teamMemberAdded.json"), t.Identity.Token(ServiceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, await t.Host.QueryAsync(db => db.Set<TeamsConversation>().CountAsync(Ct)));
    }

    [Fact]
    public async Task ConversationUpdate_BotAddedThenRemoved_ReferenceStoredThenRetired()
    {
        await using var t = await TestBed.StartAsync();
        var added = TeamsTestHost.Activity("conversationUpdate.teamMemberAdded.json", a => a["membersAdded"]![0]!["id"] = (string?)a["recipient"]!["id"]);
        var removed = TeamsTestHost.Activity("conversationUpdate.teamMemberAdded.json", a =>
        {
            a["membersRemoved"] = new JsonArray(new JsonObject { ["id"] = (string?)a["recipient"]!["id"] });
            a.Remove("membersAdded");
            a["channelData"]!["eventType"] = "teamMemberRemoved";
        });

        Assert.Equal(HttpStatusCode.OK, (await t.Client.PostActivityAsync(added, t.Identity.Token(ServiceUrl))).StatusCode);
        var stored = await t.Host.QueryAsync(db => db.Set<TeamsConversation>().AsNoTracking().SingleAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, (await t.Client.PostActivityAsync(removed, t.Identity.Token(ServiceUrl))).StatusCode);
        var retired = await t.Host.QueryAsync(db => db.Set<TeamsConversation>().AsNoTracking().SingleAsync(Ct));

        Assert.Equal(ChannelConversation, stored.ConversationId);
        Assert.Equal(ServiceUrl, stored.ServiceUrl);
        Assert.Equal("72f988bf-86f1-41af-91ab-2d7cd011db47", stored.TenantId);
        Assert.Equal(ChannelConversation, stored.TeamId);
        Assert.Equal("DaveTeams TEST", stored.TeamName);
        Assert.Equal("28:eac5e5c6-ab14-4f50-80cb-49213fe51b1a", stored.BotId);
        Assert.True(stored.Active);
        Assert.False(retired.Active);
        Assert.NotNull(retired.RemovedAt);
    }

    [Fact]
    public async Task ConversationUpdate_PersonalInstallThenUninstall_UserKeptThenRetired()
    {
        await using var t = await TestBed.StartAsync();
        string Update(string members) => TeamsTestHost.Activity("invoke.adaptiveCard_action.json", a =>
        {
            a["type"] = "conversationUpdate";
            a.Remove("name");
            a.Remove("value");
            a[members] = new JsonArray(new JsonObject { ["id"] = (string?)a["recipient"]!["id"] });
        });

        await t.Client.PostActivityAsync(Update("membersAdded"), t.Identity.Token(InvokeServiceUrl));
        var stored = await t.Host.QueryAsync(db => db.Set<TeamsConversation>().AsNoTracking().SingleAsync(Ct));
        var response = await t.Client.PostActivityAsync(Update("membersRemoved"), t.Identity.Token(InvokeServiceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("personal", stored.ConversationType);
        Assert.Equal(TeamsTestHost.InesAad, stored.UserAadObjectId);
        Assert.Null(stored.TeamId);
        Assert.False((await t.Host.QueryAsync(db => db.Set<TeamsConversation>().AsNoTracking().SingleAsync(Ct))).Active);
    }

    [Fact]
    public async Task MessageReaction_SyntheticMinimalActivity_Accepted()
    {
        await using var t = await TestBed.StartAsync();

        // The SDK's synthetic sample has no channelId/serviceUrl; real Teams activities always carry both, and the token checks need them.
        var body = TeamsTestHost.Activity("messageReaction.synthetic.json", a =>
        {
            a["channelId"] = "msteams";
            a["serviceUrl"] = ServiceUrl;
        });

        var response = await t.Client.PostActivityAsync(body, t.Identity.Token(ServiceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Activity_UnknownType_AcceptedAndIgnored()
    {
        await using var t = await TestBed.StartAsync();
        var body = TeamsTestHost.Activity("message.channel.mention.json", a => a["type"] = "typing");

        var response = await t.Client.PostActivityAsync(body, t.Identity.Token(ServiceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, await t.Host.QueryAsync(db => db.Outbox.CountAsync(o => o.Kind == TeamsOutbox.ReplyKind, Ct)));
    }

    [Fact]
    public async Task Invoke_RecordedActionWithoutVerb_200RefusalCard()
    {
        await using var t = await TestBed.StartAsync();

        var response = await t.Client.PostActivityAsync(TeamsFixtures.Read("activities/invoke.adaptiveCard_action.json"), t.Identity.Token(InvokeServiceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>(Ct);
        Assert.Equal(200, (int)body!["statusCode"]!);
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)body["type"]);
        Assert.Contains("not one of CmBot's actions", AllText(body["value"]!), StringComparison.Ordinal);
        Assert.Empty(TeamsFixtures.CardSchemaErrors(body["value"]!));
    }

    [Fact]
    public async Task Invoke_AcknowledgeByCommunityManager_RefreshedCardWithoutAcknowledge()
    {
        await using var t = await TestBed.StartAsync();
        var incident = await TeamsTestHost.SeedIncidentAsync(t.Host, 3, Severity.P2, Ct);

        var card = await t.InvokeAsync(ActionVerbs.Acknowledge, incident.Id.ToString(), TeamsTestHost.CamilleAad);

        Assert.Equal(IncidentStatus.Acknowledged, (await t.Host.QueryAsync(db => db.Incidents.AsNoTracking().SingleAsync(i => i.Id == incident.Id, Ct))).Status);
        Assert.Contains("Acknowledged by Camille Martin", AllText(card), StringComparison.Ordinal);
        Assert.Equal([ActionVerbs.Draft, ActionVerbs.Snooze, ActionVerbs.Resolve, ActionVerbs.Dismiss, ActionVerbs.MuteTopic], Verbs(card));
        Assert.Empty(TeamsFixtures.CardSchemaErrors(card));
    }

    [Fact]
    public async Task Invoke_AcknowledgeByLegal_RefusedWithReasonAndIncidentStaysOpen()
    {
        await using var t = await TestBed.StartAsync();
        var incident = await TeamsTestHost.SeedIncidentAsync(t.Host, 3, Severity.P2, Ct);

        var card = await t.InvokeAsync(ActionVerbs.Acknowledge, incident.Id.ToString(), TeamsTestHost.InesAad);

        Assert.Equal(IncidentStatus.Open, (await t.Host.QueryAsync(db => db.Incidents.AsNoTracking().SingleAsync(i => i.Id == incident.Id, Ct))).Status);
        var notice = card["body"]![1]!;
        Assert.Equal("attention", (string?)notice["color"]);
        Assert.Contains("has no role that may act on incidents", (string?)notice["text"], StringComparison.Ordinal);
        Assert.Empty(Verbs(card));
    }

    [Fact]
    public async Task Invoke_DraftThenRefreshPerViewer_EachRoleSeesItsActions()
    {
        await using var t = await TestBed.StartAsync();
        var incident = await TeamsTestHost.SeedIncidentAsync(t.Host, 8, Severity.P1, Ct);
        await t.InvokeAsync(ActionVerbs.Draft, incident.Id.ToString(), TeamsTestHost.CamilleAad);
        var draft = await t.Host.QueryAsync(db => db.Drafts.AsNoTracking().SingleAsync(Ct));

        var forLegal = await t.InvokeAsync(Bot.Teams.Activities.ActivityNames.RefreshVerb, draft.Id.ToString(), TeamsTestHost.InesAad, trigger: "automatic");
        var forAuthor = await t.InvokeAsync(Bot.Teams.Activities.ActivityNames.RefreshVerb, draft.Id.ToString(), TeamsTestHost.CamilleAad, trigger: "automatic");
        var forStranger = await t.InvokeAsync(Bot.Teams.Activities.ActivityNames.RefreshVerb, draft.Id.ToString(), Guid.NewGuid().ToString(), trigger: "automatic");

        Assert.Equal([ActionVerbs.Approve, ActionVerbs.RequestChanges, ActionVerbs.Reject, ActionVerbs.BreakGlass], Verbs(forLegal));
        Assert.DoesNotContain(forLegal["body"]!.AsArray(), e => (string?)e!["id"] == CardInputs.DraftText);
        Assert.Contains(forLegal["body"]!.AsArray(), e => (string?)e!["id"] == CardInputs.Comment);
        Assert.Equal([ActionVerbs.EditDraft, ActionVerbs.Publish], Verbs(forAuthor));
        Assert.Empty(Verbs(forStranger));
        Assert.All(new[] { forLegal, forAuthor, forStranger }, c => Assert.Empty(TeamsFixtures.CardSchemaErrors(c)));
    }

    [Fact]
    public async Task Invoke_ApproveWithComment_ApprovalRecordedWithComment()
    {
        await using var t = await TestBed.StartAsync();
        var incident = await TeamsTestHost.SeedIncidentAsync(t.Host, 9, Severity.P2, Ct);
        await t.InvokeAsync(ActionVerbs.Draft, incident.Id.ToString(), TeamsTestHost.CamilleAad);
        var draftId = (await t.Host.QueryAsync(db => db.Drafts.AsNoTracking().SingleAsync(Ct))).Id;

        var card = await t.InvokeAsync(ActionVerbs.Approve, draftId.ToString(), TeamsTestHost.InesAad, new() { [CardInputs.Comment] = "OK for legal" });

        var draft = await t.Host.QueryAsync(db => db.Drafts.AsNoTracking().Include(d => d.Approvals).SingleAsync(Ct));
        Assert.Equal(DraftStatus.Approved, draft.Status);
        Assert.Equal("OK for legal", Assert.Single(draft.Approvals).Comment);
        Assert.Contains("Approved by Inès Moreau", AllText(card), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_RequestChangesWithComment_AuthorSeesCommentAndCanStillEdit()
    {
        await using var t = await TestBed.StartAsync();
        var incident = await TeamsTestHost.SeedIncidentAsync(t.Host, 10, Severity.P2, Ct);
        await t.InvokeAsync(ActionVerbs.Draft, incident.Id.ToString(), TeamsTestHost.CamilleAad);
        var draftId = (await t.Host.QueryAsync(db => db.Drafts.AsNoTracking().SingleAsync(Ct))).Id;

        var refused = await t.InvokeAsync(ActionVerbs.RequestChanges, draftId.ToString(), TeamsTestHost.InesAad);
        Assert.Empty(await t.Host.QueryAsync(db => db.Approvals.AsNoTracking().ToListAsync(Ct)));
        Assert.Contains("comment", AllText(refused), StringComparison.OrdinalIgnoreCase);

        await t.InvokeAsync(ActionVerbs.RequestChanges, draftId.ToString(), TeamsTestHost.InesAad, new() { [CardInputs.Comment] = "Retirez la date" });
        var forAuthor = await t.InvokeAsync(Bot.Teams.Activities.ActivityNames.RefreshVerb, draftId.ToString(), TeamsTestHost.CamilleAad, trigger: "automatic");

        var draft = await t.Host.QueryAsync(db => db.Drafts.AsNoTracking().Include(d => d.Approvals).SingleAsync(Ct));
        Assert.Equal(DraftStatus.Editing, draft.Status);
        Assert.Equal(Core.Approvals.ApprovalDecision.ChangesRequested, Assert.Single(draft.Approvals).Decision);
        Assert.Contains("Retirez la date", AllText(forAuthor), StringComparison.Ordinal);
        Assert.Contains(ActionVerbs.EditDraft, Verbs(forAuthor));
        Assert.Empty(TeamsFixtures.CardSchemaErrors(forAuthor));
    }

    /// <summary>Every string in the card, markdown escapes removed: what a reader sees.</summary>
    private static string AllText(JsonNode node) => node switch
    {
        JsonObject o => string.Join('\n', o.Select(p => p.Value is null ? string.Empty : AllText(p.Value))),
        JsonArray a => string.Join('\n', a.Select(e => e is null ? string.Empty : AllText(e))),
        JsonValue v when v.TryGetValue<string>(out var text) => text.Replace("\\", string.Empty, StringComparison.Ordinal),
        _ => string.Empty,
    };

    private static List<string?> Verbs(JsonNode card) =>
        card["actions"]?.AsArray().Where(a => (string?)a!["type"] == "Action.Execute").Select(a => (string?)a!["verb"]).ToList() ?? [];

    /// <summary>A host with Teams on, the fake identity, and nothing sent out.</summary>
    private sealed class TestBed : IAsyncDisposable
    {
        private TestBed(FakeBotFrameworkIdentity identity, TestStore store, CmBotHost host)
        {
            Identity = identity;
            Store = store;
            Host = host;
            Client = host.CreateClient();
        }

        public FakeBotFrameworkIdentity Identity { get; }
        public TestStore Store { get; }
        public CmBotHost Host { get; }
        public HttpClient Client { get; }
        public static async Task<TestBed> StartAsync()
        {
            var identity = await FakeBotFrameworkIdentity.StartAsync();
            var store = await TestStore.CreateAsync(TestStore.Sqlite, TestContext.Current.CancellationToken);
            return new TestBed(identity, store, TeamsTestHost.Create(store, identity, sendOutbox: false));
        }

        public async Task<List<TeamsReplyPayload>> RepliesAsync()
        {
            var rows = await Host.QueryAsync(db => db.Outbox.AsNoTracking().Where(o => o.Kind == TeamsOutbox.ReplyKind).OrderBy(o => o.Id).ToListAsync(Ct));
            return [.. rows.Select(r => JsonSerializer.Deserialize<TeamsReplyPayload>(r.Payload, CardJson.Options)!)];
        }

        public async Task<(OutboxMessage Row, TeamsReplyPayload Reply)> SingleReplyAsync()
        {
            var row = await Host.QueryAsync(db => db.Outbox.AsNoTracking().SingleAsync(o => o.Kind == TeamsOutbox.ReplyKind, Ct));
            return (row, JsonSerializer.Deserialize<TeamsReplyPayload>(row.Payload, CardJson.Options)!);
        }

        /// <summary>Posts the recorded invoke as a click on <paramref name="verb"/> by the given user; returns the card answered.</summary>
        public async Task<JsonObject> InvokeAsync(string verb, string targetId, string aadObjectId, Dictionary<string, string>? inputs = null, string trigger = "manual")
        {
            var body = TeamsTestHost.InvokeActivity(verb, targetId, aadObjectId, inputs, trigger);
            var response = await Client.PostActivityAsync(body, Identity.Token(InvokeServiceUrl));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var answer = await response.Content.ReadFromJsonAsync<JsonObject>(Ct);
            Assert.Equal(200, (int)answer!["statusCode"]!);
            return answer["value"]!.AsObject();
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await Host.DisposeAsync();
            await Identity.DisposeAsync();
            Store.Dispose();
        }
    }
}
