using System.Net;
using System.Text;
using System.Text.Json;
using CmBot.Bot.Chat;
using CmBot.Bot.Teams.Cards;
using CmBot.Bot.Teams.Inbound;
using CmBot.Bot.Teams.Outbound;
using CmBot.Bot.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;

namespace CmBot.Bot.Tests.Teams;

/// <summary>
/// <c>report [7d|30d]</c> typed to the bot: the digest card, then each chart as an Adaptive Card with the PNG
/// inline, drawn small enough for every message to stay under Teams' ~28 KB limit, queued in order.
/// </summary>
public sealed class TeamsReportCommandTests
{
    private const string ServiceUrl = "https://smba.trafficmanager.net/amer/";

    /// <summary>Teams refuses bot messages over about 28 KB; the activity carries the card plus a little envelope.</summary>
    private const int TeamsMessageLimit = 28 * 1024;

    [Theory]
    [InlineData("report", 7)]
    [InlineData("report 30d", 30)]
    [InlineData("rapport 7d", 7)]
    public void Parse_ReportWithOrWithoutPeriod_ReportCommand(string text, int days)
    {
        var command = TeamsCommand.Parse(text);

        Assert.Equal(TeamsCommandKind.Report, command.Kind);
        Assert.Equal(TimeSpan.FromDays(days), command.Period);
    }

    [Theory]
    [InlineData("report 365d")]
    [InlineData("report soon")]
    public void Parse_ReportPeriodOutOfRange_Unknown(string text)
    {
        Assert.Equal(TeamsCommandKind.Unknown, TeamsCommand.Parse(text).Kind);
    }

    [Fact]
    public async Task Message_Report7d_DigestCardThenThreeInlineChartsUnderTheSizeLimit()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var identity = await FakeBotFrameworkIdentity.StartAsync();
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using var host = TeamsTestHost.Create(store, identity, extra: [new("Feeds:Replay:Enabled", "true")], sendOutbox: false);
        await Eventually.TrueAsync(
            () => host.QueryAsync(db => db.Mentions.CountAsync(ct)), n => n == CmBotHost.SampleMentions, TimeSpan.FromSeconds(90), "the sample replay", ct);
        using var client = host.CreateClient();
        var body = TeamsTestHost.Activity("message.channel.mention.json", a => a["text"] = "<at>My Combined</at> report 7d");

        var response = await client.PostActivityAsync(body, identity.Token(ServiceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = await host.QueryAsync(db => db.Outbox.AsNoTracking().Where(o => o.Kind == TeamsOutbox.ReplyKind).OrderBy(o => o.Id).ToListAsync(ct));
        Assert.Equal(4, rows.Count);
        var replies = rows.Select(r => JsonSerializer.Deserialize<TeamsReplyPayload>(r.Payload, CardJson.Options)!).ToList();
        Assert.Equal("CmBot report", replies[0].Card.Title);
        Assert.Contains(replies[0].Card.Facts, f => f.Label == "Mentions" && f.Value != "0");
        Assert.Equal(["Volume and sentiment", "Time to acknowledge", "Incidents by severity"], replies.Skip(1).Select(r => r.Card.Title));
        foreach (var chart in replies.Skip(1))
        {
            var image = Assert.Single(chart.Card.Images);
            var prefix = image.Url.StartsWith(ReportCards.PngUrl, StringComparison.Ordinal) ? ReportCards.PngUrl : ReportCards.JpegUrl;
            Assert.StartsWith(prefix, image.Url, StringComparison.Ordinal);
            using var bitmap = SKBitmap.Decode(Convert.FromBase64String(image.Url[prefix.Length..]));
            TestContext.Current.SendDiagnosticMessage($"{chart.Card.Title}: {prefix} {bitmap.Width}x{bitmap.Height}, {image.Url.Length} chars");
            Assert.NotNull(bitmap);
            Assert.InRange(bitmap.Width, 240, 800);
            Assert.Equal(bitmap.Width / 2, bitmap.Height);

            var adaptive = AdaptiveCardRenderer.Render(chart.Card);
            Assert.Equal("Image", adaptive["body"]![1]!["type"]!.GetValue<string>());
            var activity = OutboundActivities.CardMessage(adaptive, chart.Card.Title, replyToId: chart.ReplyToId);
            Assert.True(Encoding.UTF8.GetByteCount(activity.ToJsonString()) < TeamsMessageLimit, $"{chart.Card.Title}: {activity.ToJsonString().Length} bytes");
        }
    }

    [Fact]
    public void Charts_NoData_EachFitsTheCardBudget()
    {
        var kpis = new Core.Reporting.ReportCalculator(
                new Core.Reporting.SlaPolicy([]), TimeZoneInfo.Utc)
            .Compute(Core.Reporting.ReportFacts.Empty, Core.Reporting.ReportPeriod.Ending(DateTimeOffset.UnixEpoch.AddYears(56), TimeSpan.FromDays(30)), DateTimeOffset.UnixEpoch.AddYears(56));

        var cards = ReportCards.Charts(kpis, "fr", TimeZoneInfo.Utc);

        Assert.Equal(["Volume et tonalité", "Délai de prise en charge", "Incidents par sévérité"], cards.Select(c => c.Title));
        Assert.All(cards, c => Assert.True(Encoding.UTF8.GetByteCount(AdaptiveCardRenderer.Render(c).ToJsonString()) <= ReportCards.MaxChartCardBytes));
        Assert.All(cards, c => Assert.Single(c.Images));
    }
}
