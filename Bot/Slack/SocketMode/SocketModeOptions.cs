using System.ComponentModel.DataAnnotations;

namespace CmBot.Bot.Slack.SocketMode;

/// <summary>
/// The <c>Slack:SocketMode</c> section: how hard CmBot holds its Socket Mode connections. The defaults suit
/// Slack; tests shorten them to run against a local server. How many connections is <c>Slack:SocketConnections</c>.
/// </summary>
public sealed class SocketModeOptions : IValidatableObject
{
    public const string Section = "Slack:SocketMode";

    /// <summary>How often a WebSocket ping checks that Slack is still there.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:05:00", ErrorMessage = "Slack:SocketMode:KeepAliveInterval must be between 50 ms and 5 minutes.")]
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A socket with no pong for this many keep-alive intervals is dead (a half-open TCP connection, a NAT that
    /// forgot us) and is replaced; without this a silent socket would wait for events forever.
    /// </summary>
    [Range(1, 20, ErrorMessage = "Slack:SocketMode:MissedKeepAlives must be between 1 and 20.")]
    public int MissedKeepAlives { get; set; } = 3;

    /// <summary>How long Slack has to say <c>hello</c> after the WebSocket opens.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:05:00", ErrorMessage = "Slack:SocketMode:HelloTimeout must be between 50 ms and 5 minutes.")]
    public TimeSpan HelloTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>First wait before reconnecting after a failure; it doubles on each failure in a row.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:05:00", ErrorMessage = "Slack:SocketMode:ReconnectInitialDelay must be between 1 ms and 5 minutes.")]
    public TimeSpan ReconnectInitialDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between reconnection attempts.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00", ErrorMessage = "Slack:SocketMode:ReconnectMaxDelay must be between 1 ms and 1 hour.")]
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A connection that lived this long was healthy: the next failure starts the backoff afresh.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00", ErrorMessage = "Slack:SocketMode:HealthyAfter must be between 1 ms and 1 hour.")]
    public TimeSpan HealthyAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a closing connection waits for envelopes in progress to be acked.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00", ErrorMessage = "Slack:SocketMode:DrainTimeout must be between 1 ms and 1 minute.")]
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How long to wait for Slack's half of the close handshake (Slack does not always send it).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00", ErrorMessage = "Slack:SocketMode:CloseTimeout must be between 1 ms and 1 minute.")]
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The largest message accepted (it may span many frames); a bigger one is refused and the socket replaced.</summary>
    [Range(4096, 16 * 1024 * 1024, ErrorMessage = "Slack:SocketMode:MaxMessageBytes must be between 4096 and 16777216.")]
    public int MaxMessageBytes { get; set; } = 1024 * 1024;

    /// <summary>Envelopes handled at once per connection; past this, reading waits (back-pressure, bounded memory).</summary>
    [Range(1, 256, ErrorMessage = "Slack:SocketMode:MaxConcurrentEnvelopes must be between 1 and 256.")]
    public int MaxConcurrentEnvelopes { get; set; } = 16;

    /// <summary>
    /// Asks Slack to send <c>refresh_requested</c> every few minutes (<c>debug_reconnects=true</c>), to rehearse
    /// reconnection against the real service. Development only.
    /// </summary>
    public bool DebugReconnects { get; set; }

    /// <summary>Dead-socket detection: a ping must be answered within this time.</summary>
    public TimeSpan KeepAliveTimeout => KeepAliveInterval * MissedKeepAlives;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ReconnectMaxDelay < ReconnectInitialDelay)
        {
            yield return new ValidationResult("Slack:SocketMode:ReconnectMaxDelay must not be shorter than Slack:SocketMode:ReconnectInitialDelay.", [nameof(ReconnectMaxDelay)]);
        }
    }
}
