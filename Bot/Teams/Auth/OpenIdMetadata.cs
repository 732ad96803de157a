using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace CmBot.Bot.Teams.Auth;

/// <summary>
/// The OpenID metadata and signing keys inbound tokens are checked against, fetched on first use and refreshed
/// in the background (every 12 hours, or at once, at most every 5 minutes, when a token names an unknown key:
/// that is how a key rollover is picked up). One source per issuer family.
/// </summary>
public sealed class OpenIdMetadata
{
    public const string HttpClientName = "teams-openid";

    public OpenIdMetadata(IOptions<TeamsOptions> options, IHttpClientFactory http)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(http);
        var teams = options.Value;
        var retriever = new HttpDocumentRetriever(http.CreateClient(HttpClientName)) { RequireHttps = teams.RequireHttpsMetadata };
        BotFramework = Manager(teams.OpenIdMetadataUrl, retriever);
        Entra = teams.ResolvedEntraMetadataUrl is { } entra ? Manager(entra, retriever) : null;
    }

    /// <summary>login.botframework.com: the keys Teams signs channel tokens with, each endorsed for some channels.</summary>
    public IConfigurationManager<OpenIdConnectConfiguration> BotFramework { get; }

    /// <summary>The tenant's Entra ID keys (single-tenant bots only).</summary>
    public IConfigurationManager<OpenIdConnectConfiguration>? Entra { get; }

    private static ConfigurationManager<OpenIdConnectConfiguration> Manager(Uri url, HttpDocumentRetriever retriever) =>
        new(url.AbsoluteUri, new OpenIdConnectConfigurationRetriever(), retriever)
        {
            AutomaticRefreshInterval = TimeSpan.FromHours(12),
            RefreshInterval = TimeSpan.FromMinutes(5),
        };
}
