using System.ComponentModel.DataAnnotations;

namespace CmBot.Bot.Teams;

/// <summary>
/// The <c>Teams</c> section: the bot's Entra ID app registration, where tokens and keys come from, and the
/// conversations CmBot posts to. Secrets come from configuration or the environment and are never logged.
/// </summary>
public sealed class TeamsOptions : IValidatableObject
{
    public const string Section = "Teams";

    /// <summary>The platform name in the outbox, chat message references and chat actions.</summary>
    public const string PlatformName = "teams";

    /// <summary>The Bot Framework token issuer of the public cloud.</summary>
    public const string BotFrameworkIssuer = "https://api.botframework.com";

    public bool Enabled { get; set; }

    /// <summary>The bot's Microsoft App ID (Entra ID application id): the audience of every inbound token.</summary>
    public string? AppId { get; set; }

    /// <summary>The app registration's client secret, used to get the outbound Bot Framework token.</summary>
    public string? AppPassword { get; set; }

    /// <summary>
    /// Instead of <see cref="AppPassword"/>: the app registration's certificate (a .pfx/.p12 file, or a .pem file
    /// with the certificate and its private key); the outbound token is then requested with a signed client assertion.
    /// </summary>
    public string? CertificatePath { get; set; }

    /// <summary>The password of the .pfx file or of the PEM private key, if any.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>Single-tenant bots: the Entra ID tenant. Unset for a multi-tenant registration.</summary>
    public string? TenantId { get; set; }

    /// <summary>Bot Framework OpenID metadata (issuer and signing keys with their channel endorsements).</summary>
    public Uri OpenIdMetadataUrl { get; set; } = new("https://login.botframework.com/v1/.well-known/openidconfiguration");

    /// <summary>The issuer of Bot Framework channel tokens (a sovereign cloud has its own).</summary>
    public string ChannelService { get; set; } = BotFrameworkIssuer;

    /// <summary>Single-tenant only: the tenant's Entra ID OpenID metadata; derived from <see cref="TenantId"/> when unset.</summary>
    public Uri? EntraOpenIdMetadataUrl { get; set; }

    /// <summary>Where the client-credentials token is requested; derived from <see cref="TenantId"/> when unset.</summary>
    public Uri? TokenEndpoint { get; set; }

    /// <summary>The scope of the outbound token.</summary>
    public string OAuthScope { get; set; } = "https://api.botframework.com/.default";

    /// <summary>Metadata and keys only over HTTPS. Tests that serve keys on 127.0.0.1 turn it off.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The Bot Connector used for proactive posts to a conversation CmBot has not heard from yet.</summary>
    public Uri ServiceUrl { get; set; } = new("https://smba.trafficmanager.net/teams/");

    /// <summary>Requests per second per tenant across all conversations (Teams allows 50 per app per tenant).</summary>
    [Range(1, 50, ErrorMessage = "Teams:TenantRequestsPerSecond must be between 1 and 50.")]
    public int TenantRequestsPerSecond { get; set; } = 50;

    /// <summary>Conversation ids (19:...@thread.tacv2 for a channel) by purpose.</summary>
    public TeamsChannelOptions Channels { get; set; } = new();

    /// <summary>Local emulator support; off by default.</summary>
    public TeamsAuthOptions Auth { get; set; } = new();

    /// <summary>The tenant-specific authority used for tokens and Entra ID-issued inbound tokens.</summary>
    public string Authority => $"https://login.microsoftonline.com/{(string.IsNullOrWhiteSpace(TenantId) ? "botframework.com" : TenantId)}";

    public Uri ResolvedTokenEndpoint => TokenEndpoint ?? new Uri($"{Authority}/oauth2/v2.0/token");

