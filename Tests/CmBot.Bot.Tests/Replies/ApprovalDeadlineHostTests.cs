using CmBot.Bot.Replies.Deadlines;
using CmBot.Bot.Tests.Infrastructure;
using CmBot.Core.Approvals;
using CmBot.Core.Audit;
using CmBot.Core.Chat;
using CmBot.Core.Replies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CmBot.Bot.Tests.Replies;

/// <summary>
/// Approval deadlines in a running host (sandbox chat, persistent Quartz triggers on wall-clock time, deadlines of a
/// few seconds): the approver is reminded, then the deputy is called in and may sign in place of legal, while
/// someone who is neither an approver nor the deputy is still refused. Each notice fires once.
/// </summary>
public sealed class ApprovalDeadlineHostTests
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    // Every reply needs legal; after 6 s the lead (hugo) may sign as deputy, with a reminder at 3 s.
    private const string Approvals = """
        rules:
          - name: always-legal
            require: [[legal]]
        deadlines:
          P1: { within: 6s, remindAt: 0.5, deputy: hugo }
          P2: { within: 6s, remindAt: 0.5, deputy: hugo }
          P3: { within: 6s, remindAt: 0.5, deputy: hugo }
          P4: { within: 6s, remindAt: 0.5, deputy: hugo }
        """;

    private static Task<List<ApprovalNoticeFired>> FiredAsync(CmBotHost host) =>
        host.QueryAsync(db => db.Set<ApprovalNoticeFired>().AsNoTracking().OrderBy(f => f.Id).ToListAsync(Ct));

    [Fact]
    public async Task HoursBusiness_DeadlineCountsInTheReportingBusinessHours()
    {
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, Ct);
        var file = Path.Combine(store.DataFolder, "approvals-business.yaml");
        await File.WriteAllTextAsync(file, "rules: []\ndeadlines:\n  P3: { within: 4h, deputy: comms, hours: business }\n", Ct);
        await using var host = new CmBotHost(store, [
            new("CmBot:ApprovalsFile", file),
            new("Reporting:TimeZone", "UTC"),
            new("Reporting:BusinessStart", "08:00"),
            new("Reporting:BusinessEnd", "12:00"),
        ]);

        var deadline = host.Services.GetRequiredService<ApprovalDeadlines>().For(Core.Incidents.Severity.P3)!;
        // Friday 11:00 UTC: one hour left that day, three more on Monday morning.
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 11, 0, 0, TimeSpan.Zero), deadline.Times(new DateTimeOffset(2026, 11, 27, 11, 0, 0, TimeSpan.Zero)).DueAt);
    }

    [Fact]
    public async Task LateApproval_ReminderThenDeputy_DeputySignsAsDeputyOfLegal_StrangerRefused()
    {
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, Ct);
        var file = Path.Combine(store.DataFolder, "approvals-deadlines.yaml");
        await File.WriteAllTextAsync(file, Approvals, Ct);
        await using var host = new CmBotHost(store, [new("CmBot:ApprovalsFile", file)]);
        await host.WaitForReplayAsync(Ct);
        var incidentId = (await host.QueryAsync(db => db.Incidents.SingleAsync(Ct))).Id.ToString();
        Assert.Equal(200, (await host.ActAsync("camille", ActionVerbs.Draft, incidentId)).Status);
        var id = (await host.QueryAsync(db => db.Drafts.AsNoTracking().SingleAsync(Ct))).Id.ToString();

        // On time, the deputy is just another person without the legal role.
        var tooEarly = await host.ActAsync("hugo", ActionVerbs.Approve, id);

        var fired = await Eventually.TrueAsync(() => FiredAsync(host), f => f.Count == 2, TimeSpan.FromSeconds(40), "the reminder and the deputy call", Ct);
        await host.WaitForOutboxAsync(Ct);
        var stranger = await host.ActAsync("paul", ActionVerbs.Approve, id);
        var deputy = await host.ActAsync("hugo", ActionVerbs.Approve, id, new Dictionary<string, string> { [CardInputs.Comment] = "Juridique injoignable" });

        Assert.Equal(403, tooEarly.Status);
        Assert.Equal([ApprovalNoticeKind.Reminder, ApprovalNoticeKind.Deputy], fired.Select(f => f.Kind));
        Assert.All(fired, f => Assert.True(f.FiredAt >= f.DueAt, $"{f.Kind} fired before it was due"));
        Assert.Contains("person:ines", fired[0].Recipients, StringComparison.Ordinal);
        Assert.Contains("person:hugo", fired[1].Recipients, StringComparison.Ordinal);
        var messages = await host.QueryAsync(db => db.SandboxMessages.AsNoTracking().ToListAsync(Ct));
        Assert.Single(messages, m => m.Channel == "@ines" && m.CardJson.Contains(ApprovalNoticeLabels.English.ReminderTitle, StringComparison.Ordinal));
        Assert.Single(messages, m => m.Channel == "@hugo" && m.CardJson.Contains("deputy", StringComparison.Ordinal));
        Assert.Equal(2, messages.Count(m => m.Channel == "#cm-alerts" && m.ThreadId is not null && m.CardJson.Contains("Approval", StringComparison.Ordinal)));

        Assert.Equal(403, stranger.Status);
        Assert.Equal(200, deputy.Status);
        var draft = await host.QueryAsync(db => db.Drafts.AsNoTracking().Include(d => d.Approvals).SingleAsync(Ct));
        Assert.Equal(DraftStatus.Approved, draft.Status);
        var approval = Assert.Single(draft.Approvals);
        Assert.Equal(("hugo", "legal"), (approval.ApproverId, approval.DeputyFor));

        var audit = await host.QueryAsync(db => db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync(Ct));
        Assert.Null(AuditChain.FirstBreak(audit));
        Assert.Single(audit, e => e.Action == AuditActions.ApprovalReminded);
        Assert.Single(audit, e => e.Action == AuditActions.ApprovalEscalatedToDeputy);
        Assert.Contains("\"asDeputyOf\":\"legal\"", Assert.Single(audit, e => e.Action == AuditActions.ApprovalGranted).Details, StringComparison.Ordinal);
        Assert.Equal(2, audit.Count(e => e.Action == AuditActions.ActionRefused));
    }

    [Fact]
    public async Task ApprovedBeforeTheReminder_NothingFires()
    {
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, Ct);
        var file = Path.Combine(store.DataFolder, "approvals-deadlines.yaml");
        await File.WriteAllTextAsync(file, Approvals, Ct);
        await using var host = new CmBotHost(store, [new("CmBot:ApprovalsFile", file)]);
        await host.WaitForReplayAsync(Ct);
        var incidentId = (await host.QueryAsync(db => db.Incidents.SingleAsync(Ct))).Id.ToString();
        Assert.Equal(200, (await host.ActAsync("camille", ActionVerbs.Draft, incidentId)).Status);
        var id = (await host.QueryAsync(db => db.Drafts.AsNoTracking().SingleAsync(Ct))).Id.ToString();

        Assert.Equal(200, (await host.ActAsync("ines", ActionVerbs.Approve, id)).Status);
        // Past both due times: the triggers fire, find the draft approved, and send nothing.
        await Task.Delay(TimeSpan.FromSeconds(8), Ct);

        Assert.Empty(await FiredAsync(host));
        var audit = await host.QueryAsync(db => db.AuditEvents.AsNoTracking().Select(e => e.Action).ToListAsync(Ct));
        Assert.DoesNotContain(AuditActions.ApprovalReminded, audit);
        Assert.DoesNotContain(AuditActions.ApprovalEscalatedToDeputy, audit);
    }
}
