using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CmBot.Bot.Chat;
using CmBot.Bot.Teams.Activities;

namespace CmBot.Bot.Teams.Outbound;

/// <summary>
/// The Bot Connector REST API (v3) for Teams: send to a conversation, reply in a thread, update an activity in
/// place, create a conversation. Every call waits for the conversation's and the tenant's rate limits and carries
/// the bot token. 429/412/502/503/504 are retried here when the wait is short (Retry-After when given, else
/// exponential backoff with jitter), otherwise handed to the outbox as a <see cref="ChatDeliveryException"/> with
/// the wait, which holds the conversation's lane; other refusals are permanent. A local emulator's loopback
/// connector gets no token when <c>Teams:Auth:AllowUnauthenticatedLoopback</c> is on (see <see cref="BotTokenProvider.IsUnauthenticatedEmulator"/>).
/// </summary>
public sealed partial class TeamsConnectorClient(
    HttpClient http,
    BotTokenProvider tokens,
    TeamsRateLimits limits,
    TimeProvider time,
    ILogger<TeamsConnectorClient> logger)
{
    private const int MaxTries = 3;
    private static readonly TimeSpan MaxInlineWait = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan BaseBackoff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(60);

    /// <summary>Posts <paramref name="activity"/> to the conversation; returns the new activity id.</summary>
    public async Task<string> SendAsync(Uri serviceUrl, string conversationId, JsonObject activity, string tenant, CancellationToken cancellationToken)
    {
        var response = await CallAsync<ResourceResponse>(HttpMethod.Post, Url(serviceUrl, conversationId), activity, conversationId, tenant, cancellationToken);
        return response?.Id ?? throw new ChatDeliveryException("The Bot Connector answered a send without an activity id.", permanent: false);
    }

    /// <summary>Posts <paramref name="activity"/> as a reply to <paramref name="replyToId"/> (in its thread, in a channel).</summary>
    public async Task<string> ReplyAsync(Uri serviceUrl, string conversationId, string replyToId, JsonObject activity, string tenant, CancellationToken cancellationToken)
    {
        var response = await CallAsync<ResourceResponse>(HttpMethod.Post, Url(serviceUrl, conversationId, replyToId), activity, conversationId, tenant, cancellationToken);
        return response?.Id ?? throw new ChatDeliveryException("The Bot Connector answered a reply without an activity id.", permanent: false);
    }

    /// <summary>Replaces the activity <paramref name="activityId"/> (a card edited in place).</summary>
    public Task UpdateAsync(Uri serviceUrl, string conversationId, string activityId, JsonObject activity, string tenant, CancellationToken cancellationToken) =>
        CallAsync<ResourceResponse>(HttpMethod.Put, Url(serviceUrl, conversationId, activityId), activity, conversationId, tenant, cancellationToken);

    /// <summary>Creates a conversation (a new channel thread, or a 1:1 chat), with its first activity when the parameters carry one.</summary>
    public async Task<ConversationResourceResponse> CreateConversationAsync(Uri serviceUrl, JsonObject parameters, string thread, string tenant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(serviceUrl);
        var response = await CallAsync<ConversationResourceResponse>(HttpMethod.Post, new Uri(Base(serviceUrl), "v3/conversations"), parameters, thread, tenant, cancellationToken);
        return response is { Id.Length: > 0 } ? response : throw new ChatDeliveryException("The Bot Connector created a conversation without an id.", permanent: false);
    }

    private async Task<T?> CallAsync<T>(HttpMethod method, Uri url, JsonObject body, string conversationId, string tenant, CancellationToken cancellationToken)
        where T : class
    {
        var thread = ActivityJson.BaseConversationId(conversationId);
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body) };
            if (!tokens.IsUnauthenticatedEmulator(url))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetTokenAsync(cancellationToken));
            }

            HttpResponseMessage response;
            using (await limits.AcquireAsync(thread, tenant, cancellationToken))
            {
                response = await http.SendAsync(request, cancellationToken);
            }

            using var _ = response;
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return response.Content.Headers.ContentLength == 0 ? null : await ReadAsync<T>(response, cancellationToken);
            }

            if (status == 401 && attempt == 1)
            {
                // A token revoked or rotated early: get a fresh one once before calling it a configuration problem.
                tokens.Invalidate();
                continue;
            }

            if (status is 429 or 412 or 502 or 503 or 504)
            {
                var wait = RetryAfter(response) ?? Backoff(attempt);
                LogRetrying(status, method.Method, thread, wait.TotalMilliseconds, attempt);
                if (attempt < MaxTries && wait <= MaxInlineWait)
                {
                    await Task.Delay(wait, time, cancellationToken);
                    continue;
                }

                throw new ChatDeliveryException($"The Bot Connector answered {status} for {method.Method} in {thread}.", permanent: false, retryAfter: wait);
            }

            var error = await ErrorAsync(response, cancellationToken);
            throw new ChatDeliveryException($"The Bot Connector refused {method.Method} in {thread}: {status} {error}", permanent: status is >= 400 and < 500);
        }
    }

    private static async Task<T?> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(ActivityJson.Options, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The connector's error code and message (never the request, which may hold user text).</summary>
    private static async Task<string> ErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var body = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
            var error = body?["error"];
            var text = $"{(string?)error?["code"]} {(string?)error?["message"]}".Trim();
            return text.Length > 300 ? text[..300] : text;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or NotSupportedException)
        {
            return response.ReasonPhrase ?? string.Empty;
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
            _ => null,
        };

    /// <summary>1 s, 2 s, 4 s... capped, times a random factor in [0.5, 1.5) so retrying senders do not collide.</summary>
    private static TimeSpan Backoff(int attempt)
    {
        var exponential = Math.Min(MaxBackoff.TotalMilliseconds, BaseBackoff.TotalMilliseconds * Math.Pow(2, attempt - 1));
        return TimeSpan.FromMilliseconds(exponential * (0.5 + Random.Shared.NextDouble()));
    }

    private static Uri Url(Uri serviceUrl, string conversationId, string? activityId = null)
    {
        var path = $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities";
        if (activityId is not null)
        {
            path += $"/{Uri.EscapeDataString(activityId)}";
        }

        return new Uri(Base(serviceUrl), path);
    }

    private static Uri Base(Uri serviceUrl) =>
        serviceUrl.AbsoluteUri.EndsWith('/') ? serviceUrl : new Uri(serviceUrl.AbsoluteUri + "/");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bot Connector answered {Status} for {Method} in {Thread}; waiting {DelayMs} ms (attempt {Attempt})")]
    private partial void LogRetrying(int status, string method, string thread, double delayMs, int attempt);
}
