using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Serialization;
using CmBot.Bot.Chat;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CmBot.Bot.Teams.Outbound;

/// <summary>
/// The bearer token for the Bot Connector: client credentials of the bot's app registration for the Bot Framework
/// scope. Over HTTPS it comes from MSAL (which caches and renews it); MSAL refuses plain-http authorities, so a
/// loopback fake token endpoint is called with a plain form post, cached here until shortly before it expires.
/// The credential is the client secret (<c>Teams:AppPassword</c>) or the certificate (<c>Teams:CertificatePath</c>):
/// with a certificate, a client assertion JWT signed with its key is sent instead of a secret (MSAL builds it over
/// HTTPS; for the loopback endpoint it is built here the same way: RS256, x5t, aud = token endpoint, 10 minutes).
/// </summary>
public sealed class BotTokenProvider : IDisposable
{
    public const string HttpClientName = "teams-token";
    private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(5);

    private readonly TeamsOptions _options;
    private readonly IHttpClientFactory _http;
    private readonly TimeProvider _time;
    private static readonly TimeSpan AssertionLifetime = TimeSpan.FromMinutes(10);
    private const string AssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private readonly IConfidentialClientApplication? _msal;
    private readonly X509Certificate2? _certificate;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private (string Token, DateTimeOffset ExpiresAt)? _cached;

    public BotTokenProvider(IOptions<TeamsOptions> options, IHttpClientFactory http, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _http = http;
        _time = time;
        if (!string.IsNullOrWhiteSpace(_options.CertificatePath))
        {
            _certificate = BotCertificate.Load(_options.CertificatePath, _options.CertificatePassword);
        }

        if (_options.ResolvedTokenEndpoint.Scheme == Uri.UriSchemeHttps)
        {
            var builder = ConfidentialClientApplicationBuilder.Create(_options.AppId);
            builder = _certificate is not null ? builder.WithCertificate(_certificate, sendX5C: false) : builder.WithClientSecret(_options.AppPassword);
            _msal = builder
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
                throw new ChatDeliveryException($"The bot's app registration was refused a token ({ex.ErrorCode}); check Teams:AppId and {(_certificate is null ? "Teams:AppPassword" : "Teams:CertificatePath (is the certificate uploaded to the app registration?)")}.", permanent: true);
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

    public void Dispose()
    {
        _lock.Dispose();
        _certificate?.Dispose();
    }

    private async Task<TokenResponse> RequestAsync(CancellationToken cancellationToken)
    {
        var fields = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = _options.AppId!,
            ["scope"] = _options.OAuthScope,
        };
        if (_certificate is not null)
        {
            fields["client_assertion_type"] = AssertionType;
            fields["client_assertion"] = ClientAssertion(_certificate);
        }
        else
        {
            fields["client_secret"] = _options.AppPassword!;
        }

        using var form = new FormUrlEncodedContent(fields);
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

    /// <summary>The client assertion of the Microsoft identity platform: signed with the certificate's key, named by its thumbprint.</summary>
    private string ClientAssertion(X509Certificate2 certificate)
    {
        var now = _time.GetUtcNow();
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = _options.AppId,
            Audience = _options.ResolvedTokenEndpoint.AbsoluteUri,
            Subject = new System.Security.Claims.ClaimsIdentity([new System.Security.Claims.Claim("sub", _options.AppId!)]),
            Claims = new Dictionary<string, object> { ["jti"] = Guid.NewGuid().ToString() },
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = now.Add(AssertionLifetime).UtcDateTime,
            SigningCredentials = new X509SigningCredentials(certificate, SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
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
