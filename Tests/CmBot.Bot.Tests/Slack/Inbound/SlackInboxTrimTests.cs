using CmBot.Bot.Slack.Inbound;
using CmBot.Bot.Tests.Infrastructure;

namespace CmBot.Bot.Tests.Slack.Inbound;

/// <summary>The inbox does not grow without bound: finished rows are deleted a day after they arrived.</summary>
public sealed class SlackInboxTrimTests
{
    [Theory]
    [InlineData(TestStore.Sqlite)]
    [InlineData(TestStore.Postgres)]
    public async Task Start_RowsOlderThanADay_FinishedOnesDeletedPendingAndRecentKept(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(provider, ct);
        var now = DateTimeOffset.UtcNow;
        await using (var first = SlackHost.Create(store, new FakeSlackApi(), processor: false))
        {
            await first.QueryAsync(async db =>
            {
                db.SlackInbox.AddRange(
                    Row("old-done", now.AddDays(-2), SlackInboxState.Done),
                    Row("old-ignored", now.AddDays(-2), SlackInboxState.Ignored),
                    Row("old-failed", now.AddHours(-25), SlackInboxState.Failed),
                    Row("old-pending", now.AddDays(-2), SlackInboxState.Pending),
                    Row("recent-ignored", now.AddHours(-23), SlackInboxState.Ignored),
                    Row("new-ignored", now, SlackInboxState.Ignored));
                return await db.SaveChangesAsync(ct);
            });
        }

        await using var second = SlackHost.Create(store, new FakeSlackApi());
        _ = second.Services;

        var rows = await Eventually.TrueAsync(() => SlackHost.InboxAsync(second, ct), r => r.Count == 3, TimeSpan.FromSeconds(20), "the trim at start", ct);
        Assert.Equal(["old-pending", "recent-ignored", "new-ignored"], rows.Select(r => r.DedupKey));
    }

    private static SlackInboxItem Row(string key, DateTimeOffset receivedAt, SlackInboxState state) => new()
    {
        Kind = SlackPayloadKind.Event,
        Type = "reaction_added",
        DedupKey = key,
        Payload = SlackFixtures.Text("events/reaction_added.json"),
        ReceivedAt = receivedAt,
        State = state,
    };
}
