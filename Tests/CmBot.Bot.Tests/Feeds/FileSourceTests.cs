using CmBot.Bot.Feeds.Sources;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CmBot.Bot.Tests.Feeds;

public sealed class FileSourceTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cmbot-file-source-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 16, 0, 0, TimeSpan.Zero));

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private FileSource Create(string file, int maxItems = 100) =>
        new(new ConfiguredSource("archive", new FeedSourceOptions { Type = SourceTypes.File, Path = file, MaxItems = maxItems }),
            Path.Combine(_folder, file), _time, NullLogger<FileSource>.Instance);

    [Fact]
    public async Task Jsonl_AppendedLines_ReadOnceInOrderBadLinesSkipped()
    {
        var ct = TestContext.Current.CancellationToken;
        var path = Path.Combine(_folder, "m.jsonl");
        await File.WriteAllLinesAsync(path, [
            """{"id":"1","text":"<p>Le K2 a <b>fondu</b></p>","author":"@a","reach":12,"lang":"fr","published":"2026-11-26T10:00:00Z","url":"https://x.example/1"}""",
            "{not json",
            """{"id":"2"}""",
            "",
            """{"id":"3","text":"second","reach":"many"}""",
            """{"id":"4","text":"third"}""",
        ], ct);
        var source = Create("m.jsonl");

        var first = await source.FetchAsync(SourcePosition.Start, ct);
        await File.AppendAllLinesAsync(path, ["""{"id":"5","text":"appended later","published":"2026-11-26T11:00:00+01:00"}"""], ct);
        var second = await source.FetchAsync(first.Next, ct);
        var third = await source.FetchAsync(second.Next, ct);

        Assert.Equal(["1", "4"], first.Mentions.Select(m => m.ExternalId));
        Assert.Equal(3, first.Skipped);
        Assert.Equal("Le K2 a fondu", first.Mentions[0].Text);
        Assert.Equal(12, first.Mentions[0].AuthorReach);
        Assert.Equal("fr", first.Mentions[0].Language);
        Assert.Equal(_time.GetUtcNow(), first.Mentions[1].PublishedAt);
        Assert.Equal(["5"], second.Mentions.Select(m => m.ExternalId));
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero), second.Mentions[0].PublishedAt);
        Assert.Empty(third.Mentions);
    }

    [Fact]
    public async Task Csv_HeaderColumnsInAnyOrder_RecordsReadQuotedCommasKept()
    {
        var ct = TestContext.Current.CancellationToken;
        await File.WriteAllTextAsync(Path.Combine(_folder, "m.csv"),
            "published,text,id,author\n2026-11-26T09:00:00Z,\"Rappel, vraiment ? \"\"officiel\"\"\",c1,@julie\n,,c2,\n2026-11-26T09:05:00Z,plain,c3,@tom\n", ct);
        var source = Create("m.csv");

        var fetch = await source.FetchAsync(SourcePosition.Start, ct);

        Assert.Equal(["c1", "c3"], fetch.Mentions.Select(m => m.ExternalId));
        Assert.Equal("Rappel, vraiment ? \"officiel\"", fetch.Mentions[0].Text);
        Assert.Equal("@julie", fetch.Mentions[0].Author);
        Assert.Equal(1, fetch.Skipped);
        Assert.Equal("3", fetch.Next.Cursor);
    }

    [Fact]
    public async Task MaxItems_RestLeftForTheNextFetch()
    {
        var ct = TestContext.Current.CancellationToken;
        await File.WriteAllLinesAsync(Path.Combine(_folder, "m.jsonl"), Enumerable.Range(1, 5).Select(i => $$"""{"id":"{{i}}","text":"t{{i}}"}"""), ct);
        var source = Create("m.jsonl", maxItems: 2);

        var first = await source.FetchAsync(SourcePosition.Start, ct);
        var second = await source.FetchAsync(first.Next, ct);
        var third = await source.FetchAsync(second.Next, ct);

        Assert.Equal(["1", "2"], first.Mentions.Select(m => m.ExternalId));
        Assert.Equal(["3", "4"], second.Mentions.Select(m => m.ExternalId));
        Assert.Equal(["5"], third.Mentions.Select(m => m.ExternalId));
    }

    [Fact]
    public async Task MissingFile_IoErrorForTheJobToReport()
    {
        await Assert.ThrowsAnyAsync<IOException>(() => Create("absent.jsonl").FetchAsync(SourcePosition.Start, TestContext.Current.CancellationToken));
    }
}
