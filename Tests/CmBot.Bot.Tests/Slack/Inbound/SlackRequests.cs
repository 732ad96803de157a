using System.Globalization;
using System.Net.Http.Headers;
using CmBot.Bot.Slack.Inbound;

namespace CmBot.Bot.Tests.Slack.Inbound;

/// <summary>Posts bodies to the Slack endpoints the way Slack does: signed v0 with a timestamp, Slack's content types.</summary>
public static class SlackRequests
{
    public const string Secret = "test-signing-secret-0123456789abcdef";
    public const string FormType = "application/x-www-form-urlencoded";
    public const string JsonType = "application/json";

    public static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    public static HttpRequestMessage SignedPost(string path, byte[] body, string contentType, long? timestamp = null, string secret = Secret, int? retryNum = null)
    {
        var ts = (timestamp ?? Now).ToString(CultureInfo.InvariantCulture);
        var request = UnsignedPost(path, body, contentType);
        request.Headers.Add(SlackSignatureVerifier.TimestampHeader, ts);
        request.Headers.Add(SlackSignatureVerifier.SignatureHeader, SlackSignatureVerifier.Sign(secret, ts, body));
        if (retryNum is { } retry)
        {
            request.Headers.Add(SlackHttpReceiver.RetryNumHeader, retry.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add(SlackHttpReceiver.RetryReasonHeader, "http_timeout");
        }

        return request;
    }

    public static HttpRequestMessage UnsignedPost(string path, byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
    }

    public static HttpRequestMessage Event(byte[] body, long? timestamp = null, int? retryNum = null) =>
        SignedPost(SlackInboundExtensions.EventsPath, body, JsonType, timestamp, retryNum: retryNum);

    public static HttpRequestMessage Interaction(byte[] formBody, long? timestamp = null) =>
        SignedPost(SlackInboundExtensions.InteractivityPath, formBody, FormType, timestamp);

    public static HttpRequestMessage Command(byte[] formBody, long? timestamp = null) =>
        SignedPost(SlackInboundExtensions.CommandsPath, formBody, FormType, timestamp);
}
