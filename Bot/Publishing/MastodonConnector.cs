using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using CmBot.Bot.Chat;
using CmBot.Core.Replies;
using Microsoft.Extensions.Options;

namespace CmBot.Bot.Publishing;

/// <summary>
/// Replies on Mastodon from the brand's account: resolves the post being answered on our instance (search with
/// resolve=true), posts with <c>in_reply_to_id</c> and an <c>Idempotency-Key</c> (a retry after a crash returns the
/// same status instead of a second one), then reads the source text back so the live text can be compared with
/// the approved hash.
/// </summary>
public sealed partial class MastodonConnector(IHttpClientFactory clients, IOptions<PublishingOptions> options, TimeProvider time, ILogger<MastodonConnector> logger) : IReplyConnector
{
    public const string HttpClientName = "cmbot-mastodon";

    public string Name => "mastodon";

    public int Preference => 10;

    private MastodonPublishingOptions Settings => options.Value.Mastodon;

    /// <summary>Fediverse addresses: /@user/123 on any instance, or /users/user/statuses/123.</summary>
    public bool CanAnswer(string target) =>
        Uri.TryCreate(target, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
        && (uri.AbsolutePath.StartsWith("/@", StringComparison.Ordinal) || uri.AbsolutePath.Contains("/statuses/", StringComparison.Ordinal));

    public async Task<PublishedReply> PublishAsync(Draft draft, string author, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var client = Client();
        var inReplyTo = await ResolveAsync(client, draft.Target, time, cancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/statuses")
        {
            Content = JsonContent.Create(new StatusRequest(draft.Text, inReplyTo, Settings.Visibility, draft.Language)),
        };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        var status = await SendAsync<MastodonStatus>(client, request, "post the reply", time, cancellationToken);
        LogPublished(draft.Id, status.Id, inReplyTo);

        using var read = new HttpRequestMessage(HttpMethod.Get, $"api/v1/statuses/{Uri.EscapeDataString(status.Id)}/source");
        var source = await SendAsync<MastodonSource>(client, read, "read the reply back", time, cancellationToken);
        return new PublishedReply(status.Id, status.Url, source.Text);
    }

    private HttpClient Client()
    {
        var client = clients.CreateClient(HttpClientName);
        client.BaseAddress = new Uri(Settings.BaseUrl!.TrimEnd('/') + "/");
        client.Timeout = TimeSpan.FromSeconds(Settings.TimeoutSeconds);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Settings.AccessToken);
        return client;
    }

    /// <summary>The id, on our instance, of the post at <paramref name="target"/>.</summary>
    private static async Task<string> ResolveAsync(HttpClient client, string target, TimeProvider time, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/v2/search?q={Uri.EscapeDataString(target)}&type=statuses&resolve=true&limit=1");
        var found = await SendAsync<MastodonSearch>(client, request, "find the post to answer", time, cancellationToken);
        return found.Statuses is [var first, ..]
            ? first.Id
            : throw new ChatDeliveryException($"Mastodon cannot find the post to answer ({target}); it may have been deleted.", permanent: true);
    }

    private static async Task<T> SendAsync<T>(HttpClient client, HttpRequestMessage request, string what, TimeProvider time, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new ChatDeliveryException($"Mastodon could not be reached to {what}: {ex.Message}", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ChatDeliveryException($"Mastodon did not answer in time to {what}.", ex);
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                return await response.Content.ReadFromJsonAsync<T>(cancellationToken)
                    ?? throw new ChatDeliveryException($"Mastodon answered with an empty body when asked to {what}.", permanent: true);
            }

            var error = await ReadErrorAsync(response, cancellationToken);
            var message = $"Mastodon refused to {what}: {(int)response.StatusCode} {error}";
            throw response.StatusCode switch
            {
                HttpStatusCode.TooManyRequests => new ChatDeliveryException(message, permanent: false, RetryAfter(response, time.GetUtcNow())),
                >= HttpStatusCode.InternalServerError or HttpStatusCode.RequestTimeout => new ChatDeliveryException(message, permanent: false),
                _ => new ChatDeliveryException(message, permanent: true),
            };
        }
    }

    private static async Task<string> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var body = await response.Content.ReadFromJsonAsync<MastodonError>(cancellationToken);
            return body?.Error ?? response.ReasonPhrase ?? string.Empty;
        }
        catch (System.Text.Json.JsonException)
        {
            return response.ReasonPhrase ?? string.Empty;
        }
    }

    /// <summary>Mastodon says when the window resets (X-RateLimit-Reset, an ISO time); Retry-After when a proxy adds it.</summary>
    private static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        if (response.Headers.RetryAfter?.Delta is { } delta)
        {
            return delta;
        }

        return response.Headers.TryGetValues("X-RateLimit-Reset", out var values)
            && DateTimeOffset.TryParse(values.First(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var reset)
            ? TimeSpan.FromSeconds(Math.Clamp((reset - now).TotalSeconds, 1, 3600))
            : null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Draft {DraftId} published on Mastodon as status {StatusId}, in reply to {InReplyTo}")]
    private partial void LogPublished(Guid draftId, string statusId, string inReplyTo);

    private sealed record StatusRequest(
        [property: JsonPropertyName("status")] string Status,
        [property: JsonPropertyName("in_reply_to_id")] string InReplyToId,
        [property: JsonPropertyName("visibility")] string Visibility,
        [property: JsonPropertyName("language")] string Language);

    private sealed record MastodonStatus([property: JsonPropertyName("id")] string Id, [property: JsonPropertyName("url")] string? Url);

    private sealed record MastodonSource([property: JsonPropertyName("id")] string Id, [property: JsonPropertyName("text")] string Text);

    private sealed record MastodonSearch([property: JsonPropertyName("statuses")] IReadOnlyList<MastodonStatus> Statuses);

    private sealed record MastodonError([property: JsonPropertyName("error")] string? Error);
}
