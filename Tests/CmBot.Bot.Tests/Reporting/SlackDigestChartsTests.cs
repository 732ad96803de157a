using CmBot.Bot.Chat;
using CmBot.Bot.Reporting;
using CmBot.Bot.Reporting.Digests;
using CmBot.Bot.Storage;
using CmBot.Bot.Tests.Infrastructure;
using CmBot.Bot.Tests.Slack.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CmBot.Bot.Tests.Reporting;

/// <summary>
/// A digest reaches Slack as its card and then its three PNG charts, shared in the card's thread with the files
/// upload v2 flow (getUploadURLExternal, bytes to the URL, completeUploadExternal) against a fake Slack on
/// 127.0.0.1 answering Slack's documented shapes; through the outbox, so a lost answer never shares a chart twice.
/// </summary>
public sealed class SlackDigestChartsTests
{
    private const string Ceo = "U0CLAIRE01";

    private static readonly KeyValuePair<string, string?>[] NoSchedules =
    [
        new("Reporting:Digests:daily:Enabled", "false"),
        new("Reporting:Digests:weekly:Enabled", "false"),
        new("Reporting:Digests:monthly:Enabled", "false"),
        new("Reporting:SlaAlerts:Enabled", "false"),
    ];

    private static readonly DateTimeOffset Slot = new(2026, 11, 26, 7, 0, 0, TimeSpan.Zero);

