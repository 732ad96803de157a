using System.Text.Json;
using CmBot.Bot.Cli;
using CmBot.Bot.Reporting;
using CmBot.Bot.Tests.Infrastructure;
using CmBot.Core.Audit;
using CmBot.Core.Chat;
using CmBot.Core.Reporting;
using Microsoft.EntityFrameworkCore;

namespace CmBot.Bot.Tests.Reporting;

/// <summary>
/// The report tool on a database filled by the sample replay: the digest has the expected figures, its charts
/// decode, and the CSV exports read back equal to the stored rows. Run in process and as the real CLI.
/// </summary>
public sealed class ReportCommandTests
{
    private static string NewFolder() => Path.Combine(Path.GetTempPath(), "cmbot-tests", Guid.NewGuid().ToString("N"));

    private static async Task<TestStore> ReplayedStoreAsync(CancellationToken ct)
    {
        var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using var host = new CmBotHost(store);
        await host.WaitForReplayAsync(ct);
        var incidentId = (await host.QueryAsync(db => db.Incidents.SingleAsync(ct))).Id.ToString();
        Assert.Equal(200, (await host.ActAsync("camille", ActionVerbs.Acknowledge, incidentId)).Status);
        Assert.Equal(200, (await host.ActAsync("camille", ActionVerbs.Draft, incidentId)).Status);
        return store;
    }

    private static Dictionary<string, int> SourcesInSampleFile() =>
        File.ReadLines(Path.Combine(SampleFeed.RepoRoot(), "Bot", "samples", "replay.jsonl"))
            .Where(l => l.Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("source").GetString()!)
            .GroupBy(s => s)
            .ToDictionary(g => g.Key, g => g.Count());

    [Fact]
    public async Task WriteAsync_SampleReplay_DigestFiguresChartsAndExportsRoundTrip()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await ReplayedStoreAsync(ct);
        await using var host = new CmBotHost(store, [new("Feeds:Replay:Enabled", "false")]);
        var folder = NewFolder();

        var written = await ReportCommand.WriteAsync(host.Services, TimeSpan.FromDays(30), folder, "md", ct);

        Assert.Contains(Path.Combine(folder, "digest.md"), written);
        var digest = await File.ReadAllTextAsync(Path.Combine(folder, "digest.md"), ct);
        Assert.Contains($"| Mentions | {CmBotHost.SampleMentions} |", digest, StringComparison.Ordinal);
        Assert.Contains("| Incidents | 1 (P1 1) |", digest, StringComparison.Ordinal);
        Assert.Contains("| Within SLA | 100% |", digest, StringComparison.Ordinal);
        Assert.Contains("![Volume and sentiment](volume-sentiment.png)", digest, StringComparison.Ordinal);
        foreach (var chart in new[] { "volume-sentiment.png", "time-to-acknowledge.png", "incidents-by-severity.png" })
        {
            PngAssert.Valid(await File.ReadAllBytesAsync(Path.Combine(folder, chart), ct), ReportCharts.Width, ReportCharts.Height);
        }

        var kpis = JsonSerializer.Deserialize<ReportKpis>(await File.ReadAllTextAsync(Path.Combine(folder, "kpis.json"), ct), ExportWriter.Json)!;
        Assert.Equal(SourcesInSampleFile(), kpis.VolumeBySource.ToDictionary(c => c.Key, c => c.Value));
        Assert.Equal(1, kpis.TimeToAcknowledge.Count);
        Assert.Equal(1, kpis.TimeToFirstDraft.Count);

        var stored = await host.QueryAsync(db => new ExportQuery(db).ReadAsync(kpis.Period, ct));
        await using (var csv = File.OpenRead(Path.Combine(folder, "mentions.csv")))
        {
            var back = await ExportWriter.ReadCsvAsync<MentionRow>(csv, ct);
            Assert.Equal(CmBotHost.SampleMentions, back.Count);
            Assert.Equal(stored.Mentions.Select(m => m with { Url = m.Url ?? string.Empty }), back);
        }

        await using (var csv = File.OpenRead(Path.Combine(folder, "incidents.csv")))
        {
            Assert.Equal(stored.Incidents, await ExportWriter.ReadCsvAsync<IncidentRow>(csv, ct));
        }

        await using (var csv = File.OpenRead(Path.Combine(folder, "decisions.csv")))
        {
            var decisions = await ExportWriter.ReadCsvAsync<DecisionRow>(csv, ct);
            Assert.Equal(stored.Decisions, decisions);
            Assert.Contains(decisions, d => d.Action == AuditActions.IncidentAcknowledged && d.ActorId == "camille");
        }

        await using (var json = File.OpenRead(Path.Combine(folder, "mentions.json")))
        {
            var back = await JsonSerializer.DeserializeAsync<List<MentionRow>>(json, ExportWriter.Json, ct);
            Assert.Equal(stored.Mentions, back);
        }
    }

    [Fact]
    public async Task Cli_Report_WritesHtmlDigestFromTheConfiguredDatabase()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await ReplayedStoreAsync(ct);
        var folder = NewFolder();

        var result = await BotProcess.RunUntilExitAsync(
            new Dictionary<string, string> { ["CmBot__DataFolder"] = store.DataFolder },
            TimeSpan.FromSeconds(90),
            ["report", "--period", "30d", "--out", folder, "--format", "html"],
            ct);

        Assert.True(result.ExitCode == 0, result.StandardError);
        var html = await File.ReadAllTextAsync(Path.Combine(folder, "digest.html"), ct);
        Assert.Contains("<th align=\"left\">Mentions</th><td>240</td>", html, StringComparison.Ordinal);
        Assert.Contains("<img src=\"incidents-by-severity.png\"", html, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(folder, "decisions.csv")));
        Assert.Contains(Path.Combine(folder, "mentions.json"), result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cli_Report_NoDatabase_ExitsThreeAndCreatesNothing()
    {
        var data = NewFolder();

        var result = await BotProcess.RunUntilExitAsync(
            new Dictionary<string, string> { ["CmBot__DataFolder"] = data },
            TimeSpan.FromSeconds(60),
            ["report", "--out", NewFolder()],
            TestContext.Current.CancellationToken);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("There is no CmBot database", result.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(data, "cmbot.db")));
    }

    [Fact]
    public async Task Cli_Report_BadPeriod_ExitsTwo()
    {
        var result = await BotProcess.RunUntilExitAsync(
            new Dictionary<string, string>(), TimeSpan.FromSeconds(60), ["report", "--period", "soon", "--out", NewFolder()], TestContext.Current.CancellationToken);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--period", result.StandardError, StringComparison.Ordinal);
    }
}
