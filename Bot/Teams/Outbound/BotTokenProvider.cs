using System.Net.Http.Json;
using System.Text.Json.Serialization;
using CmBot.Bot.Chat;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;

namespace CmBot.Bot.Teams.Outbound;

/// <summary>
/// The bearer token for the Bot Connector: client credentials of the bot's app registration for the Bot Framework
/// scope. Over HTTPS it comes from MSAL (which caches and renews it); MSAL refuses plain-http authorities, so a
/// loopback fake token endpoint is called with a plain form post, cached here until shortly before it expires.
/// </summary>
public sealed class BotTokenProvider : IDisposable
{
    public const string HttpClientName = "teams-token";
    private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(5);

    private readonly TeamsOptions _options;
    private readonly IHttpClientFactory _http;
    private readonly TimeProvider _time;
    private readonly IConfidentialClientApplication? _msal;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private (string Token, DateTimeOffset ExpiresAt)? _cached;

    public BotTokenProvider(IOptions<TeamsOptions> options, IHttpClientFactory http, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _http = http;
        _time = time;
        if (_options.ResolvedTokenEndpoint.Scheme == Uri.UriSchemeHttps)
        {
            _msal = ConfidentialClientApplicationBuilder.Create(_options.AppId)
                .WithClientSecret(_options.AppPassword)
                .WithAuthority(Authority(_options), validateAuthority: true)
                .WithHttpClientFactory(new MsalHttpClients(http))
                .Build();
        }
    }

    public async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (_msal is not null)
        {
            try
            {
                var result = await _msal.AcquireTokenForClient([_options.OAuthScope]).ExecuteAsync(cancellationToken);
                return result.AccessToken;
            }
            catch (MsalServiceException ex) when (ex.StatusCode is 400 or 401)
            {
                throw new ChatDeliveryException($"The bot's app registration was refused a token ({ex.ErrorCode}); check Teams:AppId and Teams:AppPassword.", permanent: true);
            }
        }

        await _lock.WaitAsync(cancellationToken);
        try
        {
            if (_cached is { } cached && cached.ExpiresAt - RenewBefore > _time.GetUtcNow())
            {
                return cached.Token;
            }

            var token = await RequestAsync(cancellationToken);
            _cached = (token.AccessToken, _time.GetUtcNow().AddSeconds(token.ExpiresIn));
            return token.AccessToken;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>
    /// A local emulator's connector (loopback serviceUrl, <c>Teams:Auth:AllowUnauthenticatedLoopback</c> on) takes
    /// calls without a bot token: none is requested from MSAL for it.
    /// </summary>
    public bool IsUnauthenticatedEmulator(Uri url) =>
        _options.Auth.AllowUnauthenticatedLoopback && Auth.LoopbackEmulator.IsLoopbackUrl(url);

    /// <summary>Drops the cached token after the connector refused it (revoked, rotated secret).</summary>
    public void Invalidate() => _cached = null;

    public void Dispose() => _lock.Dispose();

    private async Task<TokenResponse> RequestAsync(CancellationToken cancellationToken)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = _options.AppId!,
            ["client_secret"] = _options.AppPassword!,
            ["scope"] = _options.OAuthScope,
        });
        var client = _http.CreateClient(HttpClientName);
        using var response = await client.PostAsync(_options.ResolvedTokenEndpoint, form, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var permanent = (int)response.StatusCode is 400 or 401;
            throw new ChatDeliveryException($"The token endpoint answered {(int)response.StatusCode}.", permanent);
        }

        var token = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken);
        return token is { AccessToken.Length: > 0 } ? token : throw new ChatDeliveryException("The token endpoint answered without an access token.", permanent: false);
    }

    /// <summary>The MSAL authority: the configured token endpoint without its OAuth path, else login.microsoftonline.com/{tenant}.</summary>
    private static string Authority(TeamsOptions options)
    {
        if (options.TokenEndpoint is not { } endpoint)
        {
            return options.Authority;
        }

        var path = endpoint.AbsolutePath;
        var cut = path.IndexOf("/oauth2/", StringComparison.OrdinalIgnoreCase);
        return new Uri(endpoint, cut < 0 ? path : path[..cut]).AbsoluteUri.TrimEnd('/');
    }

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);

    /// <summary>Lets MSAL use the host's HttpClient pipeline (handlers, lifetime management).</summary>
    private sealed class MsalHttpClients(IHttpClientFactory http) : IMsalHttpClientFactory
    {
        public HttpClient GetHttpClient() => http.CreateClient(HttpClientName);
    }
}
