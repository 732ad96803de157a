using CmBot.Bot.Routing;
using CmBot.Bot.Storage;
using CmBot.Bot.Tests.Infrastructure;
using CmBot.Core.Audit;
using CmBot.Core.Incidents;
using CmBot.Core.Routing;
using CmBot.Core.Triage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CmBot.Bot.Tests.Routing;

/// <summary>The host asks routing.yaml where alerts go; a silence holds the card back but keeps the incident.</summary>
public sealed class AlertRoutingHostTests
{
    /// <summary>Every alert to the team; a P1 to the receiver of the <c>crisis</c> channel key.</summary>
    private const string CrisisRoute = """
        receivers:
          - name: team
            channels: [alerts]
          - name: crisis
            channels: [crisis]
        route:
          receiver: team
          group_wait: 0s
          group_interval: 0s
          routes:
            - matchers: ["severity=P1"]
              receiver: crisis
        """;

    private static string Write(string yaml)
    {
        var file = Path.Combine(Path.GetTempPath(), $"routing-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, yaml);
        return file;
    }

    [Fact]
    public async Task Replay_ConfiguredSilence_StoresIncidentButSendsNoCardAndAuditsWhy()
    {
        var ct = TestContext.Current.CancellationToken;
        var file = Write("""
            receivers:
              - name: team
                channels: [alerts]
            route:
              receiver: team
            silences:
              - matchers: ["severity=~P1|P2"]
                starts_at: "2000-01-01T00:00:00Z"
                ends_at: "2100-01-01T00:00:00Z"
                created_by: camille
                reason: drill
            """);
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using var host = new CmBotHost(store, [new("CmBot:RoutingFile", file)]);

        await host.WaitForReplayAsync(ct);
        await host.WaitForOutboxAsync(ct);

        Assert.NotEmpty(await host.QueryAsync(db => db.Incidents.AsNoTracking().ToListAsync(ct)));
        Assert.Empty(await host.QueryAsync(db => db.SandboxMessages.AsNoTracking().Where(m => m.ThreadId == null).ToListAsync(ct)));
        Assert.Equal(0, await host.QueryAsync(db => db.AuditEvents.CountAsync(e => e.Action == AuditActions.AlertSent, ct)));
        var silenced = await host.QueryAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.Action == AuditActions.AlertSilenced).ToListAsync(ct));
        Assert.NotEmpty(silenced);
        Assert.Contains("drill", silenced[0].Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_CrisisRouteToCrisisKey_FallsBackToAlertsChannelWhenUnmapped()
    {
        var ct = TestContext.Current.CancellationToken;
        var file = Write(CrisisRoute);
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using var host = new CmBotHost(store, [new("CmBot:RoutingFile", file)]);

        await host.WaitForReplayAsync(ct);
        await host.WaitForOutboxAsync(ct);

        var roots = await host.QueryAsync(db => db.SandboxMessages.AsNoTracking().Where(m => m.ThreadId == null).ToListAsync(ct));
        Assert.Single(roots, m => m.Channel == "#cm-alerts");
        Assert.DoesNotContain(roots, m => m.Channel == "#direction");
    }

    [Fact]
    public async Task Replay_CrisisKeyMappedInSlack_P1GoesToThatChannel()
    {
        var ct = TestContext.Current.CancellationToken;
        var file = Write(CrisisRoute);
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        var slack = new Slack.Inbound.FakeSlackApi();
        await using var host = Slack.Inbound.SlackHost.Create(store, slack, replay: true, extra: [new("CmBot:RoutingFile", file), new("Slack:Channels:Crisis", "#cm-crisis")]);

        _ = host.Services;
        await Eventually.TrueAsync(
            () => Task.FromResult(slack.Messages.Any(m => m.Channel == "#cm-crisis" && m.ThreadTs is null)),
            sent => sent,
            TimeSpan.FromSeconds(90),
            "the P1 alert in the channel mapped to the crisis key (Slack:Channels:Crisis)",
            ct);

        Assert.Equal("#cm-crisis", host.Services.GetServices<Bot.Chat.IChatPlatform>().Single(p => p.Name == "slack").Channels.For("crisis"));
    }

    [Fact]
    public async Task Route_OpenP1OnSameTopicOnly_InhibitsTheLowerAlertOfThatTopic()
    {
        // The shipped inhibit rule compares topics, so the router reads only the open incidents of the alert's topic.
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using var host = new CmBotHost(store, [new("Feeds:Replay:Enabled", "false")]);
        Incident Open(int number, string key, Severity severity) =>
            Incident.Open(Guid.NewGuid(), number, key, $"incident {number}", new TriageResult("en", -0.5, [], null, severity, "test"), 10, DateTimeOffset.UnixEpoch);
        var crisis = Open(901, "topic:battery", Severity.P1);
        var sameTopic = Open(902, "topic:battery", Severity.P2);
        var otherTopic = Open(903, "topic:delivery", Severity.P2);
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CmBotDbContext>();
            db.Incidents.AddRange(crisis, sameTopic, otherTopic);
            await db.SaveChangesAsync(ct);
        }

        await using var routing = host.Services.CreateAsyncScope();
        var router = routing.ServiceProvider.GetRequiredService<AlertRouter>();
        var inhibited = await router.RouteAsync(sameTopic, [], ct);
        var sent = await router.RouteAsync(otherTopic, [], ct);
        var p1 = await router.RouteAsync(crisis, [], ct);

        Assert.Equal(Suppression.Inhibited, inhibited.Suppression);
        Assert.Contains("incident=901", inhibited.Why, StringComparison.Ordinal);
        Assert.Equal(Suppression.None, sent.Suppression);
        Assert.Equal(Suppression.None, p1.Suppression);
    }
}
