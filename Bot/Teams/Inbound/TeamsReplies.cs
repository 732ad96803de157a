using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CmBot.Bot.Chat;
using CmBot.Bot.Storage;
using CmBot.Bot.Teams.Activities;
using CmBot.Core.Chat;
using Microsoft.EntityFrameworkCore;

namespace CmBot.Bot.Teams.Inbound;

/// <summary>
/// Queues the bot's answer to a message (a command's result) in the outbox, like every other send: it goes out
/// under the conversation's rate limits, survives a restart, and is sent once even if Teams redelivers the message.
/// </summary>
public sealed class TeamsReplies(CmBotDbContext db, WriteGate gate, OutboxSignal signal, TimeProvider time)
{
    /// <param name="part">0 for the answer; 1, 2... for further messages of the same answer (a report's charts), sent in order.</param>
    public async Task EnqueueAsync(Activity activity, Card card, CancellationToken cancellationToken, int part = 0)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(card);
        var conversation = activity.Conversation!.Id!;
        var payload = new TeamsReplyPayload(activity.ServiceUrl!, conversation, activity.Id, card, activity.Conversation.TenantId ?? activity.ChannelData?.Tenant?.Id);
        var key = part == 0
            ? $"teams:reply:{TeamsOutbox.Hash($"{conversation}|{activity.Id}")}"
            : $"teams:reply:{TeamsOutbox.Hash($"{conversation}|{activity.Id}|{part}")}";
        using (await gate.EnterAsync(cancellationToken))
        {
            if (await db.Outbox.AnyAsync(o => o.IdempotencyKey == key, cancellationToken))
            {
                return;
            }

            db.Outbox.Add(new OutboxMessage
            {
                IdempotencyKey = key,
                Kind = TeamsOutbox.ReplyKind,
                Platform = TeamsOptions.PlatformName,
                Channel = TeamsOutbox.Lane(conversation),
                SubjectType = TeamsOutbox.ReplySubject,
                SubjectId = activity.Id ?? key,
                SubjectVersion = 1,
                Priority = 5,
                Payload = JsonSerializer.Serialize(payload, CardJson.Options),
                State = OutboxState.Pending,
                CreatedAt = time.GetUtcNow(),
            });
            await db.SaveChangesAsync(cancellationToken);
        }

        signal.Notify();
    }
}

/// <summary>A reply the outbox sends: where (service URL, conversation, message replied to) and what.</summary>
public sealed record TeamsReplyPayload(string ServiceUrl, string ConversationId, string? ReplyToId, Card Card, string? TenantId = null);

/// <summary>Names Teams work in the outbox.</summary>
public static class TeamsOutbox
{
    public const string ReplyKind = "teams.reply";
    public const string ReplySubject = "teams-reply";

    private const int MaxLaneLength = 128;

    /// <summary>
    /// The outbox lane (channel column) of a conversation: its id without thread suffix, so replies and alerts in
    /// one conversation share one ordered, rate-limited lane; hashed when longer than the column (1:1 ids are).
    /// </summary>
    public static string Lane(string conversationId)
    {
        var id = ActivityJson.BaseConversationId(conversationId);
        return id.Length <= MaxLaneLength ? id : $"sha256:{Hash(id)[..48]}";
    }

    public static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
