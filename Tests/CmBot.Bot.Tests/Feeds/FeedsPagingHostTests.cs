using System.Globalization;
using System.Text.Json.Nodes;
using CmBot.Bot.Feeds.Sources;
using CmBot.Bot.Jobs;
using CmBot.Bot.Tests.Infrastructure;
using CmBot.Core.Audit;
using CmBot.Core.Mentions;
using Microsoft.EntityFrameworkCore;

namespace CmBot.Bot.Tests.Feeds;

/// <summary>A burst caught up by the real host over several polls and a restart: every item stored exactly once.</summary>
public sealed class FeedsPagingHostTests : IAsyncLifetime
{
    private const string HnPath = "/api/v1/search_by_date";
    private FakeFeedServer _server = null!;
    private volatile List<JsonObject> _hits = PagedApis.HnHits([1, 2]);

    public async ValueTask InitializeAsync()
    {
        _server = await FakeFeedServer.StartAsync();
        _server.ServePages(HnPath, r => PagedApis.HnPage(_hits, r));
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private Dictionary<string, string?> Settings() => new()
    {
        ["Feeds:Replay:Enabled"] = "false",
        ["Feeds:Sources:hn:Type"] = "hackernews",
        ["Feeds:Sources:hn:Url"] = _server.BaseUrl.ToString(),
        ["Feeds:Sources:hn:Query"] = "lumio",
        ["Feeds:Sources:hn:IntervalSeconds"] = "10",
        ["Feeds:Sources:hn:MaxItems"] = "2",
        ["Feeds:Sources:hn:MaxPages"] = "2",
    };

    private static Task<string?> CursorAsync(CmBotHost host, CancellationToken ct) =>
        host.QueryAsync(db => db.SourceCursors.AsNoTracking().Where(c => c.Source == "hn").Select(c => c.Cursor).FirstOrDefaultAsync(ct));

    private static string Mark(int n) => PagedApis.HnTime(n).ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task Restart_MidCatchUp_ResumesTheGapFromPersistedCursor_EveryItemOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        int requestsBefore;
        await using (var first = new CmBotHost(store, Settings()))
        {
            _ = first.Services;
            await Eventually.TrueAsync(() => CursorAsync(first, ct), c => c == Mark(2), TimeSpan.FromSeconds(60), "the first page to be read", ct);

            // A burst of 6 (4 pages of 2 with the boundary item): the next poll reads 2 pages and keeps the gap.
            _hits = PagedApis.HnHits(Enumerable.Range(1, 8));
            await Eventually.TrueAsync(() => CursorAsync(first, ct), c => c?.Contains('|', StringComparison.Ordinal) == true, TimeSpan.FromSeconds(60), "a cut-short catch-up", ct);
            requestsBefore = _server.Requests.Count;
        }

        // The restarted host reads the gap first (an upper bound on the query), then closes it.
        await using var second = new CmBotHost(store, Settings());
        _ = second.Services;
        await Eventually.TrueAsync(() => CursorAsync(second, ct), c => c == Mark(8), TimeSpan.FromSeconds(60), "the gap to be read", ct);
        var resumed = _server.Requests.Skip(requestsBefore).First(r => r.Path == HnPath);
        var ids = await second.QueryAsync(db => db.Mentions.AsNoTracking().Where(m => m.Source == "hn").Select(m => m.ExternalId).ToListAsync(ct));
        var triaged = await second.QueryAsync(db => db.AuditEvents.CountAsync(e => e.Action == AuditActions.MentionTriaged, ct));

        Assert.Equal($"created_at_i>{PagedApis.HnTime(2) - 1},created_at_i<{PagedApis.HnTime(5) + 1}", resumed.Param("numericFilters"));
        Assert.Equal(Enumerable.Range(1, 8).Select(PagedApis.HnId), ids.Order(StringComparer.Ordinal));
        Assert.Equal(8, triaged);
    }

    [Fact]
    public void ItemsOf_CatchUpBatch_OnlyTheLastCarriesTheNewCursor()
    {
        var published = PagedApis.Start;
        var mentions = Enumerable.Range(3, 3).Select(n => new MentionInput("hn", PagedApis.HnId(n), null, "reader", 0, "Lumio K2", "en", published.AddMinutes(n))).ToList();
        var before = new SourcePosition(Mark(2), "\"etag\"", null);
        var fetch = new SourceFetch(mentions, before with { Cursor = $"{Mark(9)}|{Mark(2)}|{Mark(3)}" });

        var items = SourcePollJob.ItemsOf(fetch, before);

        Assert.Equal([Mark(2), Mark(2), $"{Mark(9)}|{Mark(2)}|{Mark(3)}"], items.Select(i => i.CursorAfter));
        Assert.Equal(mentions, items.Select(i => i.Mention));
    }
}
