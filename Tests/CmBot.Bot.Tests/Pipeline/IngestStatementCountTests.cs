using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CmBot.Bot.Chat;
using CmBot.Bot.Storage;
using CmBot.Bot.Tests.Infrastructure;
using CmBot.Core.Audit;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CmBot.Bot.Tests.Pipeline;

/// <summary>
/// The alert's critical path in SQL statements: a mention that opens a new incident is committed with few round trips
/// (each costs EF Core's per-query overhead on the alert's way to the chat API). A count, not a timing: the latency
/// itself is measured by Tests/Benchmarks/alert-latency.
/// </summary>
public sealed class IngestStatementCountTests
{
    private const string Token = "count-token";

    /// <summary>
    /// What the ingest request of a new incident may spend: 4 reads (known mention and first original with its URL in
    /// one, audit chain head, open incident of the topic, next number), one statement per row written (SQLite runs them
    /// one by one; the source's cursor is one upsert) and one claim per channel whose sender starts with the commit
    /// (two here: the alerts channel on Slack's stand-in and the sandbox). It was 38 when the card, its places and its
    /// trend were read back from the database for an incident not even stored yet, twice (the alert and the
    /// escalation's first note); 20 (21 with the claim) when the cursor was read before its update, the known mention
    /// and the URL original were two reads, and each queued card of the new incident read the outbox first.
    /// </summary>
    private const int Budget = 17;

    [Fact]
    public async Task Ingest_MentionOpeningNewIncident_StaysWithinStatementBudget()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        var risk = WriteRiskFile(store.DataFolder);
        var counter = new StatementCounter();
        await using var host = new CmBotHost(
            store,
            new Dictionary<string, string?>
            {
                ["Feeds:Replay:Enabled"] = "false",
                ["Feeds:Sources:hook:Type"] = "webhook",
                ["Feeds:Sources:hook:Token"] = Token,
                ["CmBot:RiskFile"] = risk,
            },
            services =>
            {
                services.ConfigureDbContext<SqliteCmBotDbContext>(o => o.AddInterceptors(counter));
                services.Configure<TestServerOptions>(o => o.PreserveExecutionContext = true);
            });
        using var client = host.CreateClient();

        // The first incident warms the process's caches (audit chain head, duplicate index, spike baselines).
        await PostAsync(client, "ZQ0001", ct);
        await host.WaitForOutboxAsync(ct);
        using (counter.Counting())
        {
            await PostAsync(client, "ZQ0002", ct);
        }

        var statements = counter.Statements;
        TestContext.Current.TestOutputHelper?.WriteLine($"{statements.Count} statements:\n" + string.Join("\n---\n", statements));
        Assert.True(statements.Count <= Budget, $"{statements.Count} statements for a new incident (budget {Budget}):\n" + string.Join("\n---\n", statements));

        // Nothing the alert used to do is lost: the card is queued, the ladder's first step fires and is audited.
        await host.WaitForOutboxAsync(ct);
        var incident = await host.QueryAsync(db => db.Incidents.AsNoTracking().SingleAsync(i => i.Key == "topic:zq0002", ct));
        var alerts = await host.QueryAsync(db => db.Outbox.CountAsync(o => o.SubjectType == Subjects.Incident && o.SubjectId == incident.Id.ToString() && o.State == OutboxState.Sent, ct));
        Assert.True(alerts >= 1);
        await Eventually.TrueAsync(
            () => host.QueryAsync(db => db.AuditEvents.CountAsync(e => e.SubjectId == incident.Id.ToString() && (e.Action == AuditActions.EscalationStepFired || e.Action == AuditActions.EscalationMuted), ct)),
            n => n == 1,
            TimeSpan.FromSeconds(30),
            "the escalation's first step to fire once",
            ct);
    }

    private static async Task PostAsync(HttpClient client, string topic, CancellationToken ct)
    {
        var body = JsonSerializer.Serialize(new
        {
            id = $"count-{topic}",
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
        var shipped = File.ReadAllText(Path.Combine(SampleFeed.RepoRoot(), "Bot", "samples", "risk.yaml"));
        const string Extra = "topics:\n  - key: zq0001\n    label: Product ZQ0001\n    phrases: [zq0001]\n  - key: zq0002\n    label: Product ZQ0002\n    phrases: [zq0002]\n";
        var file = Path.Combine(folder, "risk.yaml");
        File.WriteAllText(file, shipped.Replace("topics:\n", Extra, StringComparison.Ordinal));
        return file;
    }
}
