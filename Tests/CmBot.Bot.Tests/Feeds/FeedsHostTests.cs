using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CmBot.Bot.Feeds.Webhook;
using CmBot.Bot.Tests.Infrastructure;
using CmBot.Core.Audit;
using Microsoft.EntityFrameworkCore;

namespace CmBot.Bot.Tests.Feeds;

/// <summary>The real host with configured sources: webhook ingestion, polling, failure reporting, restart.</summary>
public sealed class FeedsHostTests : IAsyncLifetime
{
    private const string Secret = "hook-secret";
    private const string Token = "hook-token";
    private FakeFeedServer _server = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await FakeFeedServer.StartAsync();
        _server.ServeFile("/api/v1/search_by_date", "hackernews-search-by-date.json", "application/json");
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private Dictionary<string, string?> Settings(bool broken = false)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Feeds:Replay:Enabled"] = "false",
            ["Feeds:Sources:hook:Type"] = "webhook",
            ["Feeds:Sources:hook:Secret"] = Secret,
            ["Feeds:Sources:hook:Token"] = Token,
            ["Feeds:Sources:hn:Type"] = "hackernews",
            ["Feeds:Sources:hn:Url"] = _server.BaseUrl.ToString(),
            ["Feeds:Sources:hn:Query"] = "lumio",
            ["Feeds:Sources:hn:IntervalSeconds"] = "10",
        };
        if (broken)
        {
            settings["Feeds:Sources:broken:Type"] = "rss";
            settings["Feeds:Sources:broken:Url"] = _server.Url("/gone.xml").ToString();
            settings["Feeds:Sources:broken:IntervalSeconds"] = "10";
        }

        return settings;
    }

    private static Task<int> WaitForMentionsAsync(CmBotHost host, int count, CancellationToken ct) =>
        Eventually.TrueAsync(() => host.QueryAsync(db => db.Mentions.CountAsync(ct)), n => n >= count, TimeSpan.FromSeconds(60), $"{count} mentions", ct);

    private static HttpRequestMessage Post(string source, string body, string? bearer = null, string? signWith = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/ingest/{source}") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (signWith is not null)
        {
            request.Headers.Add(WebhookAuthenticator.SignatureHeader, "sha256=" + Convert.ToHexStringLower(WebhookAuthenticator.Sign(signWith, Encoding.UTF8.GetBytes(body))));
        }

        return request;
    }

    [Fact]
    public async Task Webhook_AuthJsonAndDuplicates_AnsweredAndStoredBefore202()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using var host = new CmBotHost(store, Settings());
        using var client = host.CreateClient();
        const string original = "Lumio rappelle la bouilloire K2 : risque de surchauffe et de brûlure, arrêtez de l'utiliser immédiatement.";
        var batch = JsonSerializer.Serialize(new
        {
            mentions = new object[]
            {
                new { id = "w1", text = original, author = "@conso_alerte", reach = 58000, lang = "fr", published = "2026-11-26T15:40:00Z", url = "https://x.example/conso/1?utm_source=tool" },
                new { id = "w2", text = "Anyone tried the Lumio Barista One?", published = "2026-11-26T15:41:00Z" },
                new { id = "w3" },
            },
        });

        using var noAuth = await client.SendAsync(Post("hook", batch), ct);
        using var badToken = await client.SendAsync(Post("hook", batch, bearer: "wrong"), ct);
        using var badSignature = await client.SendAsync(Post("hook", batch, signWith: "not-the-secret"), ct);
        using var unknown = await client.SendAsync(Post("nope", batch, bearer: Token), ct);
        using var malformed = await client.SendAsync(Post("hook", "{\"mentions\": [", signWith: Secret), ct);
        using var accepted = await client.SendAsync(Post("hook", batch, signWith: Secret), ct);
        var acceptedBody = JsonDocument.Parse(await accepted.Content.ReadAsStringAsync(ct)).RootElement;
        var stored = await host.QueryAsync(db => db.Mentions.AsNoTracking().Where(m => m.Source == "hook").ToListAsync(ct));

        Assert.Equal(HttpStatusCode.Unauthorized, noAuth.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, badToken.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, badSignature.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("malformed JSON", await malformed.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(2, acceptedBody.GetProperty("accepted").GetInt32());
        Assert.Equal(2, acceptedBody.GetProperty("stored").GetInt32());
        Assert.Contains("'text' is missing", acceptedBody.GetProperty("rejected")[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(["w1", "w2"], stored.Select(m => m.ExternalId).Order());
        Assert.Equal("https://x.example/conso/1", stored.Single(m => m.ExternalId == "w1").CanonicalUrl);

        // A retweet of w1 (bearer this time) and the same batch again: one copy counted, nothing repeated.
        var retweet = JsonSerializer.Serialize(new { id = "w4", text = "RT @conso_alerte: " + original, author = "@julie", published = "2026-11-26T15:42:00Z" });
        using var copy = await client.SendAsync(Post("hook", retweet, bearer: Token), ct);
        using var again = await client.SendAsync(Post("hook", batch, bearer: Token), ct);
        var all = await host.QueryAsync(db => db.Mentions.AsNoTracking().Where(m => m.Source == "hook").ToListAsync(ct));
        var first = all.Single(m => m.ExternalId == "w1");
        var duplicate = all.Single(m => m.ExternalId == "w4");

        Assert.Equal(HttpStatusCode.Accepted, copy.StatusCode);
        Assert.Equal(0, JsonDocument.Parse(await again.Content.ReadAsStringAsync(ct)).RootElement.GetProperty("stored").GetInt32());
        Assert.Equal(3, all.Count);
        Assert.Equal(first.Id, duplicate.DuplicateOfId);
        Assert.Equal(1, first.DuplicateCount);
        Assert.NotNull(first.IncidentId);
        Assert.Equal(first.IncidentId, duplicate.IncidentId);
        Assert.Equal(1, await host.QueryAsync(db => db.Incidents.CountAsync(ct)));
        Assert.Equal(1, await host.QueryAsync(db => db.AuditEvents.CountAsync(e => e.Action == AuditActions.MentionDuplicate, ct)));
    }

    [Fact]
    public async Task Polling_FailingSource_DegradedWithDetailWhileOthersIngest()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using var host = new CmBotHost(store, Settings(broken: true));
        using var client = host.CreateClient();

        await WaitForMentionsAsync(host, 2, ct);
        await Eventually.TrueAsync(
            () => host.QueryAsync(db => db.SourceCursors.AsNoTracking().Where(c => c.Source == "broken").Select(c => c.ConsecutiveFailures).FirstOrDefaultAsync(ct)),
            failures => failures >= 1, TimeSpan.FromSeconds(60), "the broken source to be reported", ct);
        var plain = await client.GetStringAsync("/healthz", ct);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await client.SendAsync(request, ct);
        var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)).RootElement;
        var feeds = health.GetProperty("checks").GetProperty("feeds");

        Assert.Equal("Degraded", plain);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Degraded", health.GetProperty("status").GetString());
        Assert.Contains("broken", feeds.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Contains("404", feeds.GetProperty("data").GetProperty("broken").GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.True(feeds.GetProperty("data").GetProperty("hn").GetProperty("healthy").GetBoolean());
        Assert.Equal(["42170001", "42170123"], (await host.QueryAsync(db => db.Mentions.Select(m => m.ExternalId).ToListAsync(ct))).Order());
        Assert.True(ObservedFailures("broken") >= 1, "the consecutive-failures gauge reports the broken source");
        Assert.True(ObservedFailures("hn") <= 0, "a healthy source reports no failures");
    }

    /// <summary>Reads the <c>cmbot.feeds.consecutive_failures</c> gauge for one source (max over hosts in this process).</summary>
    private static int ObservedFailures(string source)
    {
        var value = -1;
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "CmBot" && instrument.Name == "cmbot.feeds.consecutive_failures")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((_, measurement, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "source" && (string?)tag.Value == source)
                {
                    value = Math.Max(value, measurement);
                }
            }
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return value;
    }

    [Fact]
    public async Task Restart_SourceResumesFromPersistedCursor_NoGapNoRepeat()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using (var first = new CmBotHost(store, Settings()))
        {
            _ = first.Services;
            await WaitForMentionsAsync(first, 2, ct);
            await Eventually.TrueAsync(
                () => first.QueryAsync(db => db.SourceCursors.AsNoTracking().Where(c => c.Source == "hn").Select(c => c.Cursor).FirstOrDefaultAsync(ct)),
                cursor => cursor == "1795707012", TimeSpan.FromSeconds(30), "the hn cursor to be saved", ct);
        }

        // While CmBot was down, a new comment was posted; the API answers with the old hits too.
        var json = File.ReadAllText(FakeFeedServer.Fixture("hackernews-search-by-date.json"));
        var newHit = """
            {"_tags":["comment"],"author":"late_reader","comment_text":"Same here, my Lumio K2 tripped the breaker twice.","created_at":"2026-11-26T16:10:00Z","created_at_i":1795709400,"objectID":"42170999","story_id":42170001},
            """;
        _server.Serve("/api/v1/search_by_date", Encoding.UTF8.GetBytes(json.Replace("\"hits\": [", "\"hits\": [" + newHit, StringComparison.Ordinal)), "application/json");
        var before = _server.Requests.Count;

        await using var second = new CmBotHost(store, Settings());
        _ = second.Services;
        await WaitForMentionsAsync(second, 3, ct);
        var afterRestart = _server.Requests.Skip(before).First();

        Assert.Equal("created_at_i>1795707011", afterRestart.Param("numericFilters"));
        var ids = await second.QueryAsync(db => db.Mentions.Select(m => m.ExternalId).ToListAsync(ct));
        Assert.Equal(["42170001", "42170123", "42170999"], ids.Order());
        Assert.Equal(3, await second.QueryAsync(db => db.AuditEvents.CountAsync(e => e.Action == AuditActions.MentionTriaged, ct)));
        await Eventually.TrueAsync(
            () => second.QueryAsync(db => db.SourceCursors.AsNoTracking().Where(c => c.Source == "hn").Select(c => c.Cursor).FirstOrDefaultAsync(ct)),
            cursor => cursor == "1795709400", TimeSpan.FromSeconds(30), "the hn cursor to advance", ct);
    }
}
