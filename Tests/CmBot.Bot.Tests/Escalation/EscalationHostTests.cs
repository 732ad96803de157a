using CmBot.Bot.Escalation;
using CmBot.Bot.Tests.Infrastructure;
using CmBot.Core.Audit;
using CmBot.Core.Chat;
using CmBot.Core.Escalation;
using CmBot.Core.Incidents;
using Microsoft.EntityFrameworkCore;

namespace CmBot.Bot.Tests.Escalation;

/// <summary>
/// The escalation ladder in a running host (sandbox chat, persistent Quartz triggers on wall-clock time): steps fire
/// once and in order, acknowledging stops the climb, "escalate now" and "snooze" move it, and every lifecycle action
/// is checked against roles and audited.
/// </summary>
public sealed class EscalationHostTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static CmBotHost Host(TestStore store, string ladder, int incidents = 1) =>
        new(store, [
            new("CmBot:EscalationFile", ladder),
            new("Feeds:Replay:File", EscalationKit.WriteReplay(store.DataFolder, incidents)),
            new("Feeds:Replay:IntervalSeconds", "1"),
        ]);

    private static Task<Incident> IncidentAsync(CmBotHost host) =>
        Eventually.TrueAsync(
            () => host.QueryAsync(db => db.Incidents.AsNoTracking().FirstOrDefaultAsync(Ct)),
            i => i is not null,
            TimeSpan.FromSeconds(30),
            "the incident to open",
            Ct)!;

    [Fact]
    public async Task Ladder_NobodyAcknowledges_EachStepFiresOnceInOrderToItsTargets()
    {
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, Ct);
        await using var host = Host(store, EscalationKit.WriteLadder(store.DataFolder, EscalationKit.FourSteps));
        var incident = await IncidentAsync(host);

        var fired = await Eventually.TrueAsync(
            () => host.QueryAsync(db => EscalationKit.FiredAsync(db, Ct)),
            f => f.Count == 4,
            TimeSpan.FromSeconds(40),
            "the four steps to fire",
            Ct);
        await host.WaitForOutboxAsync(Ct);

        Assert.Equal([0, 1, 2, 3], fired.Select(f => f.Sequence));
        Assert.All(fired, f => Assert.Equal(incident.Id, f.IncidentId));
        Assert.All(fired.Skip(1), f => Assert.True(f.FiredAt >= f.DueAt, $"step {f.Sequence} fired before it was due"));
        Assert.Equal(["channel:alerts", "person:hugo", "channel:legal", "person:claire"], fired.Select(f => f.Recipients));

        // One note per step in the alert's thread; the lead and the CEO get the alert card by direct message.
        var messages = await host.QueryAsync(db => db.SandboxMessages.AsNoTracking().ToListAsync(Ct));
        var notes = messages.Where(m => m.Channel == "#cm-alerts" && m.ThreadId is not null && m.CardJson.Contains("Escalation", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, notes.Count);
        Assert.Single(messages, m => m.Channel == "@hugo" && m.ThreadId is null);
        Assert.Single(messages, m => m.Channel == "@claire" && m.ThreadId is null);
        Assert.Single(messages, m => m.Channel == "#legal" && m.ThreadId is null);
        Assert.Equal(4, await host.QueryAsync(db => db.AuditEvents.CountAsync(e => e.Action == AuditActions.EscalationStepFired, Ct)));
    }

    [Fact]
    public async Task Acknowledge_StopsTheClimb_RemindersFollowUntilResolved()
    {
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, Ct);
        var ladder = EscalationKit.WriteLadder(store.DataFolder, ["0s=channel:alerts", "4s=role:lead"], "remindEvery: 2s", "maxReminders: 1", "remind: [channel:alerts]");
        await using var host = Host(store, ladder);
        var incident = await IncidentAsync(host);
        await Eventually.TrueAsync(() => host.QueryAsync(db => EscalationKit.FiredAsync(db, Ct)), f => f.Count == 1, TimeSpan.FromSeconds(20), "step 0", Ct);

        var (status, message) = await host.ActAsync("camille", ActionVerbs.Acknowledge, incident.Id.ToString());
        Assert.Equal(200, status);
        Assert.Contains("acknowledged", message, StringComparison.Ordinal);

        var fired = await Eventually.TrueAsync(
            () => host.QueryAsync(db => EscalationKit.FiredAsync(db, Ct)),
            f => f.Any(x => x.Kind == NoticeKind.Reminder),
            TimeSpan.FromSeconds(20),
            "the reminder",
            Ct);
        await Task.Delay(TimeSpan.FromSeconds(5) - (DateTimeOffset.UtcNow - fired[0].FiredAt) is { Ticks: > 0 } rest ? rest : TimeSpan.Zero, Ct);

        fired = await host.QueryAsync(db => EscalationKit.FiredAsync(db, Ct));
        Assert.Equal([(NoticeKind.Step, 0), (NoticeKind.Reminder, 0)], fired.Select(f => (f.Kind, f.Sequence)));
    }

    [Fact]
    public async Task EscalateNowThenSnooze_NextStepAtOnceThenLater_BothAudited()
    {
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, Ct);
        var ladder = EscalationKit.WriteLadder(store.DataFolder, ["0s=channel:alerts", "10m=role:lead", "20m=role:ceo"]);
        await using var host = Host(store, ladder);
        var incident = await IncidentAsync(host);
        await Eventually.TrueAsync(() => host.QueryAsync(db => EscalationKit.FiredAsync(db, Ct)), f => f.Count == 1, TimeSpan.FromSeconds(20), "step 0", Ct);

        var now = await host.ActAsync("camille", ActionVerbs.EscalateNow, incident.Id.ToString());
        var afterNow = await host.QueryAsync(db => EscalationKit.FiredAsync(db, Ct));
        var snooze = await host.ActAsync("camille", ActionVerbs.Snooze, incident.Id.ToString(), new Dictionary<string, string> { [CardInputs.SnoozeMinutes] = "45" });
        var tooLong = await host.ActAsync("camille", ActionVerbs.Snooze, incident.Id.ToString(), new Dictionary<string, string> { [CardInputs.SnoozeMinutes] = "5000" });

        Assert.Equal(200, now.Status);
        Assert.Equal([0, 1], afterNow.Select(f => f.Sequence));
        Assert.Equal("person:hugo", afterNow[1].Recipients);
        Assert.Equal(200, snooze.Status);
        var state = await host.QueryAsync(db => db.Set<EscalationState>().AsNoTracking().SingleAsync(Ct));
        Assert.NotNull(state.SnoozedUntil);
        Assert.InRange(state.SnoozedUntil!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(40), TimeSpan.FromMinutes(46));
        Assert.NotEqual(200, tooLong.Status);
        Assert.Contains("24", tooLong.Message, StringComparison.Ordinal);
        var actions = await host.QueryAsync(db => db.AuditEvents.AsNoTracking().Select(e => e.Action).ToListAsync(Ct));
        Assert.Contains(AuditActions.EscalationEscalatedNow, actions);
        Assert.Contains(AuditActions.EscalationSnoozed, actions);
    }

    [Fact]
    public async Task Lifecycle_AssignResolveDismiss_RolesCheckedAndAudited()
    {
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, Ct);
        var ladder = EscalationKit.WriteLadder(store.DataFolder, ["0s=channel:alerts", "10m=role:lead"]);
        await using var host = Host(store, ladder, incidents: 2);
        await Eventually.TrueAsync(() => host.QueryAsync(db => db.Incidents.CountAsync(Ct)), n => n == 2, TimeSpan.FromSeconds(30), "two incidents", Ct);
        var incidents = await host.QueryAsync(db => db.Incidents.AsNoTracking().OrderBy(i => i.Number).ToListAsync(Ct));
        var (first, second) = (incidents[0].Id.ToString(), incidents[1].Id.ToString());
        var assignee = new Dictionary<string, string> { [CardInputs.Assignee] = "hugo" };

        var cmAssignsOther = await host.ActAsync("camille", ActionVerbs.Assign, first, assignee);
        var leadAssigns = await host.ActAsync("hugo", ActionVerbs.Assign, first, new Dictionary<string, string> { [CardInputs.Assignee] = "camille" });
        var legalResolves = await host.ActAsync("ines", ActionVerbs.Resolve, first);
        var resolved = await host.ActAsync("camille", ActionVerbs.Resolve, first);
        var badReason = await host.ActAsync("camille", ActionVerbs.Dismiss, second, new Dictionary<string, string> { [CardInputs.DismissReason] = "boring" });
        var dismissed = await host.ActAsync("camille", ActionVerbs.Dismiss, second, new Dictionary<string, string> { [CardInputs.DismissReason] = "false positive" });

        Assert.NotEqual(200, cmAssignsOther.Status);
        Assert.Contains("lead", cmAssignsOther.Message, StringComparison.Ordinal);
        Assert.Equal(200, leadAssigns.Status);
        Assert.NotEqual(200, legalResolves.Status);
        Assert.Equal(200, resolved.Status);
        Assert.NotEqual(200, badReason.Status);
        Assert.Equal(200, dismissed.Status);
        var after = await host.QueryAsync(db => db.Incidents.AsNoTracking().OrderBy(i => i.Number).ToListAsync(Ct));
        Assert.Equal((IncidentStatus.Resolved, "camille", "camille"), (after[0].Status, after[0].AssignedTo, after[0].ClosedBy));
        Assert.Equal((IncidentStatus.Dismissed, DismissReason.FalsePositive), (after[1].Status, after[1].DismissReason));
        var audit = await host.QueryAsync(db => db.AuditEvents.AsNoTracking().Select(e => e.Action).ToListAsync(Ct));
        Assert.Equal(3, audit.Count(a => a == AuditActions.ActionRefused));
        Assert.Contains(AuditActions.IncidentAssigned, audit);
        Assert.Contains(AuditActions.IncidentResolved, audit);
        Assert.Contains(AuditActions.IncidentDismissed, audit);

        // A closed incident's card loses its actions everywhere it is shown.
        await host.WaitForOutboxAsync(Ct);
        var root = await host.QueryAsync(db => db.SandboxMessages.AsNoTracking().FirstAsync(m => m.Channel == "#cm-alerts" && m.ThreadId == null && m.CardJson.Contains("#1 "), Ct));
        Assert.DoesNotContain(ActionVerbs.Acknowledge, root.CardJson, StringComparison.Ordinal);
        Assert.DoesNotContain(ActionVerbs.Resolve, root.CardJson, StringComparison.Ordinal);
    }
}
