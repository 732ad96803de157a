using CmBot.Bot.Reporting.Sla;
using CmBot.Bot.Storage;
using CmBot.Bot.Tests.Infrastructure;
using CmBot.Core.Audit;
using CmBot.Core.Chat;
using CmBot.Core.Incidents;
using CmBot.Core.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CmBot.Bot.Tests.Reporting;

/// <summary>
/// SLA warnings on the real host over the sample replay: the scanner runs at chosen instants (a FakeTimeProvider
/// ahead of the incidents' opening), posts into each incident's thread, escalates breaches to the direction
/// channel, and never repeats a threshold, across scans, restarts and two instances.
/// </summary>
public sealed class SlaAlertHostTests
{
    /// <summary>Clocks that run around the clock, so the test does not depend on the hour it runs at; the job is off (scans are driven here).</summary>
    private static readonly KeyValuePair<string, string?>[] Settings =
    [
        new("Reporting:SlaAlerts:Enabled", "false"),
        new("Reporting:AroundTheClock:0", "P1"),
        new("Reporting:AroundTheClock:1", "P2"),
        new("Reporting:AroundTheClock:2", "P3"),
        new("Reporting:AroundTheClock:3", "P4"),
        new("Reporting:Digests:daily:Enabled", "false"),
        new("Reporting:Digests:weekly:Enabled", "false"),
        new("Reporting:Digests:monthly:Enabled", "false"),
    ];

