using CmBot.Bot.Storage;
using CmBot.Core.Audit;
using Microsoft.EntityFrameworkCore;

namespace CmBot.Bot.Chat;

/// <summary>
/// Makes a platform show a card's latest version: posts it the first time (in its thread when it has one),
/// edits it in place afterwards, and skips versions a newer pending message already covers.
/// </summary>
public sealed class CardSyncHandler(IEnumerable<IChatPlatform> platforms, TimeProvider time) : IOutboxHandler
{
    public string Kind => OutboxKinds.SyncCard;

    public async Task<OutboxResult> SendAsync(OutboxMessage message, CmBotDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(db);
        var platform = platforms.FirstOrDefault(p => p.Name == message.Platform)
            ?? throw new ChatDeliveryException($"No chat platform named '{message.Platform}' is configured.", permanent: true);

        var newerRows = db.Outbox.Where(o => o.Platform == message.Platform && o.Channel == message.Channel && o.SubjectType == message.SubjectType &&
                                             o.SubjectId == message.SubjectId && o.State == OutboxState.Pending && o.SubjectVersion > message.SubjectVersion);
        var existing = await db.ChatMessages.FirstOrDefaultAsync(
            c => c.Platform == message.Platform && c.Channel == message.Channel && c.SubjectType == message.SubjectType && c.SubjectId == message.SubjectId,
            cancellationToken);

        // Newer versions only matter to an edit: a first post does not look for them (one read less before a new alert).
        var newer = existing is not null && await newerRows.AnyAsync(cancellationToken);

        // A first post goes out at once whatever follows it (the first alert matters most); once posted, only the
        // newest pending version is worth an edit: every older one still waiting is skipped in one statement (a row
        // another sender already claimed is left alone).
        if ((newer && existing is not null) || existing?.Version >= message.SubjectVersion)
        {
            if (newer)
            {
                var newest = await newerRows.MaxAsync(o => o.SubjectVersion, cancellationToken);
                await db.Outbox
                    .Where(o => o.Platform == message.Platform && o.Channel == message.Channel && o.SubjectType == message.SubjectType &&
                                o.SubjectId == message.SubjectId && o.State == OutboxState.Pending && o.SubjectVersion < newest && o.Id != message.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(o => o.State, OutboxState.Superseded), cancellationToken);
            }

            return new OutboxResult(OutboxOutcome.Superseded);
        }

        var card = CardJson.Deserialize(message.Payload);
        var now = time.GetUtcNow();
        if (existing is not null)
        {
            await platform.UpdateCardAsync(message.Channel, existing.ExternalId, card, cancellationToken);
            existing.Version = message.SubjectVersion;
            existing.UpdatedAt = now;
            return new OutboxResult(OutboxOutcome.Sent, existing.ExternalId);
        }

        string? thread = null;
        if (message.ThreadSubjectId is { } threadSubject)
        {
            thread = await db.ChatMessages
                .Where(c => c.Platform == message.Platform && c.Channel == message.Channel && c.SubjectId == threadSubject)
                .Select(c => c.ExternalId)
                .FirstOrDefaultAsync(cancellationToken);
            if (thread is null)
            {
                return new OutboxResult(OutboxOutcome.NotYet);
            }
        }

        var origin = new ChatSendOrigin(message.IdempotencyKey, message.CreatedAt, message.ClaimedBeforeWithoutResult, message.LastError);
        var externalId = await platform.PostCardAsync(message.Channel, card, thread, origin, cancellationToken);
        db.ChatMessages.Add(new ChatMessageRef
        {
            Platform = message.Platform,
            Channel = message.Channel,
            SubjectType = message.SubjectType,
            SubjectId = message.SubjectId,
            ExternalId = externalId,
            ThreadExternalId = thread,
            Version = message.SubjectVersion,
            CreatedAt = now,
            UpdatedAt = now,
        });
        var audit = message.SubjectType == Subjects.Incident
            ? new OutboxAudit("cmbot", AuditActions.AlertSent, Subjects.Incident, message.SubjectId, new { platform = message.Platform, channel = message.Channel, messageId = externalId })
            : null;
        return new OutboxResult(OutboxOutcome.Sent, externalId, audit);
    }
}

/// <summary>Subject types shared by the outbox, chat message references and the audit log.</summary>
public static class Subjects
{
    public const string Incident = "incident";
    public const string Draft = "draft";
    public const string Mention = "mention";
    public const string Silence = "silence";

    /// <summary>An escalation notice (thread note or direct message); its id is "{incident}:{generation}:{kind}:{sequence}".</summary>
    public const string Escalation = "escalation";

    /// <summary>A note in an incident's thread as it grows (severity raised, a mention milestone); its id says which.</summary>
    public const string Update = "update";

    /// <summary>An approval reminder or deputy call (thread note or direct message); its id is "{draft}:{revision}:{kind}".</summary>
    public const string ApprovalNotice = "approval-notice";
}
