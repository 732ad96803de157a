using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Timeout;

namespace CmBot.Bot.Slack.Web;

/// <summary>
/// The HTTP resilience rules for Slack: a per-attempt timeout for every call, and retries with jittered backoff
/// for idempotent reads only. Writes are never retried here: a post that timed out may have been posted, and
/// the outbox (which can check Slack first) decides what happens next. 429s are left to <see cref="SlackRateLimiter"/>.
/// </summary>
public static class SlackHttp
{
    /// <summary>Set on each request: may this call be repeated without effect?</summary>
    public static readonly HttpRequestOptionsKey<bool> Idempotent = new("cmbot.slack.idempotent");

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, SlackWebApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(options);
        if (options.ReadRetries > 0)
        {
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.ReadRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(300),
                ShouldRetryAfterHeader = false,
                ShouldHandle = args => ValueTask.FromResult(IsIdempotent(args.Context) && IsTransient(args.Outcome)),
            });
        }

        pipeline.AddTimeout(TimeSpan.FromSeconds(options.RequestTimeoutSeconds));
    }

    private static bool IsIdempotent(ResilienceContext context) =>
        context.GetRequestMessage() is { } request && request.Options.TryGetValue(Idempotent, out var idempotent) && idempotent;

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is HttpRequestException or TimeoutRejectedException ||
        outcome.Result is { StatusCode: >= HttpStatusCode.InternalServerError or HttpStatusCode.RequestTimeout };
}
