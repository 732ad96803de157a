using System.Text.Json;
using CmBot.Bot.Chat;
using CmBot.Bot.Reporting;
using CmBot.Bot.Reporting.Digests;
using CmBot.Bot.Storage;
using CmBot.Bot.Teams.Cards;
using CmBot.Bot.Tests.Infrastructure;
using CmBot.Bot.Tests.Teams;
using CmBot.Core.Chat;
using CmBot.Core.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace CmBot.Bot.Tests.Reporting;

/// <summary>
/// A scheduled digest on the platforms whose cards hold pictures: in Teams (fake Bot Connector on 127.0.0.1) the
/// card then one Adaptive Card per chart with the PNG inline, replied in the digest's thread; in the sandbox one
/// card in the digest's thread whose pictures this host serves for the digest's exact period.
/// </summary>
public sealed class CardChartDigestTests
{
    private const string Alerts = "19:alerts@thread.tacv2";

    private static readonly KeyValuePair<string, string?>[] NoSchedules =
    [
        new("Reporting:Digests:daily:Enabled", "false"),
        new("Reporting:Digests:weekly:Enabled", "false"),
        new("Reporting:Digests:monthly:Enabled", "false"),
        new("Reporting:SlaAlerts:Enabled", "false"),
    ];

    [Fact]
    public async Task Digest_TeamsAndSandbox_ChartsShownInTheDigestsThread()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var identity = await FakeBotFrameworkIdentity.StartAsync();
        await using var connector = await FakeTeamsConnector.StartAsync();
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using var host = TeamsTestHost.Create(store, identity, connector.Settings().Concat(NoSchedules));
        await TeamsTestHost.SeedIncidentAsync(host, 1, Severity.P1, ct);
        await TeamsTestHost.SeedIncidentAsync(host, 2, Severity.P3, ct);
        await host.WaitForOutboxAsync(ct);
        var slot = DateTimeOffset.UtcNow.AddMinutes(1);

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var schedule = new DigestSchedule("daily", "0 0 8 * * ?", TimeSpan.FromDays(1), DigestAudiences.Alerts);
            Assert.True(await scope.ServiceProvider.GetRequiredService<DigestRunner>().RunAsync(schedule, slot, ct));
        }

        await host.WaitForOutboxAsync(ct);
        var rows = await host.QueryAsync(db => db.Outbox.AsNoTracking().Where(o => o.SubjectType == DigestRunner.ChartSubject).ToListAsync(ct));
        Assert.Equal(4, rows.Count); // three chart cards in Teams, one in the sandbox
        Assert.All(rows, r => Assert.Equal(OutboxState.Sent, r.State));

        // Teams: the digest card is a new post; each chart is a reply in its thread, an Image element with a PNG/JPEG data URI.
        var digest = Assert.Single(connector.Calls, c => c.Kind == "create" && c.Title == "CmBot report");
        var charts = await Eventually.TrueAsync(
            () => Task.FromResult(connector.Calls.Where(c => c.Kind == "reply" && c.ReplyToId == digest.ActivityId).ToList()),
            r => r.Count == 3, TimeSpan.FromSeconds(30), "three chart replies in Teams", ct);
        Assert.Equal(["Volume and sentiment", "Time to acknowledge", "Incidents by severity"], charts.Select(c => c.Title));
        foreach (var chart in charts)
        {
            Assert.Equal($"{Alerts};messageid={digest.ActivityId}", chart.Conversation);
            var image = chart.Card!["body"]!.AsArray().Single(e => (string?)e!["type"] == "Image")!;
            var url = (string)image["url"]!;
            var prefix = url.StartsWith(ReportCards.PngUrl, StringComparison.Ordinal) ? ReportCards.PngUrl : ReportCards.JpegUrl;
            Assert.StartsWith(prefix, url, StringComparison.Ordinal);
            using var bitmap = SKBitmap.Decode(Convert.FromBase64String(url[prefix.Length..]));
            Assert.NotNull(bitmap);
            Assert.InRange(bitmap.Width, 240, ReportCharts.Width);
        }

        // Sandbox: the chart card sits in the digest's thread, and each picture it names is a PNG this host serves.
        var messages = await host.QueryAsync(db => db.SandboxMessages.AsNoTracking().Where(m => m.Channel == "#cm-alerts").ToListAsync(ct));
        var digestMessage = Assert.Single(messages, m => m.ThreadId is null && m.CardJson.Contains("CmBot report", StringComparison.Ordinal));
        var chartMessage = Assert.Single(messages, m => m.ThreadId == digestMessage.Id && m.CardJson.Contains("images", StringComparison.Ordinal));
        var card = JsonSerializer.Deserialize<Card>(chartMessage.CardJson, CardJson.Options)!;
        Assert.Equal(3, card.Images.Count);
        using var client = host.CreateClient();
        foreach (var image in card.Images)
        {
            Assert.StartsWith(SandboxReportEndpoints.ChartsPath, image.Url, StringComparison.Ordinal);
            PngAssert.Valid(await client.GetByteArrayAsync(image.Url, ct), ReportCharts.Width, ReportCharts.Height);
        }
    }
}
