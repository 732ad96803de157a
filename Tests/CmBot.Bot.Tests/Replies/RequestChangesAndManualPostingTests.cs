using CmBot.Bot.Tests.Infrastructure;
using CmBot.Core.Approvals;
using CmBot.Core.Audit;
using CmBot.Core.Chat;
using CmBot.Core.People;
using CmBot.Core.Replies;
using Microsoft.EntityFrameworkCore;

namespace CmBot.Bot.Tests.Replies;

/// <summary>"Request changes" and "Mark as posted" through the host (sandbox channel): stored, shown, audited.</summary>
public sealed class RequestChangesAndManualPostingTests
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    private static readonly Dictionary<Role, string> Signer = new()
    {
        [Role.Lead] = "hugo",
        [Role.Legal] = "ines",
        [Role.Comms] = "paul",
        [Role.Ceo] = "claire",
    };

    private static async Task<(CmBotHost Host, TestStore Store, string DraftId)> StartDraftAsync()
    {
        var store = await TestStore.CreateAsync(TestStore.Sqlite, Ct);
        var host = new CmBotHost(store);
        await host.WaitForReplayAsync(Ct);
        var incidentId = (await host.QueryAsync(db => db.Incidents.SingleAsync(Ct))).Id.ToString();
        Assert.Equal(200, (await host.ActAsync("camille", ActionVerbs.Draft, incidentId)).Status);
        return (host, store, (await host.QueryAsync(db => db.Drafts.AsNoTracking().SingleAsync(Ct))).Id.ToString());
    }

    private static Task<Draft> DraftAsync(CmBotHost host) =>
        host.QueryAsync(db => db.Drafts.AsNoTracking().Include(d => d.Approvals).SingleAsync(Ct));

    [Fact]
    public async Task RequestChanges_NeedsComment_ThenKeepsDraftEditableAndAudits()
    {
        var (host, store, id) = await StartDraftAsync();
        await using var _ = host;
        using var __ = store;
        var first = (await DraftAsync(host)).Steps[0].AnyOf[0];

        var refused = await host.ActAsync(Signer[first], ActionVerbs.RequestChanges, id);
        Assert.Equal(403, refused.Status);
        Assert.Contains("comment", refused.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(403, (await host.ActAsync("camille", ActionVerbs.RequestChanges, id, new Dictionary<string, string> { [CardInputs.Comment] = "no" })).Status);

        Assert.Equal(200, (await host.ActAsync(Signer[first], ActionVerbs.RequestChanges, id, new Dictionary<string, string> { [CardInputs.Comment] = "Drop the date, please." })).Status);

        var draft = await DraftAsync(host);
        Assert.Equal(DraftStatus.Editing, draft.Status);
        var request = Assert.Single(draft.Approvals);
        Assert.Equal((ApprovalDecision.ChangesRequested, "Drop the date, please."), (request.Decision, request.Comment));
        var card = IncidentCards.Draft(draft, await host.QueryAsync(db => db.Incidents.AsNoTracking().SingleAsync(Ct)), p => p, CardLabels.English);
        Assert.Contains(new CardFact(CardLabels.English.Comment, "Drop the date, please."), card.Facts);

        Assert.Equal(200, (await host.ActAsync("camille", ActionVerbs.EditDraft, id, new Dictionary<string, string> { [CardInputs.DraftText] = draft.Text + " Merci." })).Status);
        Assert.Equal(2, (await DraftAsync(host)).Revision);

        var audit = await host.QueryAsync(db => db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync(Ct));
        Assert.Null(AuditChain.FirstBreak(audit));
        var logged = Assert.Single(audit, e => e.Action == AuditActions.ChangesRequested);
        Assert.Equal(Signer[first], logged.ActorId);
        Assert.Contains("Drop the date", logged.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MarkPosted_AfterApproval_ValidatesLinkThenPublishesByHandAndAudits()
    {
        var (host, store, id) = await StartDraftAsync();
        await using var _ = host;
        using var __ = store;
        var steps = (await DraftAsync(host)).Steps;
        Assert.Equal(403, (await host.ActAsync("camille", ActionVerbs.MarkPosted, id, new Dictionary<string, string> { [CardInputs.PostedLink] = "https://forum.example/t/1" })).Status);
        foreach (var step in steps)
        {
            Assert.Equal(200, (await host.ActAsync(Signer[step.AnyOf[0]], ActionVerbs.Approve, id)).Status);
        }

        Assert.Equal(403, (await host.ActAsync("camille", ActionVerbs.MarkPosted, id, new Dictionary<string, string> { [CardInputs.PostedLink] = "javascript:alert(1)" })).Status);
        Assert.Equal(DraftStatus.Approved, (await DraftAsync(host)).Status);

        Assert.Equal(200, (await host.ActAsync("camille", ActionVerbs.MarkPosted, id, new Dictionary<string, string> { [CardInputs.PostedLink] = "https://forum.example/t/1#r7" })).Status);

        var draft = await DraftAsync(host);
        Assert.Equal((DraftStatus.Published, Draft.ManualChannel, "https://forum.example/t/1#r7", "camille"), (draft.Status, draft.PublishedVia, draft.PublishedUrl, draft.PublishedBy));
        await host.WaitForOutboxAsync(Ct);
        Assert.Empty(await host.QueryAsync(db => db.PublicPosts.AsNoTracking().ToListAsync(Ct)));
        var published = await host.QueryAsync(db => db.AuditEvents.AsNoTracking().SingleAsync(e => e.Action == AuditActions.ReplyPublished, Ct));
        Assert.Contains("manual", published.Details, StringComparison.Ordinal);
        Assert.Contains(draft.TextSha256, published.Details, StringComparison.Ordinal);
    }
}
