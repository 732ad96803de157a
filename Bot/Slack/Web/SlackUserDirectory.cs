using Microsoft.Extensions.Caching.Memory;

namespace CmBot.Bot.Slack.Web;

/// <summary>
/// Slack user -> e-mail through users.info, so people.yaml can match people by address. Answers are cached for
/// ten minutes (users.info is Tier 4, and every click asks); a failed lookup is not cached and counts as unknown,
/// so a Slack outage makes people "unknown" (can see, cannot approve) rather than breaking clicks.
/// </summary>
public sealed partial class SlackUserDirectory(ISlackApi api, IMemoryCache cache, ILogger<SlackUserDirectory> logger) : ISlackUserDirectory
{
    public static readonly TimeSpan Expiry = TimeSpan.FromMinutes(10);

    public async Task<string?> GetEmailAsync(string userId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        var key = (typeof(SlackUserDirectory), userId);
        if (cache.TryGetValue(key, out SlackUser? known))
        {
            return known?.Email;
        }

        SlackUser? user;
        try
        {
            user = await api.GetUserAsync(userId, cancellationToken);
        }
        catch (SlackApiException ex)
        {
            LogLookupFailed(userId, ex.Error);
            return null;
        }

        // A user who does not exist is cached too (as null): asking again would get the same answer.
        cache.Set(key, user, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Expiry, Size = 1 });
        return user?.Email;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack users.info for {UserId} failed ({Error}); treating the user as unknown for now")]
    private partial void LogLookupFailed(string userId, string error);
}
