using System.Collections.Concurrent;
using System.Data.Common;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CmBot.Bot.Chat;
using CmBot.Bot.Storage;
using CmBot.Bot.Tests.Infrastructure;
using CmBot.Bot.Tests.Pipeline;
using CmBot.Core.Chat;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CmBot.Bot.Tests.Storage;

/// <summary>
/// A new alert's row is claimed in the ingest's own transaction and handed to its channel's lane with the commit
/// (<see cref="OutboxHandoff"/>): the sender neither looks for lanes nor claims it again. A process that dies between
/// that commit and the send leaves a row in Sending like any sender that died: it is sent once after a restart
/// (SQLite's start-up recovery) or once its claim lease has run out (PostgreSQL).
/// </summary>
public sealed class OutboxHandoffTests
{
    private const string Token = "handoff-token";

    private static CmBotHost Host(TestStore store, IChatPlatform platform, Action<IServiceCollection>? services = null) =>
        new(
            store,
            [
                new("Sandbox:Enabled", "false"),
                new("Feeds:Replay:Enabled", "false"),
                new("Feeds:Sources:hook:Type", "webhook"),
                new("Feeds:Sources:hook:Token", Token),
                new("CmBot:RiskFile", WriteRiskFile(store.DataFolder)),
            ],
            s =>
            {
                s.AddSingleton(platform);
                services?.Invoke(s);
            });

    [Fact]
    public async Task Ingest_NewIncident_AlertClaimedInTheCommitAndSentWithoutADispatcherPass()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        var fake = new FakeChatPlatform();
        var request = new StatementCounter();
        var everything = new AllStatements();
        await using var host = Host(store, fake, s =>
        {
            s.ConfigureDbContext<SqliteCmBotDbContext>(o => o.AddInterceptors(request, everything));
            s.Configure<TestServerOptions>(o => o.PreserveExecutionContext = true);
        });
        using var client = host.CreateClient();
        await PostAsync(client, "ZQ0001", ct);
        await host.WaitForOutboxAsync(ct);
        var posted = fake.Posts.Count;

        everything.Clear();
        using (request.Counting())
        {
            await PostAsync(client, "ZQ0002", ct);
        }

        // The alert and the escalation's first note in its thread.
        await Eventually.TrueAsync(() => Task.FromResult(fake.Posts.Count), n => n == posted + 2, TimeSpan.FromSeconds(30), "the alert and its note", ct);
        await host.WaitForOutboxAsync(ct);

        var alert = await host.QueryAsync(db => db.Outbox.AsNoTracking().SingleAsync(o => o.SubjectType == Subjects.Incident && o.State == OutboxState.Sent && o.Payload.Contains("ZQ0002"), ct));
        Assert.Equal(1, alert.Claims);
        Assert.Single(request.Statements, s => s.Contains("'Sending'", StringComparison.Ordinal));

