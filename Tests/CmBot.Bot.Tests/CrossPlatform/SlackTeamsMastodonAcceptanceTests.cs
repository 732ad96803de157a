using CmBot.Bot.Slack;
using CmBot.Bot.Storage;
using CmBot.Bot.Tests.Infrastructure;
using CmBot.Bot.Tests.Publishing;
using CmBot.Bot.Tests.Slack.Inbound;
using CmBot.Bot.Tests.Teams;
using CmBot.Core.Audit;
using CmBot.Core.Chat;
using CmBot.Core.Replies;
using Microsoft.EntityFrameworkCore;

namespace CmBot.Bot.Tests.CrossPlatform;

/// <summary>
/// Issue 8's acceptance flow on one host: drafted in Slack (signed Slack payloads), approved by legal in Teams (a
/// Bot Framework invoke), then by comms in Slack, and published to a fake Mastodon on 127.0.0.1 exactly once even
/// though the first publish attempt is created by the server but answered 503: the outbox retries with the same
/// idempotency key, and the text read back from the instance is compared with the approved hash.
/// </summary>
public sealed class SlackTeamsMastodonAcceptanceTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task DraftedInSlack_ApprovedByLegalInTeams_PublishedToMastodonExactlyOnceDespiteLostResponse()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var mastodon = await FakeMastodon.StartAsync();
        mastodon.LoseNextResponses = 1;
        await using var rig = await CrossPlatformRig.StartAsync(ct,
        [
            new("Publishing:Mastodon:Enabled", "true"),
            new("Publishing:Mastodon:BaseUrl", mastodon.BaseUrl.AbsoluteUri),
            new("Publishing:Mastodon:AccessToken", FakeMastodon.Token),
            new("Publishing:Mastodon:TimeoutSeconds", "5"),
        ]);
        var host = rig.Host;
        var incidentId = await SlackHost.WaitForIncidentAsync(host, ct);

        // The sample crisis came from another network; here its first mention is the Mastodon post the fake knows.
        var first = await host.QueryAsync(db => db.Mentions.AsNoTracking().Where(m => m.IncidentId == incidentId).OrderBy(m => m.PublishedAt).Select(m => m.Id).FirstAsync(ct));
        await host.QueryAsync(db => db.Mentions.Where(m => m.Id == first).ExecuteUpdateAsync(s => s.SetProperty(m => m.Url, FakeMastodon.RemoteUrl), ct));

        // 1. Slack: camille drafts.
        await rig.SlackClickAsync(ActionVerbs.Draft, incidentId.ToString(), SlackHost.Camille);
        var draft = (await Eventually.TrueAsync(() => DraftsAsync(host, ct), d => d.Count == 1, Patience, "the draft created from Slack", ct))[0];
        Assert.Equal(FakeMastodon.RemoteUrl, draft.Target);

        // 2. Teams: ines (legal) approves; 2b. Slack: paul (comms) signs the second step through the modal.
        var answer = await rig.TeamsInvokeAsync(ActionVerbs.Approve, draft.Id.ToString(), TeamsTestHost.InesAad, new Dictionary<string, string> { [CardInputs.Comment] = "OK for legal" });
        Assert.Equal(200, (int)answer["statusCode"]!);
        await rig.SlackClickAsync(ActionVerbs.Approve, draft.Id.ToString(), SlackHost.Paul);
        var views = await Eventually.TrueAsync(() => Task.FromResult(rig.Slack.Views.ToArray()), v => v.Length == 1, Patience, "the approval modal", ct);
        await rig.SlackSubmitAsync(SlackIds.ApproveDraftCallback, views[0].View["private_metadata"]!.GetValue<string>(), SlackHost.Paul, CardInputs.Comment, "OK comms");
        await Eventually.TrueAsync(() => DraftAsync(host, draft.Id, ct), d => d.Status == DraftStatus.Approved, Patience, "both approvals", ct);

        // 3. Slack: camille publishes. The first POST creates the status but its answer is lost (503); the retry
        // carries the same Idempotency-Key and gets the same status back.
        await rig.SlackClickAsync(ActionVerbs.Publish, draft.Id.ToString(), SlackHost.Camille);
        var outbox = await Eventually.TrueAsync(
            () => host.QueryAsync(db => db.Outbox.AsNoTracking().SingleOrDefaultAsync(o => o.Kind == OutboxKinds.PublishReply, ct)),
            o => o?.State == OutboxState.Sent, TimeSpan.FromSeconds(60), "the publication to be sent after a retry", ct);

        Assert.Equal(2, mastodon.PostRequests);
        var status = Assert.Single(mastodon.Statuses.Values);
        Assert.Equal(draft.Text, (string?)status["_source"]);
        Assert.Equal(FakeMastodon.ResolvedId, (string?)status["in_reply_to_id"]);
        Assert.Equal((string?)status["id"], outbox!.ExternalId);
        Assert.Equal(1, outbox.Attempts); // failed attempts: the lost answer, then the retry succeeded

        var published = await DraftAsync(host, draft.Id, ct);
        Assert.Equal((DraftStatus.Published, "camille"), (published.Status, published.PublishedBy));
        Assert.Equal(TextHash.Of((string)status["_source"]!, published.Target), published.TextSha256);

        var audit = await host.QueryAsync(db => db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync(ct));
        Assert.Null(AuditChain.FirstBreak(audit));
        var subject = draft.Id.ToString();
        Assert.Equal(["ines", "paul"], audit.Where(e => e.Action == AuditActions.ApprovalGranted && e.SubjectId == subject).Select(e => e.ActorId));
        var publication = Assert.Single(audit, e => e.Action == AuditActions.ReplyPublished && e.SubjectId == subject);
        Assert.Contains("\"liveMatches\":true", publication.Details, StringComparison.Ordinal);
        Assert.DoesNotContain(audit, e => e.Action == AuditActions.ReplyLiveTextMismatch);
    }

    private static Task<List<Draft>> DraftsAsync(CmBotHost host, CancellationToken ct) =>
        host.QueryAsync(db => db.Drafts.AsNoTracking().Include(d => d.Approvals).ToListAsync(ct));

    private static Task<Draft> DraftAsync(CmBotHost host, Guid id, CancellationToken ct) =>
        host.QueryAsync(db => db.Drafts.AsNoTracking().Include(d => d.Approvals).SingleAsync(d => d.Id == id, ct));
}
