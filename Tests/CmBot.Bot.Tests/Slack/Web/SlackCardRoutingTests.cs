using CmBot.Bot.Chat;
using CmBot.Bot.Slack;
using CmBot.Bot.Storage;
using CmBot.Bot.Tests.Infrastructure;
using CmBot.Core.Incidents;
using CmBot.Core.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CmBot.Bot.Tests.Slack.Web;

/// <summary>With Slack enabled, the card publisher routes incident cards to Slack like to any platform.</summary>
public sealed class SlackCardRoutingTests
{
    [Fact]
    public async Task Replay_SlackEnabled_OneRootPerChannelThenEditedInPlace()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using var slack = await FakeSlackServer.StartAsync(channelRate: 20);
        await using var host = SlackDeliveryHost.Create(store, slack, clientRate: 20, replay: true, extra:
        [
            new("Slack:Channels:Alerts", "#cm-alerts"),
            new("Slack:Channels:Legal", string.Empty),
        ]);

        await host.WaitForReplayAsync(ct);

        var platform = host.Services.GetServices<IChatPlatform>().OfType<SlackChatPlatform>().Single();
        Assert.Equal(new ChatChannels("#cm-alerts", "#cm-alerts", SlackDeliveryHost.Direction), platform.Channels);
        var refs = await host.QueryAsync(db => db.ChatMessages.AsNoTracking().Where(c => c.Platform == "slack" && c.SubjectType == Subjects.Incident).ToListAsync(ct));
        Assert.Equal(["#cm-alerts", SlackDeliveryHost.Direction], refs.Select(r => r.Channel).Order(StringComparer.Ordinal));
        foreach (var messageRef in refs)
        {
            // Exactly one Slack message per incident and channel: the root the edits go to.
            var root = Assert.Single(slack.State.Messages(messageRef.Channel), m => m.ThreadTs is null);
            Assert.Equal(root.Ts, messageRef.ExternalId);
            Assert.StartsWith(":red_circle: P1", root.Blocks![0]!["text"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        // Someone takes the crisis: its card changes everywhere it is shown. Edits go by channel id (chat.update
        // needs one), learnt from the post; all succeed.
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CmBotDbContext>();
            var incident = await db.Incidents.SingleAsync(i => i.Severity == Severity.P1, ct);
            incident.Acknowledge(scope.ServiceProvider.GetRequiredService<PeopleDirectory>().FindById("camille")!, DateTimeOffset.UtcNow);
            await scope.ServiceProvider.GetRequiredService<CardPublisher>().IncidentChangedAsync(incident, ct);
            await db.SaveChangesAsync(ct);
            host.Services.GetRequiredService<OutboxSignal>().Notify();
        }

        await host.WaitForOutboxAsync(ct);
        var updates = slack.Calls("chat.update");
        Assert.NotEmpty(updates);
        Assert.All(updates, u => Assert.Equal(200, u.Status));
        Assert.All(updates, u => Assert.Matches("^C[0-9A-F]{10}$|^C0DIRECT01$", u.Channel!));
        Assert.All(await host.QueryAsync(db => db.Outbox.AsNoTracking().Where(o => o.Platform == "slack").ToListAsync(ct)),
            o => Assert.True(o.State is OutboxState.Sent or OutboxState.Superseded, $"{o.IdempotencyKey} is {o.State}: {o.LastError}"));
    }
}
