using CmBot.Bot.Sandbox;
using CmBot.Bot.Tests.Infrastructure;
using CmBot.Core.Audit;
using CmBot.Core.Chat;
using CmBot.Core.Replies;
using Microsoft.EntityFrameworkCore;

namespace CmBot.Bot.Tests.Replies;

/// <summary>CEO direct and break-glass through the host: published, marked, audited, and put before legal and comms.</summary>
public sealed class DirectPublishingTests
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    private static async Task<(CmBotHost Host, TestStore Store, string DraftId)> StartDraftAsync()
    {
        var store = await TestStore.CreateAsync(TestStore.Sqlite, Ct);
        var host = new CmBotHost(store);
        await host.WaitForReplayAsync(Ct);
        var incidentId = (await host.QueryAsync(db => db.Incidents.SingleAsync(Ct))).Id.ToString();
        Assert.Equal(200, (await host.ActAsync("camille", ActionVerbs.Draft, incidentId)).Status);
        return (host, store, (await host.QueryAsync(db => db.Drafts.AsNoTracking().SingleAsync(Ct))).Id.ToString());
    }

    [Fact]
    public async Task CeoDirect_PublishedWithoutApprovals_ThenReviewedByLegal()
    {
        var (host, store, id) = await StartDraftAsync();
        await using var _ = host;
        using var __ = store;

        Assert.Equal(403, (await host.ActAsync("hugo", ActionVerbs.PublishDirect, id)).Status);
        Assert.Equal(200, (await host.ActAsync("claire", ActionVerbs.PublishDirect, id)).Status);
        await host.WaitForOutboxAsync(Ct);

        var post = await host.QueryAsync(db => db.PublicPosts.AsNoTracking().SingleAsync(Ct));
        var draft = await host.QueryAsync(db => db.Drafts.AsNoTracking().Include(d => d.Approvals).SingleAsync(Ct));
        Assert.Equal(draft.Text, post.Text);
        Assert.Equal(PublishMode.CeoDirect, draft.PublishMode);
        Assert.Empty(draft.Approvals);
        Assert.True(draft.AwaitsReview);

        // Legal and the direction channel see the published reply with the review button.
        var channels = await host.QueryAsync(db => db.ChatMessages.AsNoTracking().Where(c => c.SubjectType == "draft").Select(c => c.Channel).ToListAsync(Ct));
        Assert.Contains(SandboxChatPlatform.DefaultChannels.Legal, channels);
        Assert.Contains(SandboxChatPlatform.DefaultChannels.Direction, channels);

        Assert.Equal(403, (await host.ActAsync("claire", ActionVerbs.MarkReviewed, id)).Status);
        Assert.Equal(200, (await host.ActAsync("ines", ActionVerbs.MarkReviewed, id)).Status);

        var audit = await host.QueryAsync(db => db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync(Ct));
        Assert.Null(AuditChain.FirstBreak(audit));
        Assert.Equal("claire", Assert.Single(audit, e => e.Action == AuditActions.PublishedWithoutApproval).ActorId);
        Assert.Contains("CeoDirect", audit.Single(e => e.Action == AuditActions.PublishedWithoutApproval).Details, StringComparison.Ordinal);
        Assert.Equal("ines", Assert.Single(audit, e => e.Action == AuditActions.ReplyReviewed).ActorId);
        Assert.Contains(audit, e => e.Action == AuditActions.ReplyPublished && e.ActorId == "claire");
    }

    [Fact]
    public async Task BreakGlass_NeedsAJustification_ThenPublishesAndRecordsIt()
    {
        var (host, store, id) = await StartDraftAsync();
        await using var _ = host;
        using var __ = store;

        var refused = await host.ActAsync("hugo", ActionVerbs.BreakGlass, id);
        Assert.Equal(403, refused.Status);
        Assert.Contains("justification", refused.Message, StringComparison.Ordinal);
        Assert.Equal(403, (await host.ActAsync("camille", ActionVerbs.BreakGlass, id, new Dictionary<string, string> { [CardInputs.Comment] = "La presse publie dans 10 minutes, on doit répondre." })).Status);

        var reason = "La presse publie dans 10 minutes, on doit répondre.";
        Assert.Equal(200, (await host.ActAsync("hugo", ActionVerbs.BreakGlass, id, new Dictionary<string, string> { [CardInputs.Comment] = reason })).Status);
        await host.WaitForOutboxAsync(Ct);

        var draft = await host.QueryAsync(db => db.Drafts.AsNoTracking().SingleAsync(Ct));
        Assert.Equal((PublishMode.BreakGlass, reason, "hugo"), (draft.PublishMode, draft.Justification, draft.PublishedBy));
        Assert.Single(await host.QueryAsync(db => db.PublicPosts.AsNoTracking().ToListAsync(Ct)));
        var audit = await host.QueryAsync(db => db.AuditEvents.AsNoTracking().SingleAsync(e => e.Action == AuditActions.PublishedWithoutApproval, Ct));
        Assert.Contains("dans 10 minutes", audit.Details, StringComparison.Ordinal);
    }
}
