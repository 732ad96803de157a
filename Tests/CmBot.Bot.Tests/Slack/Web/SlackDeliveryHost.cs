using CmBot.Bot.Chat;
using CmBot.Bot.Storage;
using CmBot.Bot.Tests.Infrastructure;
using CmBot.Core.Chat;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CmBot.Bot.Tests.Slack.Web;

/// <summary>The real host with Slack enabled, pointed at a fake Slack; helpers to queue outbox rows directly.</summary>
public static class SlackDeliveryHost
{
    public const string Alerts = "C0ALERTS01";
    public const string Legal = "C0LEGAL001";
    public const string Direction = "C0DIRECT01";

    public static CmBotHost Create(TestStore store, FakeSlackServer slack, double clientRate, bool replay = false, IEnumerable<KeyValuePair<string, string?>>? extra = null)
    {
        ArgumentNullException.ThrowIfNull(slack);
        var settings = new Dictionary<string, string?>
        {
            ["Sandbox:Enabled"] = "false",
            ["Feeds:Replay:Enabled"] = replay ? "true" : "false",
            ["Slack:Enabled"] = "true",
            ["Slack:Mode"] = "Http",
            ["Slack:SigningSecret"] = "test",
            ["Slack:BotToken"] = FakeSlackServer.BotToken,
            ["Slack:ApiBaseUrl"] = slack.ApiBaseUrl.AbsoluteUri,
            ["Slack:Channels:Alerts"] = Alerts,
            ["Slack:Channels:Legal"] = Legal,
            ["Slack:Channels:Direction"] = Direction,
            ["Slack:WebApi:ChannelMessagesPerSecond"] = clientRate.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Slack:WebApi:ChannelBurst"] = "2",
        };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        return new CmBotHost(store, settings);
    }

    public static OutboxMessage Row(string channel, string subjectType, string subjectId, int priority, DateTimeOffset createdAt, string? threadSubjectId = null) => new()
    {
        IdempotencyKey = $"slack:{channel}:{subjectType}:{subjectId}:v1",
        Kind = OutboxKinds.SyncCard,
        Platform = "slack",
        Channel = channel,
        SubjectType = subjectType,
        SubjectId = subjectId,
        SubjectVersion = 1,
        ThreadSubjectId = threadSubjectId,
        Priority = priority,
        Payload = CardJson.Serialize(new Card { Title = $"#{subjectId} alert", Severity = $"P{priority}", Status = "Open" }),
        State = OutboxState.Pending,
        CreatedAt = createdAt,
    };

    /// <summary>Adds rows in one commit and wakes the dispatcher; returns them with their ids.</summary>
    public static async Task<IReadOnlyList<OutboxMessage>> EnqueueAsync(CmBotHost host, IReadOnlyList<OutboxMessage> rows, CancellationToken cancellationToken, IEnumerable<ChatMessageRef>? refs = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        await host.QueryAsync(async db =>
        {
            db.ChatMessages.AddRange(refs ?? []);
            db.Outbox.AddRange(rows);
            return await db.SaveChangesAsync(cancellationToken);
        });
        host.Services.GetRequiredService<OutboxSignal>().Notify();
        return rows;
    }

    public static Task WaitUntilDoneAsync(CmBotHost host, int rows, TimeSpan timeout, CancellationToken cancellationToken) =>
        Eventually.TrueAsync(
            () => host.QueryAsync(db => db.Outbox.CountAsync(o => o.State == OutboxState.Sent || o.State == OutboxState.Failed, cancellationToken)),
            done => done == rows,
            timeout,
            $"{rows} outbox rows to be sent",
            cancellationToken);
}
