using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CmBot.Bot.Chat;
using CmBot.Core.Replies;
using Microsoft.Extensions.Options;

namespace CmBot.Bot.Publishing;

/// <summary>
/// Sends each approved reply as JSON to a URL the team owns (a listening tool, a CMS, an automation), signed with
/// HMAC-SHA256 over <c>{timestamp}.{body}</c> in <c>X-CmBot-Signature: sha256=…</c>, with the outbox key as
/// <c>Idempotency-Key</c> so the receiver can drop a retry. The receiver answers 2xx, optionally with
/// <c>{"id": …, "url": …}</c>.
/// </summary>
public sealed class WebhookConnector(IHttpClientFactory clients, IOptions<PublishingOptions> options, TimeProvider time) : IReplyConnector
{
    public const string HttpClientName = "cmbot-reply-webhook";
    public const string SignatureHeader = "X-CmBot-Signature";
    public const string TimestampHeader = "X-CmBot-Timestamp";

    public string Name => "webhook";

    public int Preference => 50;

    public bool CanAnswer(string target) => true;

    public async Task<PublishedReply> PublishAsync(Draft draft, string author, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var settings = options.Value.Webhook;
        var body = JsonSerializer.Serialize(new
        {
            draftId = draft.Id,
            incidentId = draft.IncidentId,
            text = draft.Text,
            inReplyTo = draft.Target,
            language = draft.Language,
            sha256 = draft.TextSha256,
            author,
            publishedBy = draft.PublishedBy,
            mode = draft.PublishMode.ToString(),
        }, JsonOptions);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.Url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        request.Headers.Add(TimestampHeader, timestamp);
        request.Headers.Add(SignatureHeader, Sign(settings.Secret!, timestamp, body));

        var client = clients.CreateClient(HttpClientName);
        client.Timeout = TimeSpan.FromSeconds(settings.TimeoutSeconds);
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new ChatDeliveryException($"The reply webhook could not be reached: {ex.Message}", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ChatDeliveryException("The reply webhook did not answer in time.", ex);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var code = (int)response.StatusCode;
                throw new ChatDeliveryException(
                    $"The reply webhook answered {code} {response.ReasonPhrase}.",
                    permanent: code is >= 400 and < 500 and not 408 and not 429,
                    response.Headers.RetryAfter?.Delta);
            }

            var answer = response.Content.Headers.ContentLength is > 0
                ? await TryReadAsync(response, cancellationToken)
                : null;
            return new PublishedReply(answer?.Id ?? idempotencyKey, answer?.Url);
        }
    }

    /// <summary>"sha256=" + hex HMAC-SHA256 of "{timestamp}.{body}" with the shared secret.</summary>
    public static string Sign(string secret, string timestamp, string body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"));
        return "sha256=" + Convert.ToHexStringLower(mac);
    }

    private static async Task<WebhookAnswer?> TryReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<WebhookAnswer>(cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record WebhookAnswer(string? Id, string? Url);

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}
