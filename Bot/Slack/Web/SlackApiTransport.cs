using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace CmBot.Bot.Slack.Web;

/// <summary>
/// Sends one Web API call: waits for a rate-limit permit, signs it with the right token, encodes the body as
/// the method wants (JSON or form), turns Slack's <c>{"ok":false}</c>, 429s and HTTP failures into
/// <see cref="SlackApiException"/>. A 429 is never an error for the caller: it pauses the partition for
/// Retry-After and tries again, within <see cref="SlackWebApiOptions.MaxRateLimitWaitSeconds"/>.
/// </summary>
public sealed partial class SlackApiTransport(
    IHttpClientFactory clients,
    SlackRateLimiter limiter,
    IOptions<SlackOptions> slack,
    IOptions<SlackWebApiOptions> options,
    TimeProvider time,
    ILogger<SlackApiTransport> logger)
{
    /// <summary>Calls a method whose arguments go in a JSON body.</summary>
    public Task<T> CallJsonAsync<T>(SlackMethod method, string? channel, object body, CancellationToken cancellationToken)
        where T : SlackResponse
    {
        ArgumentNullException.ThrowIfNull(body);
        return CallAsync<T>(method, channel, () => new StringContent(JsonSerializer.Serialize(body, body.GetType(), SlackJson.Options), Encoding.UTF8, "application/json"), cancellationToken);
    }

    /// <summary>Calls a method whose arguments go in a form body (Slack's read methods do not accept JSON).</summary>
    public Task<T> CallFormAsync<T>(SlackMethod method, string? channel, IEnumerable<KeyValuePair<string, string>> fields, CancellationToken cancellationToken)
        where T : SlackResponse
    {
        var list = fields.ToList();
        return CallAsync<T>(method, channel, () => new FormUrlEncodedContent(list), cancellationToken);
    }

    /// <summary>POSTs raw bytes to a pre-signed upload URL (files upload v2). No token goes with them.</summary>
    public async Task UploadAsync(Uri uploadUrl, string fileName, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uploadUrl);
        using var request = new HttpRequestMessage(HttpMethod.Post, uploadUrl) { Content = new ReadOnlyMemoryContent(content) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        request.Options.Set(SlackHttp.Idempotent, true);
        HttpResponseMessage response;
        try
        {
            response = await clients.CreateClient(SlackWebApiExtensions.HttpClientName).SendAsync(request, cancellationToken);
        }
        catch (Exception ex) when (IsTimeout(ex, cancellationToken) || ex is HttpRequestException)
        {
            throw Failure("files upload", fileName, ex is HttpRequestException ? SlackErrors.Transport : SlackErrors.Timeout, null, ex.Message);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw Failure("files upload", fileName, SlackErrors.HttpStatusPrefix + (int)response.StatusCode, null, response.ReasonPhrase);
            }
        }
    }

    private async Task<T> CallAsync<T>(SlackMethod method, string? channel, Func<HttpContent> content, CancellationToken cancellationToken)
        where T : SlackResponse
    {
        var budget = TimeSpan.FromSeconds(options.Value.MaxRateLimitWaitSeconds);
        var waited = TimeSpan.Zero;
        while (true)
        {
            await limiter.AcquireAsync(method, channel, cancellationToken);
            using var request = new HttpRequestMessage(HttpMethod.Post, method.Name) { Content = content() };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TokenFor(method));
            request.Options.Set(SlackHttp.Idempotent, method.Idempotent);
            HttpResponseMessage response;
            try
            {
                response = await clients.CreateClient(SlackWebApiExtensions.HttpClientName).SendAsync(request, cancellationToken);
            }
            catch (Exception ex) when (IsTimeout(ex, cancellationToken))
            {
                throw Failure(method.Name, channel, SlackErrors.Timeout, null, $"no answer within {options.Value.RequestTimeoutSeconds} s");
            }
            catch (HttpRequestException ex)
            {
                throw Failure(method.Name, channel, SlackErrors.Transport, null, ex.Message);
            }

            using (response)
            {
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    var retryAfter = RetryAfterOf(response);
                    limiter.Pause(method, channel, retryAfter);
                    LogRateLimited(method.Name, channel ?? "-", retryAfter.TotalSeconds);
                    if (waited + retryAfter > budget)
                    {
                        throw Failure(method.Name, channel, SlackErrors.RateLimited, retryAfter, $"still limited after waiting {waited.TotalSeconds:0} s");
                    }

                    waited += retryAfter;
                    continue;
                }

                return await ReadAsync<T>(method, channel, response, cancellationToken);
            }
        }
    }

    private async Task<T> ReadAsync<T>(SlackMethod method, string? channel, HttpResponseMessage response, CancellationToken cancellationToken)
        where T : SlackResponse
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        T? result = null;
        try
        {
            result = body.Length == 0 ? null : JsonSerializer.Deserialize<T>(body, SlackJson.Options);
        }
        catch (JsonException)
        {
            // Not Slack's JSON (a proxy's error page): judged by the HTTP status below.
        }

        if (result is null)
        {
            var error = response.IsSuccessStatusCode ? SlackErrors.InvalidResponse : SlackErrors.HttpStatusPrefix + (int)response.StatusCode;
            throw Failure(method.Name, channel, error, null, $"HTTP {(int)response.StatusCode} without a Slack answer");
        }

        if (!result.Ok)
        {
            var error = string.IsNullOrEmpty(result.Error) ? SlackErrors.HttpStatusPrefix + (int)response.StatusCode : result.Error;
            throw Failure(method.Name, channel, error, null, null);
        }

        if (result.Warning is { Length: > 0 } warning)
        {
            LogWarning(method.Name, warning);
        }

        return result;
    }

    private string TokenFor(SlackMethod method)
    {
        var token = method.UsesAppToken ? slack.Value.AppToken : slack.Value.BotToken;
        return string.IsNullOrWhiteSpace(token)
            ? throw new SlackApiException(method.Name, SlackErrors.InvalidAuth, permanent: true, null,
                $"Slack {method.Name}: no {(method.UsesAppToken ? "Slack:AppToken" : "Slack:BotToken")} is configured.")
            : token;
    }

    private SlackApiException Failure(string method, string? channel, string error, TimeSpan? retryAfter, string? detail)
    {
        var permanent = SlackErrors.IsPermanent(error);
        var where = channel is null ? string.Empty : $" to {channel}";
        var hint = Hint(error) is { } h ? $" — {h}" : string.Empty;
        var more = detail is null ? string.Empty : $" ({detail})";
        var message = $"Slack {method}{where} failed: {error}{more}{hint}";
        LogFailed(method, channel ?? "-", error, permanent);
        return new SlackApiException(method, error, permanent, retryAfter, message);
    }

    /// <summary>What a person should do about the errors people can fix.</summary>
    private static string? Hint(string error) => error switch
    {
        SlackErrors.ChannelNotFound => "check Slack:Channels (a channel id like C0123ABCD, or a name the app can see)",
        SlackErrors.NotInChannel => "invite the app to the channel (/invite @CmBot)",
        SlackErrors.IsArchived => "the channel is archived; point Slack:Channels at a live one",
        SlackErrors.InvalidAuth or "not_authed" or "token_revoked" or "account_inactive" => "check Slack:BotToken (and Slack:AppToken for Socket Mode)",
        "missing_scope" => "add the missing scope in the app's OAuth & Permissions page and reinstall it",
        SlackErrors.MessageTooLong or SlackErrors.InvalidBlocks => "the message did not fit Slack's limits",
        _ => null,
    };

    /// <summary>Retry-After is in seconds (Slack) or, per HTTP, a date; without one, wait a second.</summary>
    private TimeSpan RetryAfterOf(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date && date - time.GetUtcNow() is { Ticks: > 0 } untilDate)
        {
            return untilDate;
        }

        return TimeSpan.FromSeconds(1);
    }

    private static bool IsTimeout(Exception ex, CancellationToken cancellationToken) =>
        ex is TimeoutRejectedException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack {Method} to {Channel} was rate limited; pausing {RetryAfterSeconds} s as Slack asked")]
    private partial void LogRateLimited(string method, string channel, double retryAfterSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack {Method} to {Channel} failed with {Error} (permanent: {Permanent})")]
    private partial void LogFailed(string method, string channel, string error, bool permanent);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack {Method} answered with a warning: {Warning}")]
    private partial void LogWarning(string method, string warning);
}
