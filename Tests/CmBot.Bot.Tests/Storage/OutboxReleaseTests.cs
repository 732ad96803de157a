using CmBot.Bot.Chat;
using CmBot.Bot.Storage;
using CmBot.Bot.Tests.Infrastructure;
using CmBot.Bot.Tests.Slack.Inbound;
using CmBot.Core.Audit;
using CmBot.Core.Chat;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CmBot.Bot.Tests.Storage;

/// <summary>
/// A sender lane that fails after claiming a row (here: the save of the outcome throws once, after the card was
/// posted) gives the row back at once instead of leaving it in Sending for the two-minute claim lease; the next claim
/// is told that an earlier one ended without a result, so a platform that can look the message up does not post twice.
/// </summary>
public sealed class OutboxReleaseTests
{
    [Theory]
    [InlineData(TestStore.Sqlite)]
    [InlineData(TestStore.Postgres)]
    public async Task Lane_OutcomeSaveFailsOnce_RowReleasedAndSentWellBeforeTheLease(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(provider, ct);
        var fake = new FakeChatPlatform();
        var failOnce = new FailSentOutcomeOnce();
        var logs = new CapturedLogs();
        await using var host = new CmBotHost(
            store,
            [new("Sandbox:Enabled", "false"), new("Feeds:Replay:Enabled", "false")],
            s =>
            {
                s.AddSingleton<IChatPlatform>(fake);
                s.AddSingleton<ILoggerProvider>(logs);
                s.ConfigureDbContext<SqliteCmBotDbContext>(o => o.AddInterceptors(failOnce));
                s.ConfigureDbContext<PostgresCmBotDbContext>(o => o.AddInterceptors(failOnce));
            });
        _ = host.Services;
        var started = DateTimeOffset.UtcNow;

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CmBotDbContext>();
            await scope.ServiceProvider.GetRequiredService<CardOutbox>()
                .EnqueueAsync(fake, "#alerts", Subjects.Incident, "stranded", 1, new Card { Title = "Card stranded" }, priority: 1, cancellationToken: ct);
            await db.SaveChangesAsync(ct);
        }

        host.Services.GetRequiredService<OutboxSignal>().Notify();
        await host.WaitForOutboxAsync(ct);

        Assert.Equal(1, failOnce.Thrown);
        var row = await host.QueryAsync(db => db.Outbox.AsNoTracking().SingleAsync(ct));
        Assert.Equal(OutboxState.Sent, row.State);
        Assert.True(row.SentAt - started < TimeSpan.FromSeconds(30), $"sent {(row.SentAt - started)?.TotalSeconds} s after queueing (lease: 120 s)");
        Assert.Equal((2, 0), (row.Claims, row.Attempts));
        Assert.Equal("TimeoutException: injected outcome save failure", row.LastError);

