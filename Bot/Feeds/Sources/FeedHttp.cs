using System.Net;
using System.Net.Http.Headers;

namespace CmBot.Bot.Feeds.Sources;

/// <summary>An HTTP answer read within the size limit; <see cref="Body"/> is empty on 304.</summary>
public sealed record FeedResponse(HttpStatusCode Status, byte[] Body, string? ContentType, string? Charset, string? ETag, string? LastModified)
{
    /// <summary>The raw <c>Link</c> header (RFC 8288), used by Mastodon for paging; null when absent.</summary>
    public string? Link { get; init; }

    public bool NotModified => Status == HttpStatusCode.NotModified;
}

/// <summary>
/// Conditional GET with a size cap, shared by every polled source: sends If-None-Match / If-Modified-Since from
/// the last answer (a 304 costs nothing), refuses bodies over the configured size, and turns any non-success
/// status into a <see cref="SourceException"/> that names it.
/// </summary>
public static class FeedHttp
{
    public const string ClientName = "feeds";

    public static async Task<FeedResponse> GetAsync(
        HttpClient client, Uri url, SourcePosition since, int maxBytes, string? bearerToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(since);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (!string.IsNullOrEmpty(since.ETag) && EntityTagHeaderValue.TryParse(since.ETag, out var etag))
        {
            request.Headers.IfNoneMatch.Add(etag);
        }

        if (!string.IsNullOrEmpty(since.LastModified) && DateTimeOffset.TryParse(since.LastModified, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var modified))
        {
            request.Headers.IfModifiedSince = modified;
        }

        if (!string.IsNullOrEmpty(bearerToken))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        }

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var newETag = response.Headers.ETag?.ToString() ?? since.ETag;
        var newModified = response.Content.Headers.LastModified?.ToString("R") ?? since.LastModified;
        if (response.StatusCode == HttpStatusCode.NotModified)
        {
            return new FeedResponse(response.StatusCode, [], null, null, newETag, newModified) { Link = LinkOf(response) };
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new SourceException($"{url.GetLeftPart(UriPartial.Path)} answered {(int)response.StatusCode} {response.ReasonPhrase}");
        }

        if (response.Content.Headers.ContentLength > maxBytes)
        {
            throw new SourceException($"{url.GetLeftPart(UriPartial.Path)} sent {response.Content.Headers.ContentLength} bytes, over the limit of {maxBytes}");
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new SourceException($"{url.GetLeftPart(UriPartial.Path)} sent more than the limit of {maxBytes} bytes");
            }

            buffer.Write(chunk, 0, read);
        }

        return new FeedResponse(
            response.StatusCode, buffer.ToArray(), response.Content.Headers.ContentType?.MediaType,
            response.Content.Headers.ContentType?.CharSet, newETag, newModified) { Link = LinkOf(response) };
    }

    private static string? LinkOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Link", out var values) ? string.Join(", ", values) : null;

    /// <summary>Appends query parameters (escaped) to a base address and path.</summary>
    public static Uri Build(string baseUrl, string path, params (string Name, string? Value)[] query)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        var parts = query.Where(q => !string.IsNullOrEmpty(q.Value)).Select(q => $"{Uri.EscapeDataString(q.Name)}={Uri.EscapeDataString(q.Value!)}");
        var joined = string.Join('&', parts);
        return new Uri($"{baseUrl.TrimEnd('/')}{path}{(joined.Length > 0 ? "?" + joined : string.Empty)}");
    }
}