        // No dispatcher pass (its query for channels with due rows) ran for this alert: the lane started with the commit
        // and, having run dry, left the dispatcher asleep.
        Assert.DoesNotContain(everything.Statements, s => s.Contains("DISTINCT", StringComparison.Ordinal));
        Assert.Equal(("#alerts", null), (fake.Posts.ElementAt(posted).Channel, fake.Posts.ElementAt(posted).Thread));
        Assert.NotNull(fake.Posts.ElementAt(posted + 1).Thread);
    }

    [Theory]
    [InlineData(TestStore.Sqlite)]
    [InlineData(TestStore.Postgres)]
    public async Task Ingest_ProcessStopsBetweenCommitAndSend_AlertSentOnceByTheNextProcess(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(provider, ct);
        var stuck = new StuckChatPlatform();
        await using (var first = Host(store, stuck))
        {
            using var client = first.CreateClient();
            await PostAsync(client, "ZQ0001", ct);

            // Committed and claimed with the ingest; the platform is reached but never answers (the process is about to go).
            await stuck.Reached.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
            var claimed = await first.QueryAsync(db => db.Outbox.AsNoTracking().SingleAsync(o => o.SubjectType == Subjects.Incident, ct));
            Assert.Equal((OutboxState.Sending, 1, 0), (claimed.State, claimed.Claims, claimed.Attempts));
        }

        if (provider == TestStore.Postgres)
        {
            // Another instance may still be sending a row in Sending: only a claim older than the lease is taken back.
            await ClaimedLongAgoAsync(store, ct);
        }

        var fake = new FakeChatPlatform();
        await using var second = Host(store, fake);
        _ = second.Services;
        await second.WaitForOutboxAsync(ct);

        var row = await second.QueryAsync(db => db.Outbox.AsNoTracking().SingleAsync(o => o.SubjectType == Subjects.Incident, ct));
        Assert.Equal((OutboxState.Sent, 2, 0), (row.State, row.Claims, row.Attempts));
        Assert.Single(fake.Posts, p => p.Thread is null && p.Channel == "#alerts");
    }

    private static async Task PostAsync(HttpClient client, string topic, CancellationToken ct)
    {
        var body = JsonSerializer.Serialize(new
        {
            id = $"handoff-{topic}",
            text = $"My Lumio {topic} caught fire in the kitchen, the smoke alarm went off; recall it now",
            url = $"https://mastodon.example/@u/{topic}",
            author = "@u",
            reach = 120,
            lang = "en",
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/ingest/hook") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        using var response = await client.SendAsync(request, ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    /// <summary>The shipped risk.yaml with two extra products, so that each test mention opens its own incident.</summary>
    private static string WriteRiskFile(string folder)
    {
        var file = Path.Combine(folder, "risk.yaml");
        if (!File.Exists(file))
        {
            var shipped = File.ReadAllText(Path.Combine(SampleFeed.RepoRoot(), "Bot", "samples", "risk.yaml"));
            const string Extra = "topics:\n  - key: zq0001\n    label: Product ZQ0001\n    phrases: [zq0001]\n  - key: zq0002\n    label: Product ZQ0002\n    phrases: [zq0002]\n";
            File.WriteAllText(file, shipped.Replace("topics:\n", Extra, StringComparison.Ordinal));
        }

        return file;
    }

    /// <summary>Every statement EF Core sends, whatever the flow (background services included).</summary>
    private sealed class AllStatements : DbCommandInterceptor
    {
        private readonly ConcurrentQueue<string> _statements = new();

        public IReadOnlyList<string> Statements => [.. _statements];

        public void Clear() => _statements.Clear();

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            _statements.Enqueue(command.CommandText);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            _statements.Enqueue(command.CommandText);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            _statements.Enqueue(command.CommandText);
            return ValueTask.FromResult(result);
        }
    }

    /// <summary>A platform (named like <see cref="FakeChatPlatform"/>) that never answers: the send is in flight when the process stops.</summary>
    private sealed class StuckChatPlatform : IChatPlatform
    {
        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Name => "fake";

        public ChatChannels Channels { get; } = new("#alerts", "#legal", "#exec");

        public async Task<string> PostCardAsync(string channel, Card card, string? threadExternalId, CancellationToken cancellationToken)
        {
            Reached.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }

        public Task UpdateCardAsync(string channel, string externalId, Card card, CancellationToken cancellationToken) =>
            PostCardAsync(channel, card, null, cancellationToken);
    }

    /// <summary>
    /// Puts the claimed row back as a crashed sender leaves it: in Sending, claimed three minutes ago (the lease is
    /// two). A clean stop gives the row back at once (OutboxRelease); a killed process does not (PostgreSQL).
    /// </summary>
    private static async Task ClaimedLongAgoAsync(TestStore store, CancellationToken ct)
    {
        await using var connection = new Npgsql.NpgsqlConnection(store.PostgresConnection);
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE outbox SET \"State\" = 'Sending', \"ClaimedAt\" = now() - interval '3 minutes' WHERE \"Claims\" = 1 AND \"State\" IN ('Sending', 'Pending')";
        Assert.Equal(1, await command.ExecuteNonQueryAsync(ct));
    }
}
