using System.Globalization;
using CmBot.Bot.Chat;
using CmBot.Bot.Storage;
using CmBot.Bot.Tests.Infrastructure;
using CmBot.Core.Chat;
using CmBot.Core.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CmBot.Bot.Tests.Storage;

/// <summary>The outbox: one root message per incident, edits in place, retries that honour Retry-After, nothing sent twice.</summary>
public sealed class OutboxTests
{
    private static CmBotHost Host(TestStore store, FakeChatPlatform fake, bool replay = true) =>
        new(store, [new("Sandbox:Enabled", "false"), new("Feeds:Replay:Enabled", replay ? "true" : "false")], s => s.AddSingleton<IChatPlatform>(fake));

    [Fact]
    public async Task Replay_CrisisBurst_OneRootPostPerChannelAndUpdatesInPlace()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        var fake = new FakeChatPlatform();
        await using var host = Host(store, fake);

        await host.WaitForReplayAsync(ct);

        // One root per channel the routing tree picks: alerts, direction (P1) and legal (the crisis carries a legal risk).
        Assert.Equal(["#alerts", "#exec", "#legal"], fake.Posts.Where(p => p.Thread is null).Select(p => p.Channel).Order());
        var rootIds = fake.Posts.Select((p, i) => (p.Thread, Id: (i + 1).ToString(CultureInfo.InvariantCulture))).Where(p => p.Thread is null).Select(p => p.Id).ToHashSet();
        Assert.All(fake.Updates, u => Assert.True(rootIds.Contains(u.Id), $"update of an unknown message {u.Id}"));

        // Each ladder's first step (P2 when it opened, P1 when the burst raised it) notes in the alert's thread who was
        // paged; this platform has no direct messages.
        var notes = fake.Posts.Where(p => p.Thread is not null && p.Title.StartsWith("Escalation", StringComparison.Ordinal)).ToList();
        Assert.InRange(notes.Count, 1, 2);

