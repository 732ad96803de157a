using System.Net;
using System.Net.Http.Json;
using CmBot.Bot.Tests.Infrastructure;
using CmBot.Core.Audit;
using Microsoft.EntityFrameworkCore;

namespace CmBot.Bot.Tests.Reporting;

public sealed class SandboxReportTests
{
    [Fact]
    public async Task PostReport_KnownPerson_PostsDigestWithInlineChartsTheHostServes()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using var host = new CmBotHost(store);
        await host.WaitForReplayAsync(ct);
        using var client = host.CreateClient();

        var response = await client.PostAsJsonAsync("/sandbox/api/report", new { personId = "camille", period = "7d" }, ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await host.WaitForOutboxAsync(ct);
        var message = await host.QueryAsync(db => db.SandboxMessages.AsNoTracking().SingleAsync(m => m.CardJson.Contains("CmBot report"), ct));
        Assert.Equal("#cm-alerts", message.Channel);
        Assert.Contains("\"240\"", message.CardJson, StringComparison.Ordinal);
        Assert.Equal(1, await host.QueryAsync(db => db.AuditEvents.CountAsync(e => e.Action == AuditActions.ReportRequested && e.ActorId == "camille", ct)));
        var card = System.Text.Json.JsonSerializer.Deserialize<Core.Chat.Card>(message.CardJson, Bot.Chat.CardJson.Options)!;
        Assert.Equal(Bot.Reporting.ReportCharts.Names.Count, card.Images.Count);
        foreach (var image in card.Images)
        {
            Assert.StartsWith(Bot.Reporting.SandboxReportEndpoints.ChartsPath, image.Url, StringComparison.Ordinal);
            PngAssert.Valid(await client.GetByteArrayAsync(image.Url, ct), Bot.Reporting.ReportCharts.Width, Bot.Reporting.ReportCharts.Height);
        }

        var png = await client.GetByteArrayAsync("/sandbox/api/report/charts/incidents-by-severity.png?period=7d", ct);
        PngAssert.Valid(png, Bot.Reporting.ReportCharts.Width, Bot.Reporting.ReportCharts.Height);
    }

    [Theory]
    [InlineData("nobody", "7d")]
    [InlineData("camille", "200d")]
    [InlineData("camille", "soon")]
    public async Task PostReport_BadRequest_Is400AndPostsNothing(string person, string period)
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using var host = new CmBotHost(store, [new("Feeds:Replay:Enabled", "false")]);
        using var client = host.CreateClient();

        var response = await client.PostAsJsonAsync("/sandbox/api/report", new { personId = person, period }, ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await host.QueryAsync(db => db.Outbox.CountAsync(ct)));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/sandbox/api/report/charts/secrets.png", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/sandbox/api/report/charts/volume-sentiment.png?from=20&to=10", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/sandbox/api/report/charts/volume-sentiment.png?from=0&to=" + TimeSpan.FromDays(365).Ticks, ct)).StatusCode);
    }
}