    public Uri? ResolvedEntraMetadataUrl => EntraOpenIdMetadataUrl
        ?? (string.IsNullOrWhiteSpace(TenantId) ? null : new Uri($"{Authority}/v2.0/.well-known/openid-configuration"));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled)
        {
            yield break;
        }

        if (string.IsNullOrWhiteSpace(AppId))
        {
            yield return Error("Teams:AppId is required when Teams:Enabled is true (the bot's Microsoft App ID).", nameof(AppId));
        }

        var hasCertificate = !string.IsNullOrWhiteSpace(CertificatePath);
        if (string.IsNullOrWhiteSpace(AppPassword) && !hasCertificate)
        {
            yield return Error("Teams:AppPassword or Teams:CertificatePath is required when Teams:Enabled is true (a client secret or certificate of the bot's app registration).", nameof(AppPassword));
        }

        if (!string.IsNullOrWhiteSpace(AppPassword) && hasCertificate)
        {
            yield return Error("Teams:AppPassword and Teams:CertificatePath are both set; configure one credential only.", nameof(CertificatePath));
        }

        if (hasCertificate && CertificateProblem() is { } problem)
        {
            yield return Error($"Teams:CertificatePath: {problem}.", nameof(CertificatePath));
        }

        if (!string.IsNullOrWhiteSpace(TenantId) && !Guid.TryParse(TenantId, out _))
        {
            yield return Error($"Teams:TenantId must be a tenant GUID, not '{TenantId}'.", nameof(TenantId));
        }

        if (string.IsNullOrWhiteSpace(ChannelService))
        {
            yield return Error("Teams:ChannelService must name the token issuer (https://api.botframework.com).", nameof(ChannelService));
        }

        foreach (var (key, url) in new[] { ("OpenIdMetadataUrl", OpenIdMetadataUrl), ("EntraOpenIdMetadataUrl", EntraOpenIdMetadataUrl), ("TokenEndpoint", TokenEndpoint), ("ServiceUrl", ServiceUrl) })
        {
            if (url is not null && (!url.IsAbsoluteUri || (RequireHttpsMetadata && url.Scheme != Uri.UriSchemeHttps)))
            {
                yield return Error($"Teams:{key} must be an absolute https URL (got '{url}'); plain http is only for tests with Teams:RequireHttpsMetadata=false.", key);
            }
        }

        if (string.IsNullOrWhiteSpace(Channels.Alerts))
        {
            yield return Error("Teams:Channels:Alerts is required when Teams:Enabled is true (the conversation id where incident alerts go).", nameof(Channels));
        }
    }

    private string? CertificateProblem()
    {
        try
        {
            using var certificate = Outbound.BotCertificate.Load(CertificatePath!, CertificatePassword);
            return null;
        }
        catch (InvalidOperationException ex)
        {
            return ex.Message;
        }
    }

    private static ValidationResult Error(string message, string member) => new(message, [member]);
}

/// <summary>The <c>Teams:Auth</c> section.</summary>
public sealed class TeamsAuthOptions
{
    /// <summary>
    /// Accept requests without a Bot Framework token when they come from loopback and name a loopback serviceUrl
    /// (the Microsoft 365 Agents Playground), and reply there without a bot token. Development/Testing only; see
    /// <see cref="Auth.LoopbackEmulator"/>.
    /// </summary>
    public bool AllowUnauthenticatedLoopback { get; set; }
}

public sealed class TeamsChannelOptions
{
    public string Alerts { get; set; } = string.Empty;

    /// <summary>Where drafts needing legal sign-off go; defaults to the alerts conversation.</summary>
    public string? Legal { get; set; }

    /// <summary>Where P1 crises are announced to the leadership; defaults to the alerts conversation.</summary>
    public string? Direction { get; set; }

    /// <summary>Further channel keys routing.yaml may name (<c>Channels:Crisis</c> and so on), read from configuration at start.</summary>
    public IReadOnlyDictionary<string, string> Extra { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The team leads' conversation (weekly digests, SLA breaches); without it they go to alerts, with a start-up warning.</summary>
    public string? Leads { get; set; }
}
