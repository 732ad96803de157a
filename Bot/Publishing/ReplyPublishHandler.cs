using System.Text.Json;
using CmBot.Bot.Chat;
using CmBot.Bot.Storage;
using CmBot.Core.Audit;
using CmBot.Core.Replies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using CmBot.Bot.Hosting;

namespace CmBot.Bot.Publishing;

/// <summary>Publishes a reply queued by the Publish action, after checking the text still matches its approval.</summary>
public sealed class ReplyPublishHandler(IEnumerable<IReplyConnector> connectors, IOptions<CmBotOptions> options) : IOutboxHandler
{
    public string Kind => OutboxKinds.PublishReply;

    /// <summary>The connector for a draft's target: the most preferred one that can answer it.</summary>
    public static IReplyConnector? ConnectorFor(IEnumerable<IReplyConnector> connectors, string target) =>
        connectors.Where(c => c.CanAnswer(target)).OrderBy(c => c.Preference).FirstOrDefault();

    public static string Payload(Draft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return JsonSerializer.Serialize(new PublishPayload(draft.Id, draft.TextSha256));
    }

    public async Task<OutboxResult> SendAsync(OutboxMessage message, CmBotDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(db);
        var payload = JsonSerializer.Deserialize<PublishPayload>(message.Payload)
            ?? throw new ChatDeliveryException("Empty publish payload.", permanent: true);
        var draft = await db.Drafts.Include(d => d.Approvals).SingleOrDefaultAsync(d => d.Id == payload.DraftId, cancellationToken)
            ?? throw new ChatDeliveryException($"Draft {payload.DraftId} does not exist.", permanent: true);
        if (draft.TextSha256 != payload.TextSha256 || TextHash.Of(draft.Text, draft.Target) != payload.TextSha256)
        {
            throw new ChatDeliveryException($"Draft {draft.Id} no longer matches the text that was approved; not published.", permanent: true);
        }

        var connector = connectors.FirstOrDefault(c => c.Name == message.Platform)
            ?? throw new ChatDeliveryException($"No reply connector named '{message.Platform}' is configured.", permanent: true);
        var published = await connector.PublishAsync(draft, options.Value.Brand, message.IdempotencyKey, cancellationToken);

        // Where the platform lets us read the post back, the live text must be the approved one.
        bool? liveMatches = published.LiveText is null ? null : TextHash.Of(published.LiveText, draft.Target) == draft.TextSha256;
        return new OutboxResult(
            OutboxOutcome.Sent,
            published.PostId,
            new OutboxAudit(
                draft.PublishedBy ?? "cmbot",
                liveMatches == false ? AuditActions.ReplyLiveTextMismatch : AuditActions.ReplyPublished,
                Subjects.Draft,
                draft.Id.ToString(),
                new { connector = connector.Name, postId = published.PostId, url = published.Url, sha256 = draft.TextSha256, liveMatches, incidentId = draft.IncidentId, mode = draft.PublishMode.ToString() }));
    }

    private sealed record PublishPayload(Guid DraftId, string TextSha256);
}
