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

    [Theory]
    [InlineData(TestStore.Sqlite)]
    [InlineData(TestStore.Postgres)]
    public async Task Start_ClaimsLeftByADeadProcessor_TakenBackWhileFreshClaimsAreLeftToTheirOwner(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(provider, ct);
        Guid incidentId;
        await using (var first = SlackHost.Create(store, new FakeSlackApi(), replay: true, processor: false))
        {
            incidentId = await SlackHost.WaitForIncidentAsync(first, ct);
            var click = System.Web.HttpUtility.UrlDecode(System.Text.Encoding.UTF8.GetString(
                SlackInteractivityContractTests.Click(ActionVerbs.Acknowledge, incidentId.ToString(), SlackHost.Camille)))["payload=".Length..];
            var now = DateTimeOffset.UtcNow;

            // One click claimed ten minutes ago by a processor that never finished, one claimed just now by another
            // instance that is still working on it (its payload would fail if it were taken twice: not a real click).
            await first.QueryAsync(async db =>
            {
                db.SlackInbox.AddRange(
                    Row("stale", click, SlackInboxState.Processing, now.AddMinutes(-10)),
                    Row("fresh", "{}", SlackInboxState.Processing, now));
                return await db.SaveChangesAsync(ct);
            });
        }

        await using var second = SlackHost.Create(store, new FakeSlackApi(), replay: true);
        _ = second.Services;

        var incident = await Eventually.TrueAsync(() => SlackHost.IncidentAsync(second, incidentId, ct), i => i.Status == IncidentStatus.Acknowledged, TimeSpan.FromSeconds(30), "the stale claim to be taken back and processed", ct);
        Assert.Equal("camille", incident.AcknowledgedBy);
        var rows = await Eventually.TrueAsync(() => SlackHost.InboxAsync(second, ct), r => r.Single(i => i.DedupKey == "stale").State == SlackInboxState.Done, TimeSpan.FromSeconds(10), "the stale claim done", ct);
        Assert.Equal(SlackInboxState.Processing, rows.Single(i => i.DedupKey == "fresh").State);
    }

    private static SlackInboxItem Row(string key, string payload, SlackInboxState state, DateTimeOffset claimedAt) => new()
    {
        Kind = SlackPayloadKind.Interactivity,
        Type = "block_actions",
        DedupKey = key,
        Payload = payload,
        ReceivedAt = claimedAt,
        State = state,
        ProcessedAt = claimedAt,
    };
}
