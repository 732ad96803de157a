using System.Globalization;
using CmBot.Bot.Chat;
using CmBot.Bot.Storage;
using CmBot.Core.Chat;
using Microsoft.EntityFrameworkCore;
using CmBot.Core.People;

namespace CmBot.Bot.Sandbox;

/// <summary>The local web channel as a chat platform: messages are rows the sandbox page shows.</summary>
public sealed class SandboxChatPlatform(IServiceScopeFactory scopes, SandboxHub hub, TimeProvider time) : IChatPlatform
{
    public const string PlatformName = "sandbox";

    public static readonly ChatChannels DefaultChannels = new("#cm-alerts", "#legal", "#direction");

    public string Name => PlatformName;

    public ChatChannels Channels => DefaultChannels;

    /// <summary>Everyone in people.yaml has a direct-message channel in the sandbox: "@camille".</summary>
    public string? DirectChannelFor(Person person) => person is null ? null : "@" + person.Id;

    public Task<string> PostCardAsync(string channel, Card card, string? threadExternalId, CancellationToken cancellationToken) =>
        PostAsync(channel, card, threadExternalId, null, cancellationToken);

    /// <summary>Tags the message with the outbox row's key; a retry of a row whose sender died adopts the message it finds.</summary>
    public async Task<string> PostCardAsync(string channel, Card card, string? threadExternalId, ChatSendOrigin origin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(origin);
        if (origin.ClaimedBeforeWithoutResult)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CmBotDbContext>();
            var posted = await db.SandboxMessages.AsNoTracking().Where(m => m.OutboxKey == origin.IdempotencyKey).Select(m => (long?)m.Id).FirstOrDefaultAsync(cancellationToken);
            if (posted is { } id)
            {
                return id.ToString(CultureInfo.InvariantCulture);
            }
        }

        return await PostAsync(channel, card, threadExternalId, origin.IdempotencyKey, cancellationToken);
    }

    private async Task<string> PostAsync(string channel, Card card, string? threadExternalId, string? outboxKey, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CmBotDbContext>();
        var now = time.GetUtcNow();
        var message = new SandboxMessage
        {
            Channel = channel,
            ThreadId = threadExternalId is null ? null : long.Parse(threadExternalId, CultureInfo.InvariantCulture),
            CardJson = CardJson.Serialize(card),
            CreatedAt = now,
            UpdatedAt = now,
            OutboxKey = outboxKey,
        };
        db.SandboxMessages.Add(message);
        await db.SaveChangesAsync(cancellationToken);
        hub.Notify(channel);
        return message.Id.ToString(CultureInfo.InvariantCulture);
    }

    public async Task UpdateCardAsync(string channel, string externalId, Card card, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CmBotDbContext>();
        var id = long.Parse(externalId, CultureInfo.InvariantCulture);
        var message = await db.SandboxMessages.FindAsync([id], cancellationToken)
            ?? throw new ChatDeliveryException($"Sandbox message {externalId} in {channel} does not exist.", permanent: true);
        message.CardJson = CardJson.Serialize(card);
        message.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        hub.Notify(channel);
    }
}
