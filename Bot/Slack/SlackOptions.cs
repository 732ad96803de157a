using System.ComponentModel.DataAnnotations;

namespace CmBot.Bot.Slack;

public enum SlackMode
{
    /// <summary>Slack posts to /slack/events, /slack/interactivity and /slack/commands (needs a public URL).</summary>
    Http,

    /// <summary>CmBot opens WebSockets to Slack (apps.connections.open): no public URL needed.</summary>
    SocketMode,
}

/// <summary>The <c>Slack</c> section. Secrets come from configuration or the environment and are never logged.</summary>
public sealed class SlackOptions : IValidatableObject
{
    public const string Section = "Slack";

    public bool Enabled { get; set; }

    public SlackMode Mode { get; set; } = SlackMode.Http;

    /// <summary>Verifies requests from Slack (HTTP mode).</summary>
    public string? SigningSecret { get; set; }

    /// <summary>The bot token (xoxb-...) for the Web API.</summary>
    public string? BotToken { get; set; }

    /// <summary>The app-level token (xapp-...) with connections:write, for Socket Mode.</summary>
    public string? AppToken { get; set; }

    /// <summary>Slack's Web API; tests and benchmarks point it at a fake server on 127.0.0.1.</summary>
    public Uri ApiBaseUrl { get; set; } = new("https://slack.com/api/");

    /// <summary>How old (or how far in the future) a signed request may be.</summary>
    [Range(1, 3600, ErrorMessage = "Slack:SignatureToleranceSeconds must be between 1 and 3600.")]
    public int SignatureToleranceSeconds { get; set; } = 300;

    /// <summary>Socket Mode: how many WebSocket connections to keep open (Slack allows up to 10).</summary>
    [Range(1, 10, ErrorMessage = "Slack:SocketConnections must be between 1 and 10.")]
    public int SocketConnections { get; set; } = 2;

    /// <summary>Channel ids (C...) or names (#cm-alerts) by purpose.</summary>
    public SlackChannelOptions Channels { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled)
        {
            yield break;
        }

        if (string.IsNullOrWhiteSpace(BotToken))
        {
            yield return new ValidationResult("Slack:BotToken is required when Slack:Enabled is true (the bot token, xoxb-...).", [nameof(BotToken)]);
        }

        if (Mode == SlackMode.Http && string.IsNullOrWhiteSpace(SigningSecret))
        {
            yield return new ValidationResult("Slack:SigningSecret is required when Slack:Mode is Http (Basic Information > Signing Secret).", [nameof(SigningSecret)]);
        }

        if (Mode == SlackMode.SocketMode && string.IsNullOrWhiteSpace(AppToken))
        {
            yield return new ValidationResult("Slack:AppToken is required when Slack:Mode is SocketMode (an app-level token, xapp-..., with connections:write).", [nameof(AppToken)]);
        }

        if (string.IsNullOrWhiteSpace(Channels.Alerts))
        {
            yield return new ValidationResult("Slack:Channels:Alerts is required when Slack:Enabled is true (where incident alerts go).", [nameof(Channels)]);
        }
    }
}

public sealed class SlackChannelOptions
{
    public string Alerts { get; set; } = string.Empty;

    /// <summary>Where drafts needing legal sign-off go; defaults to the alerts channel.</summary>
    public string? Legal { get; set; }

    /// <summary>Where P1 crises are announced to the leadership; defaults to the alerts channel.</summary>
    public string? Direction { get; set; }

    /// <summary>Further channel keys routing.yaml may name (<c>Channels:Crisis</c> and so on), read from configuration at start.</summary>
    public IReadOnlyDictionary<string, string> Extra { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The team leads' channel (weekly digests, SLA breaches); without it they go to alerts, with a start-up warning.</summary>
    public string? Leads { get; set; }
}
