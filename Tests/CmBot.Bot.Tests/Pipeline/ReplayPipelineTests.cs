using CmBot.Bot.Chat;
using CmBot.Bot.Sandbox;
using CmBot.Bot.Tests.Infrastructure;
using CmBot.Core.Audit;
using CmBot.Core.Escalation;
using CmBot.Core.Chat;
using CmBot.Core.Incidents;
using CmBot.Core.Replies;
using Microsoft.EntityFrameworkCore;

namespace CmBot.Bot.Tests.Pipeline;

/// <summary>
/// The walking skeleton end to end on the shipped sample feed: listen, triage, group, alert, acknowledge,
/// draft, approve (role checked), publish, audit. Runs on SQLite, and on PostgreSQL when it is available.
/// </summary>
public sealed class ReplayPipelineTests
{
    [Theory]
    [InlineData(TestStore.Sqlite)]
    [InlineData(TestStore.Postgres)]
    public async Task Replay_SampleFeed_CrisisBecomesOneP1IncidentAndOrdinaryDayStaysQuiet(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(provider, ct);
        await using var host = new CmBotHost(store);

        await host.WaitForReplayAsync(ct);

        var incidents = await host.QueryAsync(db => db.Incidents.AsNoTracking().ToListAsync(ct));
        var incident = Assert.Single(incidents);
        Assert.Equal(Severity.P1, incident.Severity);
        // The crisis wave is caught by the spike detector (cold start: 10 mentions in 15 min) before the 60-min burst rule.
        Assert.Contains("mentions in 15 min", incident.Reason, StringComparison.Ordinal);
        Assert.Equal(IncidentStatus.Open, incident.Status);

        var crisis = SampleFeed.CrisisIds();
        var attached = await host.QueryAsync(db => db.Mentions.AsNoTracking().Where(m => m.IncidentId != null).Select(m => m.ExternalId).ToListAsync(ct));
        Assert.All(attached, id => Assert.Contains(id, crisis));
        Assert.True(attached.Count >= crisis.Count - 2, $"{attached.Count} of {crisis.Count} crisis mentions joined the incident");
        Assert.Equal(attached.Count, incident.MentionCount);

        var roots = await host.QueryAsync(db => db.SandboxMessages.AsNoTracking().Where(m => m.ThreadId == null).ToListAsync(ct));
        Assert.Single(roots, m => m.Channel == "#cm-alerts");
        Assert.Single(roots, m => m.Channel == "#direction");
        // routing.yaml: every alert in #cm-alerts, a P1 also in #direction, a legal risk (the crisis has one) also in #legal.
        Assert.Single(roots, m => m.Channel == "#legal");
        // escalation.yaml's P1 ladder pages whoever is on call in the cm rotation at once, by direct message.
        var paged = Assert.Single(roots.Where(m => m.Channel.StartsWith('@')).Select(m => m.Channel).Distinct());
        Assert.True(paged is "@camille" or "@hugo", paged);
        var alertsSent = await host.QueryAsync(db => db.AuditEvents.CountAsync(e => e.Action == AuditActions.AlertSent, ct));
        Assert.Equal(4, alertsSent);
        Assert.True(await host.QueryAsync(db => db.AuditEvents.CountAsync(e => e.Action == AuditActions.EscalationStepFired, ct)) >= 1);
        var escalation = await host.QueryAsync(db => db.Set<EscalationState>().AsNoTracking().SingleAsync(ct));
        Assert.Equal("p1-crisis", escalation.PolicyName); // frozen when the burst made it a P1, replacing the P2 policy
    }

    [Theory]
    [InlineData(TestStore.Sqlite)]
    [InlineData(TestStore.Postgres)]
    public async Task Flow_AckDraftApprovePublish_RolesCheckedAndEveryStepAudited(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(provider, ct);
        await using var host = new CmBotHost(store);
        await host.WaitForReplayAsync(ct);
        var incidentId = (await host.QueryAsync(db => db.Incidents.SingleAsync(ct))).Id.ToString();

        Assert.Equal(200, (await host.ActAsync("camille", ActionVerbs.Acknowledge, incidentId)).Status);
        Assert.Equal(403, (await host.ActAsync("camille", ActionVerbs.Acknowledge, incidentId)).Status);
        Assert.Equal(200, (await host.ActAsync("camille", ActionVerbs.Draft, incidentId)).Status);
        var draft = await host.QueryAsync(db => db.Drafts.AsNoTracking().SingleAsync(ct));
        Assert.Equal("Legal;Comms", draft.RequiredRoles);

        var refused = await host.ActAsync("camille", ActionVerbs.Approve, draft.Id.ToString());
        Assert.Equal(403, refused.Status);
        Assert.Contains("needs legal", refused.Message, StringComparison.Ordinal);
        Assert.Equal(403, (await host.ActAsync("camille", ActionVerbs.Publish, draft.Id.ToString())).Status);

        Assert.Equal(200, (await host.ActAsync("ines", ActionVerbs.Approve, draft.Id.ToString(), new Dictionary<string, string> { [CardInputs.Comment] = "OK" })).Status);
        var stillNeedsComms = await host.ActAsync("camille", ActionVerbs.Publish, draft.Id.ToString());
        Assert.Equal(403, stillNeedsComms.Status);
        Assert.Contains("comms", stillNeedsComms.Message, StringComparison.Ordinal);
        Assert.Equal(403, (await host.ActAsync("ines", ActionVerbs.Approve, draft.Id.ToString())).Status);
        Assert.Equal(200, (await host.ActAsync("paul", ActionVerbs.Approve, draft.Id.ToString())).Status);
        Assert.Equal(200, (await host.ActAsync("camille", ActionVerbs.Publish, draft.Id.ToString())).Status);
        await host.WaitForOutboxAsync(ct);

        var post = await host.QueryAsync(db => db.PublicPosts.AsNoTracking().SingleAsync(ct));
        Assert.Equal(draft.Text, post.Text);
        Assert.Equal(draft.TextSha256, post.TextSha256);
        Assert.Equal(TextHash.Of(post.Text, draft.Target), post.TextSha256);

        var audit = await host.QueryAsync(db => db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync(ct));
        Assert.Null(AuditChain.FirstBreak(audit));
        var actions = audit.Select(e => e.Action).ToHashSet();
        foreach (var step in new[]
                 {
                     AuditActions.MentionTriaged, AuditActions.IncidentOpened, AuditActions.IncidentEscalatedSeverity, AuditActions.AlertSent,
                     AuditActions.IncidentAcknowledged, AuditActions.DraftCreated, AuditActions.ActionRefused, AuditActions.ApprovalGranted,
                     AuditActions.ReplyPublished,
                 })
        {
            Assert.Contains(step, actions);
        }

        Assert.Equal(CmBotHost.SampleMentions, audit.Count(e => e.Action == AuditActions.MentionTriaged));
        Assert.Equal(5, audit.Count(e => e.Action == AuditActions.ActionRefused));
        Assert.Equal(2, audit.Count(e => e.Action == AuditActions.ApprovalGranted));
        var draftCards = await host.QueryAsync(db => db.ChatMessages.AsNoTracking().Where(c => c.SubjectType == Subjects.Draft).ToListAsync(ct));
        Assert.Contains(draftCards, c => c.Channel == SandboxChatPlatform.DefaultChannels.Alerts && c.ThreadExternalId != null);
        Assert.Contains(draftCards, c => c.Channel == SandboxChatPlatform.DefaultChannels.Legal);
    }
}
