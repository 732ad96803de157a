using System.Net;
using CmBot.Bot.Slack.Inbound;
using CmBot.Bot.Tests.Infrastructure;
using CmBot.Core.Chat;
using CmBot.Core.Incidents;

namespace CmBot.Bot.Tests.Slack.Inbound;

/// <summary>What was acknowledged to Slack is done even if CmBot stops before acting on it.</summary>
public sealed class SlackInboxRestartTests
{
    [Theory]
    [InlineData(TestStore.Sqlite)]
    [InlineData(TestStore.Postgres)]
    public async Task Restart_ClickAcknowledgedButNotProcessed_ProcessedByTheNextHost(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(provider, ct);
        Guid incidentId;
        await using (var first = SlackHost.Create(store, new FakeSlackApi(), replay: true, processor: false))
        {
            incidentId = await SlackHost.WaitForIncidentAsync(first, ct);
            using var client = first.CreateClient();
            using var response = await client.SendAsync(
                SlackRequests.Interaction(SlackInteractivityContractTests.Click(ActionVerbs.Acknowledge, incidentId.ToString(), SlackHost.Camille)), ct);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(SlackInboxState.Pending, (await SlackHost.InboxAsync(first, ct)).Single().State);
            Assert.Equal(IncidentStatus.Open, (await SlackHost.IncidentAsync(first, incidentId, ct)).Status);
        }

        await using var second = SlackHost.Create(store, new FakeSlackApi(), replay: true);
        _ = second.Services;

        var incident = await Eventually.TrueAsync(() => SlackHost.IncidentAsync(second, incidentId, ct), i => i.Status == IncidentStatus.Acknowledged, TimeSpan.FromSeconds(30), "the stored click to be processed", ct);
        Assert.Equal("camille", incident.AcknowledgedBy);
        await Eventually.TrueAsync(() => SlackHost.InboxAsync(second, ct), rows => rows.Single().State == SlackInboxState.Done, TimeSpan.FromSeconds(10), "the click to be marked done", ct);
    }
}
