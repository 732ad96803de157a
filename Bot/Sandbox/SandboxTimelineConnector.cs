using System.Globalization;
using CmBot.Bot.Publishing;
using CmBot.Bot.Storage;
using CmBot.Core.Replies;
using Microsoft.EntityFrameworkCore;

namespace CmBot.Bot.Sandbox;

/// <summary>Publishes replies to the sandbox's public timeline. Publishing the same draft twice returns the first post.</summary>
public sealed class SandboxTimelineConnector(IServiceScopeFactory scopes, SandboxHub hub, TimeProvider time) : IReplyConnector
{
    public const string Timeline = "timeline";

    public string Name => SandboxChatPlatform.PlatformName;

    /// <summary>The sandbox answers anything, last: real connectors go first.</summary>
    public int Preference => 100;

    public bool CanAnswer(string target) => true;

    public async Task<PublishedReply> PublishAsync(Draft draft, string author, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CmBotDbContext>();
        var existing = await db.PublicPosts.FirstOrDefaultAsync(p => p.DraftId == draft.Id, cancellationToken);
        if (existing is not null)
        {
            return new PublishedReply(existing.Id.ToString(CultureInfo.InvariantCulture), LiveText: existing.Text);
        }

        var post = new PublicPost
        {
            DraftId = draft.Id,
            Author = author,
            Text = draft.Text,
            TextSha256 = draft.TextSha256,
            InReplyTo = draft.Target,
            PublishedAt = time.GetUtcNow(),
        };
        db.PublicPosts.Add(post);
        await db.SaveChangesAsync(cancellationToken);
        hub.Notify(Timeline);
        return new PublishedReply(post.Id.ToString(CultureInfo.InvariantCulture), LiveText: post.Text);
    }
}
