using CmBot.Bot.Slack;
using CmBot.Bot.Storage;
using CmBot.Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static CmBot.Bot.Tests.Slack.Web.SlackDeliveryHost;

namespace CmBot.Bot.Tests.Slack.Web;

/// <summary>
/// The outbox delivering to Slack through the real host and a fake Slack that enforces a per-channel rate:
/// complete, exactly once, in order per channel, within the limit; and safe across a crash between claim and send.
/// The fake runs at 10-20 msg/s per channel so 500 alerts take seconds (the benchmark runs Slack's real 1 msg/s).
/// </summary>
public sealed class SlackDeliveryTests
{
    private const double Rate = 20;
    private const double BurstRate = 10;
    private static readonly string[] Channels = [Alerts, Legal, Direction];

    [Fact]
    public async Task Burst500_ThreeChannels_DeliveredOnceInOrderWithinTheChannelLimit()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using var slack = await FakeSlackServer.StartAsync(channelRate: BurstRate, channelBurst: 3);

        // A client burst of 1 leaves two spare tokens (200 ms) at Slack for the scheduling jitter of a busy test machine.
        await using var host = Create(store, slack, clientRate: BurstRate, extra: [new("Slack:WebApi:ChannelBurst", "1")]);
        _ = host.Services;
        var now = DateTimeOffset.UtcNow;
        var rows = Enumerable.Range(0, 500)
            .Select(i => Row(Channels[i % 3], "incident", $"{i}", priority: 1 + ((i * 7) % 4), now))
            .ToList();

        await EnqueueAsync(host, rows, ct);
        await WaitUntilDoneAsync(host, 500, TimeSpan.FromSeconds(120), ct);

        var sent = await host.QueryAsync(db => db.Outbox.AsNoTracking().ToListAsync(ct));
        Assert.All(sent, r => Assert.Equal(OutboxState.Sent, r.State));
        var messages = slack.State.AllMessages();
        Assert.Equal(500, messages.Count);
        Assert.Equal(sent.Select(r => r.IdempotencyKey).Order(), messages.Select(m => m.MetadataKey!).Order());
        Assert.All(sent, r => Assert.Equal(r.ExternalId, messages.Single(m => m.MetadataKey == r.IdempotencyKey).Ts));

