using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using CmBot.Bot.Teams;
using CmBot.Bot.Teams.Outbound;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CmBot.Bot.Tests.Teams;

/// <summary>
/// The outbound token with a certificate (Teams:CertificatePath) instead of a client secret: the token endpoint
/// receives a client assertion JWT signed with the certificate's key and no secret, through MSAL (HTTPS authority)
/// and through the loopback form post. A certificate that cannot be used stops start-up with the key and reason.
/// </summary>
public sealed class TeamsCertificateCredentialTests : IDisposable
{
    private const string AppId = FakeBotFrameworkIdentity.AppId;
    private readonly string _folder = Directory.CreateTempSubdirectory("cmbot-cert-").FullName;
    private readonly X509Certificate2 _certificate = CreateCertificate();

    private static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=CmBot test bot", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    private string Pfx(string? password)
    {
        var path = Path.Combine(_folder, $"bot-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, _certificate.Export(X509ContentType.Pkcs12, password));
        return path;
    }

    private string Pem(bool withKey)
    {
        var path = Path.Combine(_folder, $"bot-{Guid.NewGuid():N}.pem");
        var text = _certificate.ExportCertificatePem();
        if (withKey)
        {
            using var key = _certificate.GetRSAPrivateKey()!;
            text += "\n" + key.ExportPkcs8PrivateKeyPem();
        }

        File.WriteAllText(path, text);
        return path;
    }

    private static TeamsOptions Options(string certificatePath, string? password = null, Uri? tokenEndpoint = null) => new()
    {
        Enabled = true,
        AppId = AppId,
        CertificatePath = certificatePath,
        CertificatePassword = password,
        TokenEndpoint = tokenEndpoint,
        RequireHttpsMetadata = tokenEndpoint is null,
        Channels = new TeamsChannelOptions { Alerts = "19:alerts@thread.tacv2" },
    };

    [Fact]
    public async Task Token_CertificateWithHttpsAuthority_MsalSendsAssertionSignedByTheCertificate()
    {
        const string endpoint = "https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token";
        var stub = new TokenEndpointStub("/botframework.com/oauth2/v2.0/token");
        using var tokens = new BotTokenProvider(Microsoft.Extensions.Options.Options.Create(Options(Pfx("pfx-pass"), "pfx-pass")), stub, TimeProvider.System);

        var token = await tokens.GetTokenAsync(TestContext.Current.CancellationToken);

        Assert.Equal("cert-token", token);
        var form = Assert.Single(stub.TokenRequests);
        await AssertSignedAssertionAsync(form, endpoint);
    }

    [Fact]
    public async Task Token_PemCertificateWithLoopbackEndpoint_SendsAssertionSignedByTheCertificate()
    {
        var endpoint = new Uri("http://127.0.0.1:5999/tenant/oauth2/v2.0/token");
        var stub = new TokenEndpointStub(endpoint.AbsolutePath);
        using var tokens = new BotTokenProvider(Microsoft.Extensions.Options.Options.Create(Options(Pem(withKey: true), tokenEndpoint: endpoint)), stub, TimeProvider.System);

        var token = await tokens.GetTokenAsync(TestContext.Current.CancellationToken);

        Assert.Equal("cert-token", token);
        var form = Assert.Single(stub.TokenRequests);
        await AssertSignedAssertionAsync(form, endpoint.AbsoluteUri);
    }

    [Fact]
    public async Task Token_AssertionSignedByAnotherKey_DoesNotValidateAgainstTheCertificate()
    {
        // The check used above is not vacuous: an assertion from another certificate fails it.
        var endpoint = new Uri("http://127.0.0.1:5999/tenant/oauth2/v2.0/token");
        var stub = new TokenEndpointStub(endpoint.AbsolutePath);
        using var other = CreateCertificate();
        var path = Path.Combine(_folder, "other.pfx");
        await File.WriteAllBytesAsync(path, other.Export(X509ContentType.Pkcs12, (string?)null), TestContext.Current.CancellationToken);
        using var tokens = new BotTokenProvider(Microsoft.Extensions.Options.Options.Create(Options(path, tokenEndpoint: endpoint)), stub, TimeProvider.System);

        await tokens.GetTokenAsync(TestContext.Current.CancellationToken);

        var result = await Validate(Assert.Single(stub.TokenRequests)["client_assertion"], endpoint.AbsoluteUri);
        Assert.False(result.IsValid);
    }

    [Fact]
    public void Validate_CertificateReadable_NoErrors()
    {
        Assert.Empty(Errors(Options(Pfx("pfx-pass"), "pfx-pass")));
        Assert.Empty(Errors(Options(Pem(withKey: true))));
    }

    [Fact]
    public void Validate_CertificateProblems_NameTheKeyAndReason()
    {
        Assert.Contains(Errors(Options(Path.Combine(_folder, "missing.pfx"))), e => e.StartsWith("Teams:CertificatePath: the file", StringComparison.Ordinal) && e.Contains("does not exist", StringComparison.Ordinal));
        Assert.Contains(Errors(Options(Pfx("right"), "wrong")), e => e.StartsWith("Teams:CertificatePath:", StringComparison.Ordinal) && e.Contains("Teams:CertificatePassword", StringComparison.Ordinal));
        Assert.Contains(Errors(Options(Pem(withKey: false))), e => e.StartsWith("Teams:CertificatePath:", StringComparison.Ordinal) && e.Contains("private key", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_SecretAndCertificate_RefusedAsAmbiguous()
    {
        var options = Options(Pem(withKey: true));
        options.AppPassword = "secret";

        Assert.Contains(Errors(options), e => e.StartsWith("Teams:AppPassword and Teams:CertificatePath are both set", StringComparison.Ordinal));
    }

    private async Task AssertSignedAssertionAsync(Dictionary<string, string> form, string audience)
    {
        Assert.Equal("client_credentials", form["grant_type"]);
        Assert.Equal(AppId, form["client_id"]);
        Assert.Equal("https://api.botframework.com/.default", form["scope"]);
        Assert.False(form.ContainsKey("client_secret"), "a certificate credential must not send a secret");
        Assert.Equal("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", form["client_assertion_type"]);
        var result = await Validate(form["client_assertion"], audience);
        Assert.True(result.IsValid, result.Exception?.Message);
        var jwt = (JsonWebToken)result.SecurityToken;
        Assert.Equal(AppId, jwt.Subject);
        // The header names the certificate by thumbprint: SHA-1 (x5t, as CmBot writes it) or SHA-256 (x5t#S256, as MSAL does).
        var thumbprint = jwt.TryGetHeaderValue<string>("x5t#S256", out var sha256)
            ? (sha256, Base64UrlEncoder.Encode(_certificate.GetCertHash(HashAlgorithmName.SHA256)))
            : (jwt.X5t, Base64UrlEncoder.Encode(_certificate.GetCertHash()));
        Assert.Equal(thumbprint.Item2, thumbprint.Item1);
    }

    private Task<TokenValidationResult> Validate(string assertion, string audience) =>
        new JsonWebTokenHandler().ValidateTokenAsync(assertion, new TokenValidationParameters
        {
            ValidIssuer = AppId,
            ValidAudience = audience,
            IssuerSigningKey = new X509SecurityKey(_certificate),
            RequireSignedTokens = true,
            ValidateLifetime = true,
        });

    private static List<string> Errors(TeamsOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results.Select(r => r.ErrorMessage!).ToList();
    }

    public void Dispose()
    {
        _certificate.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>A fake Entra ID token endpoint (and MSAL's instance discovery) answering in process; records token requests' forms.</summary>
    private sealed class TokenEndpointStub(string tokenPath) : HttpMessageHandler, IHttpClientFactory
    {
        public List<Dictionary<string, string>> TokenRequests { get; } = [];

        public HttpClient CreateClient(string name) => new(this, disposeHandler: false);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            if (path == "/common/discovery/instance")
            {
                return Json("""{"tenant_discovery_endpoint":"https://login.microsoftonline.com/botframework.com/v2.0/.well-known/openid-configuration","api-version":"1.1","metadata":[{"preferred_network":"login.microsoftonline.com","preferred_cache":"login.windows.net","aliases":["login.microsoftonline.com","login.windows.net"]}]}""");
            }

            if (path != tokenPath || request.Content is null)
            {
                return new HttpResponseMessage(HttpStatusCode.NotFound);
            }

            var body = await request.Content.ReadAsStringAsync(cancellationToken);
            var form = body.Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => WebUtility.UrlDecode(p[0]), p => WebUtility.UrlDecode(p[1]), StringComparer.Ordinal);
            lock (TokenRequests)
            {
                TokenRequests.Add(form);
            }

            return Json("""{"token_type":"Bearer","expires_in":3599,"ext_expires_in":3599,"access_token":"cert-token"}""");
        }

        private static HttpResponseMessage Json(string body) =>
            new(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
    }
}
