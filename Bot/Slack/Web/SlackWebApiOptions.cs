using System.ComponentModel.DataAnnotations;

namespace CmBot.Bot.Slack.Web;

/// <summary>
/// The <c>Slack:WebApi</c> section: how hard CmBot may push Slack's Web API. The defaults follow Slack's published
/// limits; tests and benchmarks raise the posting rate to match a fake server.
/// </summary>
public sealed class SlackWebApiOptions
{
    public const string Section = "Slack:WebApi";

    /// <summary>chat.postMessage per channel: Slack allows about one message per second.</summary>
    [Range(0.01, 1000, ErrorMessage = "Slack:WebApi:ChannelMessagesPerSecond must be between 0.01 and 1000.")]
    public double ChannelMessagesPerSecond { get; set; } = 1;

    /// <summary>
    /// Messages a quiet channel may take at once. Kept one below what Slack tolerates so that network jitter
    /// between our clock and Slack's never turns a burst into a 429.
    /// </summary>
    [Range(1, 100, ErrorMessage = "Slack:WebApi:ChannelBurst must be between 1 and 100.")]
    public int ChannelBurst { get; set; } = 2;

    /// <summary>How long one call may wait in total for 429 Retry-After pauses before it gives the work back to the outbox.</summary>
    [Range(0, 90, ErrorMessage = "Slack:WebApi:MaxRateLimitWaitSeconds must be between 0 and 90 (below the outbox's 2-minute claim lease).")]
    public int MaxRateLimitWaitSeconds { get; set; } = 30;

    /// <summary>Timeout of one HTTP attempt.</summary>
    [Range(1, 60, ErrorMessage = "Slack:WebApi:RequestTimeoutSeconds must be between 1 and 60.")]
    public int RequestTimeoutSeconds { get; set; } = 10;

    /// <summary>Retries of idempotent reads on transient failures (never of posts: the outbox decides those).</summary>
    [Range(0, 5, ErrorMessage = "Slack:WebApi:ReadRetries must be between 0 and 5.")]
    public int ReadRetries { get; set; } = 3;

    /// <summary>Scales the per-method tier limits (1 = Slack's published tiers); a benchmark may lower it.</summary>
    [Range(0.01, 100, ErrorMessage = "Slack:WebApi:TierScale must be between 0.01 and 100.")]
    public double TierScale { get; set; } = 1;
}
