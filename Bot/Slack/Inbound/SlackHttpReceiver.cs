using System.Globalization;
using System.Text;

namespace CmBot.Bot.Slack.Inbound;

/// <summary>
/// The HTTP side of the inbound endpoints: bounded raw body, signature check before anything else (an unsigned
/// caller learns nothing, not even whether its body parses), then the payload goes to <see cref="ISlackInbound"/> and
/// its answer back to Slack. Refusals are one log line each, with the reason and never the secret or the signature.
/// </summary>
public sealed partial class SlackHttpReceiver(SlackSignatureVerifier verifier, ISlackInbound inbound, ILogger<SlackHttpReceiver> logger)
{
    /// <summary>Slack's payloads are a few kilobytes; anything near this is a mistake or an attack.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    public const string RetryNumHeader = "X-Slack-Retry-Num";
    public const string RetryReasonHeader = "X-Slack-Retry-Reason";

    public async Task HandleAsync(HttpContext context, SlackPayloadKind kind)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var response = context.Response;
        using var body = await SlackRequestBody.ReadAsync(request, MaxBodyBytes, context.RequestAborted);
        if (body is null)
        {
            LogRefused(request.Path, StatusCodes.Status413PayloadTooLarge, "body larger than 1 MB");
            response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        var signature = Single(request.Headers[SlackSignatureVerifier.SignatureHeader]);
        var check = verifier.Verify(Single(request.Headers[SlackSignatureVerifier.TimestampHeader]), signature, body.Span);
        if (check != SlackSignatureCheck.Valid)
        {
            LogUnauthorized(request.Path, check, context.Connection.RemoteIpAddress?.ToString() ?? "-");
            response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        if (!SlackPayloadDecoder.HasExpectedMediaType(request.ContentType, kind))
        {
            LogRefused(request.Path, StatusCodes.Status415UnsupportedMediaType, $"content type '{request.ContentType}'");
            response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }

        using var document = SlackPayloadDecoder.TryDecode(kind, body.Memory);
        if (document is null)
        {
            LogRefused(request.Path, StatusCodes.Status400BadRequest, "malformed body");
            response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var delivery = new SlackInboundRequest(kind, document.RootElement, RetryNum(request), Single(request.Headers[RetryReasonHeader])) { Signature = signature };
        SlackAck ack;
        try
        {
            ack = await inbound.AcceptAsync(delivery, context.RequestAborted);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Not stored, so not acknowledged: 503 makes Slack retry; a 500 would too, but says "bug" instead of "later".
            LogNotStored(ex, request.Path);
            response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        await WriteAsync(response, ack, context.RequestAborted);
    }

    private static async Task WriteAsync(HttpResponse response, SlackAck ack, CancellationToken cancellationToken)
    {
        response.StatusCode = ack.Status;
        if (ack.JsonBody is null)
        {
            response.ContentLength = 0;
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(ack.JsonBody);
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, cancellationToken);
    }

    private static string? Single(Microsoft.Extensions.Primitives.StringValues values) => values.Count == 1 ? values[0] : null;

    private static int? RetryNum(HttpRequest request) =>
        int.TryParse(Single(request.Headers[RetryNumHeader]), NumberStyles.None, CultureInfo.InvariantCulture, out var retry) ? retry : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack request to {Path} refused (401): {Reason}, from {RemoteAddress}")]
    private partial void LogUnauthorized(string path, SlackSignatureCheck reason, string remoteAddress);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack request to {Path} refused ({Status}): {Reason}")]
    private partial void LogRefused(string path, int status, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack request to {Path} could not be stored; answered 503 so Slack retries")]
    private partial void LogNotStored(Exception exception, string path);
}
