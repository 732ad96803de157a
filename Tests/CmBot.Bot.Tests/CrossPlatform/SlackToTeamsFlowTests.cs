using System.Text.Json.Nodes;
using CmBot.Bot.Slack;
using CmBot.Bot.Storage;
using CmBot.Bot.Tests.Infrastructure;
using CmBot.Bot.Tests.Slack.Inbound;
using CmBot.Bot.Tests.Teams;
using CmBot.Core.Approvals;
using CmBot.Core.Audit;
using CmBot.Core.Chat;
using CmBot.Core.Replies;
using Microsoft.EntityFrameworkCore;

namespace CmBot.Bot.Tests.CrossPlatform;

/// <summary>
/// The cross-platform flow of issue 5 on one host: a reply drafted from Slack by the community manager, approved
/// from Teams by legal (who is not on Slack), then published from Slack — with the roles checked server-side
/// whichever platform the click comes from, and every step in one intact audit chain.
/// </summary>
public sealed class SlackToTeamsFlowTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task DraftFromSlack_ApprovedFromTeams_PublishedFromSlack()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var rig = await CrossPlatformRig.StartAsync(ct);
        var host = rig.Host;
        var incidentId = await SlackHost.WaitForIncidentAsync(host, ct);

        // 1. Slack: camille clicks "Draft a reply" on the incident; the inbox processor creates the draft as camille.
        await rig.SlackClickAsync(ActionVerbs.Draft, incidentId.ToString(), SlackHost.Camille);
        var drafts = await Eventually.TrueAsync(() => DraftsAsync(host, ct), d => d.Count == 1, Patience, "the draft created from Slack", ct);
        var draft = drafts[0];
        Assert.Equal(incidentId, draft.IncidentId);
        Assert.Equal("camille", draft.AuthorId);
        Assert.Equal(DraftStatus.Editing, draft.Status);
        Assert.Contains("Legal", draft.RequiredRoles, StringComparison.Ordinal);

        // 1b. Slack: camille (community manager) tries to approve it herself: the modal opens, its submission is refused privately.
        await rig.SlackClickAsync(ActionVerbs.Approve, draft.Id.ToString(), SlackHost.Camille);
        var opened = await Eventually.TrueAsync(() => Task.FromResult(rig.Slack.Views.ToArray()), v => v.Length == 1, Patience, "the approval modal", ct);
        await rig.SlackSubmitAsync(SlackIds.ApproveDraftCallback, opened[0].View["private_metadata"]!.GetValue<string>(), SlackHost.Camille, CardInputs.Comment, "self-approved");
        var refusal = Assert.Single(await Eventually.TrueAsync(() => Task.FromResult(rig.Slack.Ephemerals.ToArray()), e => e.Length == 1, Patience, "the refusal", ct));
        Assert.Equal(SlackHost.Camille, refusal.User);
        Assert.Contains("needs legal", refusal.Text, StringComparison.Ordinal);
        Assert.Empty((await DraftAsync(host, draft.Id, ct)).Approvals);
        Assert.True(await host.QueryAsync(db => db.AuditEvents.AnyAsync(
            a => a.Action == AuditActions.ActionRefused && a.ActorId == "camille" && a.SubjectId == draft.Id.ToString() && a.Details.Contains(ActionVerbs.Approve), ct)));

        // 2. Teams: ines (legal, Teams only) approves with a comment; the invoke is answered with the refreshed card.
        var answer = await rig.TeamsInvokeAsync(ActionVerbs.Approve, draft.Id.ToString(), TeamsTestHost.InesAad, new Dictionary<string, string> { [CardInputs.Comment] = "OK for legal" });
        Assert.Equal(200, (int)answer["statusCode"]!);
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)answer["type"]);
        var card = answer["value"]!;
        Assert.Contains("Approved by Inès Moreau", AllText(card), StringComparison.Ordinal);
        Assert.Contains("needs approval by comms", AllText(card), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(TeamsFixtures.CardSchemaErrors(card));
        var legalSigned = await DraftAsync(host, draft.Id, ct);
        Assert.Equal(DraftStatus.Editing, legalSigned.Status);

        // 2b. Slack: paul (comms director) signs the second step of the crisis path (four-eyes) through the modal.
        await rig.SlackClickAsync(ActionVerbs.Approve, draft.Id.ToString(), SlackHost.Paul);
        var second = await Eventually.TrueAsync(() => Task.FromResult(rig.Slack.Views.ToArray()), v => v.Length == 2, Patience, "the second approval modal", ct);
        await rig.SlackSubmitAsync(SlackIds.ApproveDraftCallback, second[1].View["private_metadata"]!.GetValue<string>(), SlackHost.Paul, CardInputs.Comment, "OK comms");
        var approved = await Eventually.TrueAsync(() => DraftAsync(host, draft.Id, ct), d => d.Status == DraftStatus.Approved, Patience, "the comms approval", ct);
        Assert.Equal(["ines", "paul"], approved.Approvals.OrderBy(a => a.At).ThenBy(a => a.ApproverId, StringComparer.Ordinal).Select(a => a.ApproverId));
        var approval = approved.Approvals.Single(a => a.ApproverId == "ines");
        Assert.Equal("ines", approval.ApproverId);
        Assert.Equal(ApprovalDecision.Approved, approval.Decision);
        Assert.Equal("OK for legal", approval.Comment);
        Assert.Equal(draft.TextSha256, approval.TextSha256);
        Assert.Equal(approved.TextSha256, approval.TextSha256);

        // 3. Slack: camille publishes; the reply goes out through the outbox to the sandbox timeline, text and hash unchanged.
        await rig.SlackClickAsync(ActionVerbs.Publish, draft.Id.ToString(), SlackHost.Camille);
        var post = Assert.Single(await Eventually.TrueAsync(
            () => host.QueryAsync(db => db.PublicPosts.AsNoTracking().Where(p => p.DraftId == draft.Id).ToListAsync(ct)), p => p.Count == 1, Patience, "the published reply", ct));
        Assert.Equal(draft.Text, post.Text);
        Assert.Equal(draft.TextSha256, post.TextSha256);
        await host.WaitForOutboxAsync(ct);
        Assert.Equal(OutboxState.Sent, (await host.QueryAsync(db => db.Outbox.AsNoTracking().SingleAsync(o => o.Kind == OutboxKinds.PublishReply, ct))).State);
        var published = await DraftAsync(host, draft.Id, ct);
        Assert.Equal(DraftStatus.Published, published.Status);
        Assert.Equal("camille", published.PublishedBy);
        Assert.Single(rig.Slack.Ephemerals);

        // The audit log: who did what, from either platform, in one intact chain.
        var audit = await host.QueryAsync(db => db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync(ct));
        Assert.Null(AuditChain.FirstBreak(audit));
        var subject = draft.Id.ToString();
        Assert.Equal("camille", Assert.Single(audit, e => e.Action == AuditActions.DraftCreated && e.SubjectId == subject).ActorId);
        Assert.Equal(["ines", "paul"], audit.Where(e => e.Action == AuditActions.ApprovalGranted && e.SubjectId == subject).Select(e => e.ActorId));
        Assert.Equal("camille", Assert.Single(audit, e => e.Action == AuditActions.ReplyPublished && e.SubjectId == subject).ActorId);
        Assert.True(
            audit.FindIndex(e => e.Action == AuditActions.DraftCreated) < audit.FindIndex(e => e.Action == AuditActions.ApprovalGranted)
            && audit.FindLastIndex(e => e.Action == AuditActions.ApprovalGranted) < audit.FindIndex(e => e.Action == AuditActions.ReplyPublished),
            "draft.created, approval.granted and reply.published are audited in that order");
    }

    /// <summary>Every string in the card with markdown escapes removed: what the reader sees.</summary>
    private static string AllText(JsonNode node) => node switch
    {
        JsonObject o => string.Join('\n', o.Select(p => p.Value is null ? string.Empty : AllText(p.Value))),
        JsonArray a => string.Join('\n', a.Select(e => e is null ? string.Empty : AllText(e))),
        JsonValue v when v.TryGetValue<string>(out var text) => text.Replace("\\", string.Empty, StringComparison.Ordinal),
        _ => string.Empty,
    };

    private static Task<List<Draft>> DraftsAsync(CmBotHost host, CancellationToken ct) =>
        host.QueryAsync(db => db.Drafts.AsNoTracking().Include(d => d.Approvals).ToListAsync(ct));

    private static Task<Draft> DraftAsync(CmBotHost host, Guid id, CancellationToken ct) =>
        host.QueryAsync(db => db.Drafts.AsNoTracking().Include(d => d.Approvals).SingleAsync(d => d.Id == id, ct));
}