        foreach (var channel in Channels)
        {
            // P1 first, then oldest, in each channel.
            var expected = sent.Where(r => r.Channel == channel).OrderBy(r => r.Priority).ThenBy(r => r.Id).Select(r => r.IdempotencyKey);
            var calls = slack.Calls("chat.postMessage").Where(c => c.ChannelId == channel).ToList();
            var accepted = calls.Where(c => c.Status == 200).ToList();
            Assert.Equal(expected, accepted.Select(c => c.Args["metadata"]!["event_payload"]!["key"]!.GetValue<string>()));

            // Never faster than the channel's limit, and every 429 waited out before the next try.
            var span = (accepted[^1].At - accepted[0].At).TotalSeconds;
            Assert.True(accepted.Count - 1 <= 3 + (BurstRate * span), $"{accepted.Count} posts in {span:0.00} s to {channel}");
            var limited = calls.Where(c => c.Status == 429).ToList();
            TestContext.Current.SendDiagnosticMessage($"{channel}: {accepted.Count} posts in {span:0.0} s, {limited.Count} refused with 429");
            Assert.True(limited.Count <= accepted.Count / 20, $"{limited.Count} of {calls.Count} posts to {channel} were refused with 429");
            Assert.All(limited, l => Assert.DoesNotContain(calls, c => c.At > l.At && c.At < l.At + l.RetryAfter!.Value));
        }
    }

    [Fact]
    public async Task CrashAfterPost_RowClaimedBeforeAndMessageInSlack_AdoptedNotPostedAgain()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using var slack = await FakeSlackServer.StartAsync(channelRate: Rate);
        await using var host = Create(store, slack, clientRate: Rate);
        _ = host.Services;
        var queued = DateTimeOffset.UtcNow.AddMinutes(-10);
        var row = Crashed(Row(Alerts, "incident", "41", 1, queued));
        var earlier = slack.Seed(Alerts, "#41 alert", row.IdempotencyKey);

        await EnqueueAsync(host, [row], ct);
        await WaitUntilDoneAsync(host, 1, TimeSpan.FromSeconds(30), ct);

        var after = await host.QueryAsync(db => db.Outbox.AsNoTracking().SingleAsync(ct));
        Assert.Equal(OutboxState.Sent, after.State);
        Assert.Equal(earlier.Ts, after.ExternalId);
        Assert.Empty(slack.Calls("chat.postMessage"));
        Assert.Single(slack.Calls("conversations.history"));
        Assert.Single(slack.State.Messages(Alerts));
        Assert.Equal(earlier.Ts, (await host.QueryAsync(db => db.ChatMessages.AsNoTracking().SingleAsync(ct))).ExternalId);
    }

    [Fact]
    public async Task CrashBeforePost_RowClaimedBeforeAndNothingInSlack_PostedOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using var slack = await FakeSlackServer.StartAsync(channelRate: Rate);
        await using var host = Create(store, slack, clientRate: Rate);
        _ = host.Services;
        slack.Seed(Alerts, "someone else's message", metadataKey: null);
        var row = Crashed(Row(Alerts, "incident", "42", 1, DateTimeOffset.UtcNow.AddMinutes(-10)));

        await EnqueueAsync(host, [row], ct);
        await WaitUntilDoneAsync(host, 1, TimeSpan.FromSeconds(30), ct);

        var after = await host.QueryAsync(db => db.Outbox.AsNoTracking().SingleAsync(ct));
        Assert.Equal(OutboxState.Sent, after.State);
        Assert.Single(slack.Calls("conversations.history"));
        var posted = Assert.Single(slack.State.Messages(Alerts), m => m.MetadataKey == row.IdempotencyKey);
        Assert.Equal(posted.Ts, after.ExternalId);
        Assert.Single(slack.Calls("chat.postMessage"));
    }

    [Fact]
    public async Task CrashAfterThreadReply_DraftAlreadyInThread_AdoptedFromReplies()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using var slack = await FakeSlackServer.StartAsync(channelRate: Rate);
        await using var host = Create(store, slack, clientRate: Rate);
        _ = host.Services;
        var root = slack.Seed(Alerts, "#43 alert", "slack:C0ALERTS01:incident:43:v1");
        var row = Crashed(Row(Alerts, "draft", "9", 1, DateTimeOffset.UtcNow.AddMinutes(-10), threadSubjectId: "43"));
        var reply = slack.Seed(Alerts, "draft", row.IdempotencyKey, threadTs: root.Ts);
        var rootRef = new ChatMessageRef
        {
            Platform = "slack", Channel = Alerts, SubjectType = "incident", SubjectId = "43", ExternalId = root.Ts, Version = 1,
            CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
        };

        await EnqueueAsync(host, [row], ct, [rootRef]);
        await WaitUntilDoneAsync(host, 1, TimeSpan.FromSeconds(30), ct);

        var after = await host.QueryAsync(db => db.Outbox.AsNoTracking().SingleAsync(ct));
        Assert.Equal(reply.Ts, after.ExternalId);
        Assert.Equal(root.Ts, Assert.Single(slack.Calls("conversations.replies")).Args["ts"]!.GetValue<string>());
        Assert.Empty(slack.Calls("chat.postMessage"));
    }

    [Fact]
    public async Task PostTimedOut_SlackPostedItAnyway_AdoptedWithoutSecondPost()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using var slack = await FakeSlackServer.StartAsync(channelRate: Rate);
        await using var host = Create(store, slack, clientRate: Rate, extra: [new("Slack:WebApi:RequestTimeoutSeconds", "1")]);
        _ = host.Services;
        slack.State.Inject(new FakeSlackFault("chat.postMessage") { Delay = TimeSpan.FromSeconds(3), ApplyAnyway = true });
        var row = Row(Alerts, "incident", "44", 1, DateTimeOffset.UtcNow);

        await EnqueueAsync(host, [row], ct);
        await WaitUntilDoneAsync(host, 1, TimeSpan.FromSeconds(30), ct);

        var after = await host.QueryAsync(db => db.Outbox.AsNoTracking().SingleAsync(ct));
        Assert.Equal(OutboxState.Sent, after.State);
        var only = Assert.Single(slack.State.Messages(Alerts));
        Assert.Equal(only.Ts, after.ExternalId);
        Assert.Single(slack.Calls("chat.postMessage"));
    }

    [Fact]
    public async Task PostTimedOut_NotInSlack_NextAttemptLooksAgainThenPostsOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using var slack = await FakeSlackServer.StartAsync(channelRate: Rate);
        await using var host = Create(store, slack, clientRate: Rate, extra: [new("Slack:WebApi:RequestTimeoutSeconds", "1")]);
        _ = host.Services;
        slack.State.Inject(new FakeSlackFault("chat.postMessage") { Delay = TimeSpan.FromSeconds(3) });
        var row = Row(Alerts, "incident", "45", 1, DateTimeOffset.UtcNow);

        await EnqueueAsync(host, [row], ct);
        await WaitUntilDoneAsync(host, 1, TimeSpan.FromSeconds(30), ct);

        var after = await host.QueryAsync(db => db.Outbox.AsNoTracking().SingleAsync(ct));
        Assert.Equal(OutboxState.Sent, after.State);
        Assert.Equal(1, after.Attempts);
        Assert.StartsWith(SlackChatPlatform.MayHavePosted, after.LastError, StringComparison.Ordinal);
        Assert.Equal(2, slack.Calls("conversations.history").Count);
        Assert.Single(slack.State.Messages(Alerts));
    }

    [Fact]
    public async Task PostTimedOutThenRetryFails_DoubtKept_ThirdAttemptLooksAgainThenPostsOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using var slack = await FakeSlackServer.StartAsync(channelRate: Rate);
        await using var host = Create(store, slack, clientRate: Rate, extra: [new("Slack:WebApi:RequestTimeoutSeconds", "1")]);
        _ = host.Services;
        slack.State.Inject(new FakeSlackFault("chat.postMessage") { Delay = TimeSpan.FromSeconds(3) });
        slack.State.Inject(new FakeSlackFault("chat.postMessage") { Error = "service_unavailable" });

        await EnqueueAsync(host, [Row(Alerts, "incident", "47", 1, DateTimeOffset.UtcNow)], ct);
        await WaitUntilDoneAsync(host, 1, TimeSpan.FromSeconds(30), ct);

        var after = await host.QueryAsync(db => db.Outbox.AsNoTracking().SingleAsync(ct));
        Assert.Equal(OutboxState.Sent, after.State);
        Assert.Equal(2, after.Attempts);
        Assert.Equal(3, slack.Calls("conversations.history").Count);
        Assert.Single(slack.State.Messages(Alerts));
    }

    [Fact]
    public async Task Post_ChannelNotFound_FailedAtOnceWithAClearReason()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using var slack = await FakeSlackServer.StartAsync(channelRate: Rate);
        await using var host = Create(store, slack, clientRate: Rate);
        _ = host.Services;
        slack.State.Inject(new FakeSlackFault("chat.postMessage") { Error = "channel_not_found" });

        await EnqueueAsync(host, [Row(Alerts, "incident", "46", 1, DateTimeOffset.UtcNow)], ct);
        await WaitUntilDoneAsync(host, 1, TimeSpan.FromSeconds(30), ct);

        var after = await host.QueryAsync(db => db.Outbox.AsNoTracking().SingleAsync(ct));
        Assert.Equal(OutboxState.Failed, after.State);
        Assert.StartsWith($"Slack chat.postMessage to {Alerts} failed: channel_not_found", after.LastError, StringComparison.Ordinal);
        Assert.Single(slack.Calls("chat.postMessage"));
    }

    /// <summary>A row a sender claimed and then died on: still Sending, lease long over, one claim and no attempt recorded.</summary>
    private static OutboxMessage Crashed(OutboxMessage row)
    {
        row.State = OutboxState.Sending;
        row.ClaimedAt = row.CreatedAt;
        row.Claims = 1;
        return row;
    }
}