    private static async Task<int> ScanAsync(CmBotHost host, DateTimeOffset at, CancellationToken ct)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var scanner = ActivatorUtilities.CreateInstance<SlaAlertScanner>(scope.ServiceProvider, (TimeProvider)new FakeTimeProvider(at));
        return await scanner.ScanAsync(ct);
    }

    /// <summary>The latest instant CmBot opened an incident (the SLA clocks start there).</summary>
    private static Task<DateTimeOffset> LastOpenedAsync(CmBotHost host, CancellationToken ct) =>
        host.QueryAsync(async db => (await db.AuditEvents.AsNoTracking().Where(e => e.Action == AuditActions.IncidentOpened).Select(e => e.At).ToListAsync(ct)).Max());

    private static Task<List<Incident>> OpenAsync(CmBotHost host, Severity severity, CancellationToken ct) =>
        host.QueryAsync(db => db.Incidents.AsNoTracking().Where(i => i.Status == IncidentStatus.Open && i.Severity == severity).ToListAsync(ct));

    [Fact]
    public async Task Scan_ReplayedIncidents_WarnsOnceInTheThreadThenEscalatesTheBreachAcrossARestart()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        DateTimeOffset opened;
        int p1;
        await using (var host = new CmBotHost(store, Settings))
        {
            await host.WaitForReplayAsync(ct);
            opened = await LastOpenedAsync(host, ct);
            p1 = (await OpenAsync(host, Severity.P1, ct)).Count;
            Assert.True(p1 > 0, "the sample replay opens at least one P1 incident");

            // 31 minutes in: every open P1 (1 h target) is past half, nothing else is.
            Assert.Equal(p1, await ScanAsync(host, opened.AddMinutes(31), ct));
            Assert.Equal(0, await ScanAsync(host, opened.AddMinutes(32), ct));
            await host.WaitForOutboxAsync(ct);

            var warnings = await host.QueryAsync(db => db.SandboxMessages.AsNoTracking().Where(m => m.CardJson.Contains("50% of the response target used")).ToListAsync(ct));
            Assert.Equal(p1, warnings.Count);
            Assert.All(warnings, w => Assert.NotNull(w.ThreadId));
            Assert.All(warnings, w => Assert.Equal("#cm-alerts", w.Channel));

            // Nobody owns them: the warning speaks to whoever the P1 policy's rotation (cm) has on call, by name.
            Assert.All(warnings, w => Assert.Matches("(Camille Martin|Hugo Lefèvre), you are on call", w.CardJson));
            Assert.All(warnings, w => Assert.Contains("\"mentions\":[{\"name\":", w.CardJson, StringComparison.Ordinal));
            Assert.Equal(p1, await host.QueryAsync(db => db.Set<SlaAlert>().CountAsync(a => a.Threshold == SlaThreshold.Half && a.Announced, ct)));
        }

        await using (var restarted = new CmBotHost(store, Settings))
        {
            var p2 = (await OpenAsync(restarted, Severity.P2, ct)).Count;

            // Two hours in: P1 breached (75% passed unannounced), P2 (4 h) at half.
            Assert.Equal(p1 + p2, await ScanAsync(restarted, opened.AddHours(2), ct));
            Assert.Equal(0, await ScanAsync(restarted, opened.AddHours(2).AddMinutes(1), ct));
            await restarted.WaitForOutboxAsync(ct);

            var breaches = await restarted.QueryAsync(db => db.SandboxMessages.AsNoTracking().Where(m => m.CardJson.Contains("Response target missed")).ToListAsync(ct));
            Assert.Equal(p1, breaches.Count(b => b.Channel == "#cm-alerts" && b.ThreadId is not null));
            Assert.Equal(p1, breaches.Count(b => b.Channel == "#direction" && b.ThreadId is null));
            Assert.Equal(p1, await restarted.QueryAsync(db => db.Set<SlaAlert>().CountAsync(a => a.Threshold == SlaThreshold.ThreeQuarters && !a.Announced, ct)));
            Assert.Equal(p1, await restarted.QueryAsync(db => db.AuditEvents.CountAsync(e => e.Action == AuditActions.SlaBreached, ct)));

            // The breach brought each P1's next escalation step forward, through the escalation engine, once.
            Assert.Equal(p1, await restarted.QueryAsync(db => db.AuditEvents.CountAsync(e => e.Action == AuditActions.EscalationEscalatedNow && e.ActorId == "cmbot", ct)));
            Assert.Equal(p1, await restarted.QueryAsync(db => db.AuditEvents.CountAsync(e => e.Action == AuditActions.SlaBreached && e.Details.Contains("\"escalated\":true"), ct)));
            Assert.Equal(p1 * 1 + p2, await restarted.QueryAsync(db => db.AuditEvents.CountAsync(e => e.Action == AuditActions.SlaWarningSent, ct)));
            var audit = await restarted.QueryAsync(db => db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync(ct));
            Assert.Null(AuditChain.FirstBreak(audit));
        }
    }

    [Fact]
    public async Task Scan_AcknowledgedIncident_IsNotWarned()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using var host = new CmBotHost(store, Settings);
        await host.WaitForReplayAsync(ct);
        var opened = await LastOpenedAsync(host, ct);
        var first = (await OpenAsync(host, Severity.P1, ct)).OrderBy(i => i.Number).First();
        var (status, _) = await host.ActAsync("camille", ActionVerbs.Acknowledge, first.Id.ToString());
        Assert.Equal(200, status);

        await ScanAsync(host, opened.AddHours(1), ct);

        Assert.False(await host.QueryAsync(db => db.Set<SlaAlert>().AnyAsync(a => a.IncidentId == first.Id, ct)));
        Assert.False(await host.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.SubjectId == first.Id.ToString() && e.Action.StartsWith("sla."), ct)));
    }

    [Theory]
    [InlineData(TestStore.Sqlite)]
    [InlineData(TestStore.Postgres)]
    public async Task Scan_TwoInstancesRace_EachThresholdOnce(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(provider, ct);
        await using var first = new CmBotHost(store, Settings);
        await first.WaitForReplayAsync(ct);
        await using var second = new CmBotHost(store, [.. Settings, new("Feeds:Replay:Enabled", "false")]);
        var at = (await LastOpenedAsync(first, ct)).AddHours(9);
        var open = await first.QueryAsync(db => db.Incidents.CountAsync(i => i.Status == IncidentStatus.Open && i.Severity != Severity.P4, ct));

        var sent = await Task.WhenAll(Enumerable.Range(0, 3).SelectMany(_ => new[] { ScanAsync(first, at, ct), ScanAsync(second, at, ct) }));

        // P1..P3 (1 h, 4 h, 8 h) are all breached after 9 h; P4 (3 d) has not reached half.
        Assert.Equal(open, sent.Sum());
        var alerts = await first.QueryAsync(db => db.Set<SlaAlert>().AsNoTracking().ToListAsync(ct));
        Assert.Equal(open, alerts.Count(a => a.Announced));
        Assert.Equal(alerts.Count, alerts.Select(a => (a.IncidentId, a.Threshold)).Distinct().Count());
        Assert.Equal(open, await first.QueryAsync(db => db.AuditEvents.CountAsync(e => e.Action == AuditActions.SlaBreached, ct)));
        Assert.Equal(open * 2, await first.QueryAsync(db => db.Outbox.CountAsync(o => o.SubjectType == SlaAlertScanner.Subject, ct)));
    }
}
