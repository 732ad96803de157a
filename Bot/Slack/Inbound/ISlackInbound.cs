using System.Text.Json;

namespace CmBot.Bot.Slack.Inbound;

/// <summary>What Slack delivered: an Events API callback, an interactivity payload or a slash command.</summary>
public enum SlackPayloadKind
{
    Event,
    Interactivity,
    Command,
}

/// <summary>
/// One verified delivery from Slack, the same whatever the transport: over HTTP the form/JSON body is turned
/// into <see cref="Payload"/>; over Socket Mode it is the envelope's payload.
/// </summary>
public sealed record SlackInboundRequest(SlackPayloadKind Kind, JsonElement Payload, int? RetryNum = null, string? RetryReason = null)
{
    /// <summary>
    /// The verified <c>X-Slack-Signature</c> (HTTP only). The inbox stores it under a unique key, so the same signed
    /// request sent again within the signature window is refused, across restarts and instances. Null over Socket
    /// Mode, whose frames are not signed.
    /// </summary>
    public string? Signature { get; init; }
}

/// <summary>What to answer Slack: HTTP status and optional JSON body (over Socket Mode, the body goes in the envelope ack).</summary>
public sealed record SlackAck(int Status, string? JsonBody = null)
{
    public static readonly SlackAck Empty = new(200);
}

/// <summary>
/// Accepts a delivery: answers at once (within Slack's 3 seconds) after persisting the work, de-duplicating
/// Slack's retries. Both transports (HTTP endpoints and Socket Mode) call this one entry point.
/// </summary>
public interface ISlackInbound
{
    Task<SlackAck> AcceptAsync(SlackInboundRequest request, CancellationToken cancellationToken);
}