        // As the crisis grows, its thread gets a few updates (severity raised, mention milestones), not one per mention.
        var updates = fake.Posts.Where(p => p.Thread is not null && p.Title == "Update").ToList();
        // Each note is sent once (keyed by severity or milestone), so a channel gets at most one per milestone crossed
        // plus one per severity raise, however the burst interleaves with the sender.
        var mentions = await host.QueryAsync(db => db.Incidents.MaxAsync(i => i.MentionCount, ct));
        var bound = IncidentUpdates.MilestonesCrossed(0, mentions).Count + 3;
        Assert.NotEmpty(updates);
        Assert.True(bound < mentions / 2, $"{bound} possible updates for {mentions} mentions");
        Assert.All(updates.GroupBy(u => u.Channel), perChannel =>
        {
            Assert.InRange(perChannel.Count(), 1, bound);
            Assert.Equal(perChannel.Count(), perChannel.Select(u => u.Status).Distinct().Count());
        });
        var alertsRoot = fake.Posts.Select((p, i) => (p, Id: (i + 1).ToString(CultureInfo.InvariantCulture))).Single(x => x.p.Channel == "#alerts" && x.p.Thread is null).Id;
        Assert.All(notes, n => Assert.Equal(("#alerts", alertsRoot), (n.Channel, n.Thread)));
        Assert.All(notes, n => Assert.StartsWith("Escalation", n.Title, StringComparison.Ordinal));
        var superseded = await host.QueryAsync(db => db.Outbox.CountAsync(o => o.State == OutboxState.Superseded, ct));
        var sent = await host.QueryAsync(db => db.Outbox.CountAsync(o => o.State == OutboxState.Sent, ct));
        Assert.Equal(fake.Posts.Count + fake.Updates.Count, sent);
        Assert.True(superseded > 0, "a burst coalesces card versions instead of sending each one");
    }

    [Fact]
    public async Task Send_RateLimited_RetriesAfterRetryAfterAndSendsOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        var fake = new FakeChatPlatform();
        fake.Failures.Enqueue(new ChatDeliveryException("ratelimited", permanent: false, retryAfter: TimeSpan.FromSeconds(1)));
        await using var host = Host(store, fake, replay: false);
        _ = host.Services;

        var queuedAt = DateTimeOffset.UtcNow;
        await EnqueueCardAsync(host, "s1", ct);
        await host.WaitForOutboxAsync(ct);

        var row = await host.QueryAsync(db => db.Outbox.AsNoTracking().SingleAsync(ct));
        Assert.Equal(OutboxState.Sent, row.State);
        Assert.Equal(1, row.Attempts);
        Assert.True(row.SentAt - queuedAt >= TimeSpan.FromSeconds(0.9), $"sent {(row.SentAt - queuedAt)?.TotalMilliseconds} ms after queueing");
        Assert.Single(fake.Posts);
    }

    [Fact]
    public async Task Send_PermanentError_FailedWithReasonNotRetried()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        var fake = new FakeChatPlatform();
        fake.Failures.Enqueue(new ChatDeliveryException("channel_not_found", permanent: true));
        await using var host = Host(store, fake, replay: false);
        _ = host.Services;

        await EnqueueCardAsync(host, "s2", ct);
        await host.WaitForOutboxAsync(ct);

        var row = await host.QueryAsync(db => db.Outbox.AsNoTracking().SingleAsync(ct));
        Assert.Equal(OutboxState.Failed, row.State);
        Assert.Equal("channel_not_found", row.LastError);
        Assert.Empty(fake.Posts);
    }

    [Fact]
    public async Task Send_UnexpectedSenderError_RecordedAndRetriedNotStuck()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        var fake = new FakeChatPlatform();
        fake.Unexpected.Enqueue(new NotSupportedException("sender bug"));
        await using var host = Host(store, fake, replay: false);
        _ = host.Services;

        await EnqueueCardAsync(host, "s4", ct);
        await host.WaitForOutboxAsync(ct);

        var row = await host.QueryAsync(db => db.Outbox.AsNoTracking().SingleAsync(ct));
        Assert.Equal(OutboxState.Sent, row.State);
        Assert.Equal(1, row.Attempts);
        Assert.Equal("NotSupportedException: sender bug", row.LastError);
        Assert.Single(fake.Posts);
    }

    [Theory]
    [InlineData(TestStore.Sqlite)]
    [InlineData(TestStore.Postgres)]
    public async Task Claim_TwoSendersSameRow_OnlyOneWins(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(provider, ct);
        var fake = new FakeChatPlatform();
        await using var host = Host(store, fake, replay: false);
        var id = await host.QueryAsync(async db =>
        {
            var row = new OutboxMessage
            {
                IdempotencyKey = "claim-test", Kind = "test.nothing", Platform = "none", Channel = "#x", SubjectType = "t", SubjectId = "1",
                Payload = "{}", State = OutboxState.Failed, CreatedAt = DateTimeOffset.UtcNow,
            };
            db.Outbox.Add(row);
            await db.SaveChangesAsync(ct);
            return row.Id;
        });

        await host.QueryAsync(db => db.Outbox.Where(o => o.Id == id).ExecuteUpdateAsync(s => s.SetProperty(o => o.State, OutboxState.Pending), ct));
        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => host.QueryAsync(db =>
            db.Outbox.Where(o => o.Id == id && o.State == OutboxState.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.State, OutboxState.Sending), ct))));

        Assert.Equal(1, claims.Sum());
    }

    [Fact]
    public async Task Enqueue_SameKeyTwice_OneRow()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        var fake = new FakeChatPlatform();
        await using var host = Host(store, fake, replay: false);

        await EnqueueCardAsync(host, "s3", ct);
        await EnqueueCardAsync(host, "s3", ct);
        await host.WaitForOutboxAsync(ct);

        Assert.Equal(1, await host.QueryAsync(db => db.Outbox.CountAsync(ct)));
        Assert.Single(fake.Posts);
    }

    [Fact]
    public async Task Send_ReplyClaimedBeforeItsRoot_WaitsWithoutSpendingAttemptsThenPostsInTheThread()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        var fake = new FakeChatPlatform();
        await using var host = Host(store, fake, replay: false);

        // The reply is first in the lane (more urgent than its root, as when another writer queued them apart).
        await host.QueryAsync(async db =>
        {
            db.Outbox.Add(Row("update", "s9:note", "s9", priority: 1));
            db.Outbox.Add(Row("incident", "s9", null, priority: 2));
            return await db.SaveChangesAsync(ct);
        });
        host.Services.GetRequiredService<OutboxSignal>().Notify();
        await host.WaitForOutboxAsync(ct);

        var rows = await host.QueryAsync(db => db.Outbox.AsNoTracking().OrderBy(o => o.Id).ToListAsync(ct));
        Assert.All(rows, r => Assert.Equal(OutboxState.Sent, r.State));
        var reply = rows[0];
        Assert.Equal(0, reply.Attempts);
        Assert.False(reply.ClaimedBeforeWithoutResult, "a wait for the root is not a sender that died mid-send");
        var posts = fake.Posts.ToList();
        Assert.Equal([("#alerts", "Card s9", (string?)null), ("#alerts", "Card s9:note", "1")], posts.Select(p => (p.Channel, p.Title, p.Thread)));

        static OutboxMessage Row(string subjectType, string subjectId, string? thread, int priority) => new()
        {
            IdempotencyKey = $"fake:#alerts:{subjectType}:{subjectId}:v1",
            Kind = OutboxKinds.SyncCard,
            Platform = "fake",
            Channel = "#alerts",
            SubjectType = subjectType,
            SubjectId = subjectId,
            SubjectVersion = 1,
            ThreadSubjectId = thread,
            Priority = priority,
            Payload = CardJson.Serialize(new Card { Title = $"Card {subjectId}" }),
            State = OutboxState.Pending,
            CreatedAt = DateTimeOffset.UtcNow,
        };
    }

    private static async Task EnqueueCardAsync(CmBotHost host, string subject, CancellationToken ct)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<CmBotDbContext>();
        var outbox = scope.ServiceProvider.GetRequiredService<CardOutbox>();
        var platform = scope.ServiceProvider.GetServices<IChatPlatform>().Single();
        await outbox.EnqueueAsync(platform, "#alerts", "incident", subject, 1, new Card { Title = $"Card {subject}" }, priority: 1, cancellationToken: ct);
        await context.SaveChangesAsync(ct);
        host.Services.GetRequiredService<OutboxSignal>().Notify();
    }
}