    private static async Task RunAsync(CmBotHost host, DigestSchedule schedule, CancellationToken ct)
    {
        await using var scope = host.Services.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<DigestRunner>().RunAsync(schedule, Slot, ct));
    }

    private static Task<List<OutboxMessage>> DoneAsync(CmBotHost host, int rows, CancellationToken ct) =>
        Eventually.TrueAsync(
            () => host.QueryAsync(db => db.Outbox.AsNoTracking().Where(o => o.State == OutboxState.Sent || o.State == OutboxState.Failed).ToListAsync(ct)),
            done => done.Count == rows,
            TimeSpan.FromSeconds(60),
            $"{rows} outbox rows to be done",
            ct);

    [Fact]
    public async Task Digest_SlackEnabled_PostsTheCardThenSharesThreeChartsInItsThread()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using var slack = await FakeSlackServer.StartAsync(channelRate: 0);
        await using var host = SlackDeliveryHost.Create(store, slack, clientRate: 20, extra: NoSchedules);

        await RunAsync(host, new DigestSchedule("daily", "0 0 8 * * ?", TimeSpan.FromDays(1), DigestAudiences.Alerts), ct);
        var rows = await DoneAsync(host, 4, ct);

        Assert.All(rows, r => Assert.Equal(OutboxState.Sent, r.State));
        var card = Assert.Single(slack.State.Messages(SlackDeliveryHost.Alerts), m => m.ThreadTs is null);
        Assert.Contains("CmBot report", card.Text, StringComparison.Ordinal);
        var charts = slack.State.Messages(SlackDeliveryHost.Alerts).Where(m => m.FileId is not null).ToList();
        Assert.Equal(3, charts.Count);
        Assert.All(charts, c => Assert.Equal(card.Ts, c.ThreadTs));
        Assert.Equal(["Incidents by severity", "Time to acknowledge", "Volume and sentiment"], charts.Select(c => c.Text).Order());

        Assert.Equal(3, slack.Calls("files.getUploadURLExternal").Count);
        var completes = slack.Calls("files.completeUploadExternal");
        Assert.Equal(3, completes.Count);
        Assert.All(completes, c => Assert.Equal(SlackDeliveryHost.Alerts, c.Args["channel_id"]!.GetValue<string>()));
        Assert.All(completes, c => Assert.Equal(card.Ts, c.Args["thread_ts"]!.GetValue<string>()));
        Assert.All(slack.Calls("upload"), u => Assert.Null(u.Authorization));
        foreach (var upload in rows.Where(r => r.Kind == OutboxKinds.UploadImage))
        {
            Assert.NotNull(upload.ExternalId);
            PngAssert.Valid(slack.State.Uploads[upload.ExternalId], ReportCharts.Width, ReportCharts.Height);
        }
    }

    [Fact]
    public async Task Upload_ShareAnswerLostAfterSlackSharedIt_AdoptedNotSharedTwice()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using var slack = await FakeSlackServer.StartAsync(channelRate: 0);
        slack.State.Inject(new FakeSlackFault("files.completeUploadExternal") { Status = 503, ApplyAnyway = true });
        await using var host = SlackDeliveryHost.Create(store, slack, clientRate: 20, extra: NoSchedules);

        await RunAsync(host, new DigestSchedule("daily", "0 0 8 * * ?", TimeSpan.FromDays(1), DigestAudiences.Alerts), ct);
        var rows = await DoneAsync(host, 4, ct);

        Assert.All(rows, r => Assert.Equal(OutboxState.Sent, r.State));
        Assert.Equal(3, slack.State.FileShares.Count);
        Assert.Equal(3, slack.State.Messages(SlackDeliveryHost.Alerts).Count(m => m.FileId is not null));
        Assert.Equal(3, slack.Calls("files.getUploadURLExternal").Count);
        Assert.Equal(3, slack.Calls("upload").Count);
        Assert.Single(slack.Calls("files.info"));
        Assert.Equal(3, slack.Calls("files.completeUploadExternal").Count);
    }

    [Fact]
    public async Task Upload_ShareFailsBeforeSlackSharedIt_RetrySharesTheSameFile()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using var slack = await FakeSlackServer.StartAsync(channelRate: 0);
        slack.State.Inject(new FakeSlackFault("files.completeUploadExternal") { Status = 503 });
        await using var host = SlackDeliveryHost.Create(store, slack, clientRate: 20, extra: NoSchedules);

        await RunAsync(host, new DigestSchedule("daily", "0 0 8 * * ?", TimeSpan.FromDays(1), DigestAudiences.Alerts), ct);
        var rows = await DoneAsync(host, 4, ct);

        Assert.All(rows, r => Assert.Equal(OutboxState.Sent, r.State));
        Assert.Equal(3, slack.Calls("files.getUploadURLExternal").Count);
        Assert.Equal(3, slack.State.Uploads.Count);
        Assert.Equal(4, slack.Calls("files.completeUploadExternal").Count);
        Assert.Equal(3, slack.State.Messages(SlackDeliveryHost.Alerts).Count(m => m.FileId is not null));
        var retried = Assert.Single(rows, r => r.Attempts == 1);
        Assert.Equal(OutboxKinds.UploadImage, retried.Kind);
    }

    [Fact]
    public async Task Digest_CeoAudienceWithSlackId_GoesByDirectMessageWithItsCharts()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        var people = Path.Combine(store.DataFolder, "people.yaml");
        await File.WriteAllTextAsync(people, $"""
            people:
              - id: camille
                name: Camille Martin
                roles: [community-manager]
              - id: hugo
                name: Hugo Lefèvre
                roles: [lead]
              - id: claire
                name: Claire Dubois
                roles: [ceo]
                slack: {Ceo}
            """, ct);
        await using var slack = await FakeSlackServer.StartAsync(channelRate: 0);
        await using var host = SlackDeliveryHost.Create(store, slack, clientRate: 20, extra: [.. NoSchedules, new("CmBot:PeopleFile", people)]);

        await RunAsync(host, new DigestSchedule("monthly", "0 0 9 1 * ?", TimeSpan.FromDays(30), DigestAudiences.Ceo), ct);
        var rows = await DoneAsync(host, 4, ct);

        Assert.All(rows, r => Assert.Equal("@" + Ceo, r.Channel));
        Assert.All(rows, r => Assert.Equal(OutboxState.Sent, r.State));
        var dm = FakeSlackState.ChannelIdOf(Ceo);
        Assert.Equal(dm, Assert.Single(slack.Calls("conversations.open")).Args["users"] is { } users ? FakeSlackState.ChannelIdOf(users.GetValue<string>()) : null);
        Assert.Single(slack.State.Messages(dm), m => m.FileId is null);
        Assert.Equal(3, slack.State.Messages(dm).Count(m => m.FileId is not null));
        Assert.Empty(slack.State.Messages(SlackDeliveryHost.Direction));
    }

    [Fact]
    public async Task Digest_LeadsAudienceWithoutLeadsChannel_FallsBackToAlerts()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using var slack = await FakeSlackServer.StartAsync(channelRate: 0);
        await using var host = SlackDeliveryHost.Create(store, slack, clientRate: 20, extra: NoSchedules);

        await RunAsync(host, new DigestSchedule("weekly", "0 0 9 ? * MON", TimeSpan.FromDays(7), DigestAudiences.Leads), ct);
        var rows = await DoneAsync(host, 4, ct);

        Assert.All(rows, r => Assert.Equal(SlackDeliveryHost.Alerts, r.Channel));
    }

    [Fact]
    public async Task Digest_LeadsAudienceWithLeadsChannel_GoesThere()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using var slack = await FakeSlackServer.StartAsync(channelRate: 0);
        await using var host = SlackDeliveryHost.Create(store, slack, clientRate: 20, extra: [.. NoSchedules, new("Slack:Channels:Leads", "C0LEADS001")]);

        await RunAsync(host, new DigestSchedule("weekly", "0 0 9 ? * MON", TimeSpan.FromDays(7), DigestAudiences.Leads), ct);
        await DoneAsync(host, 4, ct);

        Assert.Equal(4, slack.State.Messages("C0LEADS001").Count);
        Assert.Empty(slack.State.Messages(SlackDeliveryHost.Alerts));
    }
}
