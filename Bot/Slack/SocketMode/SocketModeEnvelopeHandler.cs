using System.Text.Json;
using CmBot.Bot.Slack.Inbound;

namespace CmBot.Bot.Slack.SocketMode;

/// <summary>
/// Turns one envelope into a call to the shared inbound handling and builds the ack to send back. The ack is
/// built only after <see cref="ISlackInbound.AcceptAsync"/> has returned, because that is when the work is
/// persisted: acking first would let a crash lose what Slack will not send again.
/// </summary>
internal sealed partial class SocketModeEnvelopeHandler(ISlackInbound inbound, ILogger<SocketModeEnvelopeHandler> logger)
{
    /// <summary>The ack (UTF-8 JSON) to send, or null to send none so that Slack delivers the envelope again.</summary>
    public async Task<byte[]?> HandleAsync(SocketModeEnvelope envelope, int connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (SocketModeTypes.ToPayloadKind(envelope.Type) is not { } kind || envelope.Payload.ValueKind != JsonValueKind.Object)
        {
            // Acked anyway: Slack would otherwise redeliver something this version can never handle.
            LogUnhandledEnvelope(envelope.Type, envelope.EnvelopeId, connection);
            return SocketModeMessageReader.WriteAck(new SocketModeAck(envelope.EnvelopeId, null));
        }

        var request = new SlackInboundRequest(
            kind,
            envelope.Payload,
            envelope.RetryAttempt is > 0 ? envelope.RetryAttempt : null,
            string.IsNullOrEmpty(envelope.RetryReason) ? null : envelope.RetryReason);
        SlackAck answer;
        try
        {
            answer = await inbound.AcceptAsync(request, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Over HTTP this would be a 500; Slack retries events that are not acked, so nothing is lost.
            LogAcceptFailed(ex, kind, envelope.EnvelopeId, connection);
            return null;
        }

        if (answer.Status is < 200 or > 299)
        {
            LogRefused(kind, envelope.EnvelopeId, answer.Status, connection);
            return null;
        }

        return SocketModeMessageReader.WriteAck(new SocketModeAck(envelope.EnvelopeId, ReadBody(answer.JsonBody, envelope.EnvelopeId)));
    }

    private JsonElement? ReadBody(string? json, string envelopeId)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            // The delivery is persisted, so it is still acked; only the response to show the user is lost.
            LogBadAckBody(ex, envelopeId);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Socket Mode connection {Connection}: envelope {EnvelopeId} of type {Type} is not handled by CmBot; acked and ignored")]
    private partial void LogUnhandledEnvelope(string? type, string envelopeId, int connection);

    [LoggerMessage(Level = LogLevel.Error, Message = "Socket Mode connection {Connection}: accepting {Kind} envelope {EnvelopeId} failed; not acked so Slack can deliver it again")]
    private partial void LogAcceptFailed(Exception exception, SlackPayloadKind kind, string envelopeId, int connection);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Socket Mode connection {Connection}: {Kind} envelope {EnvelopeId} answered with status {Status}; not acked so Slack can deliver it again")]
    private partial void LogRefused(SlackPayloadKind kind, string envelopeId, int status, int connection);

    [LoggerMessage(Level = LogLevel.Error, Message = "Socket Mode: the response for envelope {EnvelopeId} is not valid JSON; acked without it")]
    private partial void LogBadAckBody(Exception exception, string envelopeId);
}
