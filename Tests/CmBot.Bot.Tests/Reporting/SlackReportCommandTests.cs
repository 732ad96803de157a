using CmBot.Bot.Reporting.OnDemand;
using CmBot.Bot.Slack.Commands;
using CmBot.Bot.Storage;
using CmBot.Bot.Tests.Infrastructure;
using CmBot.Bot.Tests.Slack.Commands;
using CmBot.Bot.Tests.Slack.Web;
using CmBot.Core.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CmBot.Bot.Tests.Reporting;

/// <summary><c>/cm report 7d</c> answers with the figures at once and posts the digest card and its charts in the channel.</summary>
public sealed class SlackReportCommandTests
{
    private const string Channel = "C0REPORTS1";

    [Fact]
    public async Task Report7d_SlackEnabled_PostsTheDigestCardThenItsChartsInItsThread()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using var slack = await FakeSlackServer.StartAsync(channelRate: 0);
        await using var host = SlackDeliveryHost.Create(store, slack, clientRate: 20, extra: [new("Reporting:SlaAlerts:Enabled", "false")]);
        var paul = host.Person("paul");

        var reply = await host.Services.GetRequiredService<ISlashCommandResponder>().RespondAsync("report 7d", paul, Channel, ct);

        Assert.Contains("charts are being posted in this channel", CommandHost.AllText(reply), StringComparison.Ordinal);
        var rows = await Eventually.TrueAsync(
            () => host.QueryAsync(db => db.Outbox.AsNoTracking().Where(o => o.Channel == Channel && o.State == OutboxState.Sent).ToListAsync(ct)),
            sent => sent.Count == 4,
            TimeSpan.FromSeconds(60),
            "the report card and its three charts to be sent",
            ct);
        Assert.All(rows, r => Assert.StartsWith("request:", r.SubjectId, StringComparison.Ordinal));
        var card = Assert.Single(slack.State.Messages(Channel), m => m.FileId is null);
        Assert.Contains("CmBot report", card.Text, StringComparison.Ordinal);
        Assert.Equal(3, slack.State.Messages(Channel).Count(m => m.FileId is not null && m.ThreadTs == card.Ts));
        var audit = await host.QueryAsync(db => db.AuditEvents.AsNoTracking().SingleAsync(e => e.Action == AuditActions.ReportRequested, ct));
        Assert.Equal("paul", audit.ActorId);
        Assert.Equal(ReportRequestJob.Subject, audit.SubjectType);
    }
}