        // The first post went out, its outcome was lost: the second claim is told so.
        Assert.Equal([false, true], fake.Origins.Select(o => o.ClaimedBeforeWithoutResult));
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains($"Outbox message {row.Id}", StringComparison.Ordinal) && e.Message.Contains("released", StringComparison.Ordinal) && e.Exception is TimeoutException);

        // The lost save's audit event was rolled back with it: one alert.sent, chain unbroken.
        var audit = await host.QueryAsync(db => db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync(ct));
        Assert.Single(audit, e => e.Action == AuditActions.AlertSent);
        Assert.Null(AuditChain.FirstBreak(audit));
    }

    [Fact]
    public async Task Release_RowNoLongerThisClaims_LeftAlone()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using var db = await StandaloneAsync(store, ct);
        var message = new OutboxMessage
        {
            IdempotencyKey = "release-test",
            Kind = "card.sync",
            Platform = "nowhere",
            Channel = "#none",
            SubjectType = Subjects.Incident,
            SubjectId = "x",
            Payload = "{}",
            State = OutboxState.Sending,
            Claims = 3,
            Attempts = 1,
            CreatedAt = DateTimeOffset.UtcNow,
            ClaimedAt = DateTimeOffset.UtcNow,
        };
        db.Outbox.Add(message);
        await db.SaveChangesAsync(ct);
        var id = message.Id;
        var now = DateTimeOffset.UtcNow;

        // An older claim (the lease gave the row to another sender since): untouched.
        Assert.Null(await OutboxRelease.ReleaseAsync(db, new OutboxRelease.Claim(id, 2, 1), "late", shutdown: false, now, 12, ct));

        // This claim: back to Pending, backing off by claims without a result (3 - 1 = 2: 4 s), no attempt counted.
        var released = await OutboxRelease.ReleaseAsync(db, new OutboxRelease.Claim(id, 3, 1), "boom", shutdown: false, now, 12, ct);
        Assert.Equal(OutboxState.Pending, released?.State);
        var row = await db.Outbox.AsNoTracking().SingleAsync(o => o.Id == id, ct);
        Assert.Equal((OutboxState.Pending, 1, 3, "boom"), (row.State, row.Attempts, row.Claims, row.LastError));
        Assert.Equal(now.AddSeconds(4).UtcTicks / 10, row.NotBefore!.Value.UtcTicks / 10);

        // Released already: a second release finds nothing of this claim.
        Assert.Null(await OutboxRelease.ReleaseAsync(db, new OutboxRelease.Claim(id, 3, 1), "again", shutdown: false, now, 12, ct));
    }

    [Fact]
    public async Task Release_TooManyClaimsWithoutResult_FailsLoudly()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using var db = await StandaloneAsync(store, ct);
        var message = new OutboxMessage
        {
            IdempotencyKey = "release-fail",
            Kind = "card.sync",
            Platform = "nowhere",
            Channel = "#none",
            SubjectType = Subjects.Incident,
            SubjectId = "y",
            Payload = "{}",
            State = OutboxState.Sending,
            Claims = 12,
            CreatedAt = DateTimeOffset.UtcNow,
            ClaimedAt = DateTimeOffset.UtcNow,
        };
        db.Outbox.Add(message);
        await db.SaveChangesAsync(ct);
        var id = message.Id;

        var released = await OutboxRelease.ReleaseAsync(db, new OutboxRelease.Claim(id, 12, 0), "boom", shutdown: false, DateTimeOffset.UtcNow, 12, ct);

        Assert.Equal(OutboxState.Failed, released?.State);
        Assert.Equal(OutboxState.Failed, await db.Outbox.Where(o => o.Id == id).Select(o => o.State).SingleAsync(ct));
    }

    [Fact]
    public async Task Release_Shutdown_PendingAtOnceEvenAfterManyClaims()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using var db = await StandaloneAsync(store, ct);
        var message = new OutboxMessage
        {
            IdempotencyKey = "release-shutdown",
            Kind = "card.sync",
            Platform = "nowhere",
            Channel = "#none",
            SubjectType = Subjects.Incident,
            SubjectId = "z",
            Payload = "{}",
            State = OutboxState.Sending,
            Claims = 12,
            CreatedAt = DateTimeOffset.UtcNow,
            ClaimedAt = DateTimeOffset.UtcNow,
        };
        db.Outbox.Add(message);
        await db.SaveChangesAsync(ct);

        var released = await OutboxRelease.ReleaseAsync(db, OutboxRelease.Of(message), "stopping", shutdown: true, DateTimeOffset.UtcNow, 12, ct);

        Assert.Equal((OutboxState.Pending, (DateTimeOffset?)null), released);
        var row = await db.Outbox.AsNoTracking().SingleAsync(o => o.Id == message.Id, ct);
        Assert.Equal((OutboxState.Pending, 0, 12), (row.State, row.Attempts, row.Claims));
    }

    /// <summary>A migrated SQLite database without a host: no sender runs beside the test.</summary>
    private static async Task<CmBotDbContext> StandaloneAsync(TestStore store, CancellationToken ct)
    {
        var options = new DbContextOptionsBuilder<SqliteCmBotDbContext>().UseSqlite($"Data Source={Path.Combine(store.DataFolder, "release.db")}").Options;
        var db = new SqliteCmBotDbContext(options);
        await db.Database.MigrateAsync(ct);
        return db;
    }

    /// <summary>Throws once when a save records a sent outcome: the card is out, its result is lost.</summary>
    private sealed class FailSentOutcomeOnce : SaveChangesInterceptor
    {
        private int _thrown;

        public int Thrown => Volatile.Read(ref _thrown);

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            var sent = eventData.Context?.ChangeTracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Modified && e.Entity.State == OutboxState.Sent) == true;
            if (sent && Interlocked.Exchange(ref _thrown, 1) == 0)
            {
                throw new TimeoutException("injected outcome save failure");
            }

            return base.SavingChangesAsync(eventData, result, cancellationToken);
        }
    }
}
