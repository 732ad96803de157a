using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CmBot.Bot.Tests.Teams;

/// <summary>
/// A stand-in for login.botframework.com on 127.0.0.1: serves an OpenID metadata document and a JWKS holding
/// test RSA keys generated here (one endorsed for msteams, one only for skype), and mints tokens signed with them,
/// or with a key it never publishes. It also stands in for a tenant's Entra ID (login.microsoftonline.com/{tenant}):
/// <see cref="TenantMetadataUrl"/> serves the tenant's OpenID configuration and a key set holding
/// <see cref="EntraKey"/> (no endorsements, as Entra ID publishes them), for single-tenant bots.
/// </summary>
public sealed class FakeBotFrameworkIdentity : IAsyncDisposable
{
    public const string AppId = "6f1c2a7e-3b5d-4e8f-9a0b-1c2d3e4f5a6b";
    public const string Issuer = "https://api.botframework.com";
    public const string TeamsKey = "cmbot-test-msteams";
    public const string SkypeOnlyKey = "cmbot-test-skype-only";
    public const string UnpublishedKey = "cmbot-test-unpublished";
    public const string EntraKey = "cmbot-test-entra";

    private readonly Dictionary<string, RSA> _keys = new(StringComparer.Ordinal)
    {
        [TeamsKey] = RSA.Create(2048),
        [SkypeOnlyKey] = RSA.Create(2048),
        [UnpublishedKey] = RSA.Create(2048),
        [EntraKey] = RSA.Create(2048),
    };

    private readonly JsonWebTokenHandler _handler = new();
    private WebApplication? _app;
    private int _metadataRequests;

    public Uri BaseUrl { get; private set; } = null!;

    public Uri MetadataUrl => new(BaseUrl, "v1/.well-known/openidconfiguration");

    public int MetadataRequests => Volatile.Read(ref _metadataRequests);

    /// <summary>The tenant's Entra ID OpenID configuration (what login.microsoftonline.com/{tenant}/v2.0 serves).</summary>
    public Uri TenantMetadataUrl(string tenant) => new(BaseUrl, $"{tenant}/v2.0/.well-known/openid-configuration");

    /// <summary>The v2.0 issuer of a tenant's Entra ID tokens.</summary>
    public static string TenantIssuer(string tenant) => $"https://login.microsoftonline.com/{tenant}/v2.0";

    /// <summary>The v1.0 issuer of a tenant's Entra ID tokens.</summary>
    public static string TenantIssuerV1(string tenant) => $"https://sts.windows.net/{tenant}/";

    /// <summary>Starts the server; <paramref name="jwks"/> replaces the generated key set (a recorded one).</summary>
    public static async Task<FakeBotFrameworkIdentity> StartAsync(string? jwks = null)
    {
        var identity = new FakeBotFrameworkIdentity();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/v1/.well-known/openidconfiguration", () =>
        {
            Interlocked.Increment(ref identity._metadataRequests);
            return Results.Text(identity.Metadata(), "application/json");
        });
        app.MapGet("/v1/.well-known/keys", () => Results.Text(jwks ?? identity.Jwks(), "application/json"));
        app.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", (string tenant) => Results.Text(identity.TenantMetadata(tenant), "application/json"));
        app.MapGet("/{tenant}/discovery/v2.0/keys", () => Results.Text(new JsonObject { ["keys"] = new JsonArray(identity.Jwk(EntraKey, endorsements: null)) }.ToJsonString(), "application/json"));
        await app.StartAsync();
        identity._app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        identity.BaseUrl = new Uri(address.EndsWith('/') ? address : address + "/");
        return identity;
    }

    /// <summary>The host settings that point Teams at this server.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings(string appId = AppId) =>
    [
        new("Teams:Enabled", "true"),
        new("Teams:AppId", appId),
        new("Teams:AppPassword", "test-client-secret"),
        new("Teams:OpenIdMetadataUrl", MetadataUrl.AbsoluteUri),
        new("Teams:RequireHttpsMetadata", "false"),
        new("Teams:Channels:Alerts", "19:alerts@thread.tacv2"),
    ];

    public string Token(
        string serviceUrl,
        string audience = AppId,
        string issuer = Issuer,
        string key = TeamsKey,
        DateTimeOffset? notBefore = null,
        DateTimeOffset? expires = null,
        bool withServiceUrl = true)
    {
        var now = DateTimeOffset.UtcNow;
        var claims = new Dictionary<string, object>(StringComparer.Ordinal);
        if (withServiceUrl)
        {
            claims["serviceurl"] = serviceUrl;
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            NotBefore = (notBefore ?? now.AddMinutes(-1)).UtcDateTime,
            Expires = (expires ?? now.AddHours(1)).UtcDateTime,
            IssuedAt = (notBefore ?? now.AddMinutes(-1)).UtcDateTime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(_keys[key]) { KeyId = key }, SecurityAlgorithms.RsaSha256),
        };
        return _handler.CreateToken(descriptor);
    }

    /// <summary>A token with <c>alg: none</c> and no signature, otherwise well-formed.</summary>
    public static string UnsignedToken(string serviceUrl)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");
        var payload = Base64UrlEncoder.Encode(new JsonObject
        {
            ["iss"] = Issuer, ["aud"] = AppId, ["nbf"] = now - 60, ["exp"] = now + 3600, ["serviceurl"] = serviceUrl,
        }.ToJsonString());
        return $"{header}.{payload}.";
    }

    /// <summary>The recorded login.botframework.com document, its jwks_uri pointed at this server.</summary>
    private string Metadata()
    {
        var document = TeamsFixtures.ReadObject("auth/openid-configuration.json");
        document["jwks_uri"] = new Uri(BaseUrl, "v1/.well-known/keys").AbsoluteUri;
        return document.ToJsonString();
    }

    /// <summary>The shape of an Entra ID v2.0 tenant's OpenID configuration, pointed at this server.</summary>
    private string TenantMetadata(string tenant) => new JsonObject
    {
        ["issuer"] = TenantIssuer(tenant),
        ["jwks_uri"] = new Uri(BaseUrl, $"{tenant}/discovery/v2.0/keys").AbsoluteUri,
        ["token_endpoint"] = new Uri(BaseUrl, $"{tenant}/oauth2/v2.0/token").AbsoluteUri,
        ["authorization_endpoint"] = new Uri(BaseUrl, $"{tenant}/oauth2/v2.0/authorize").AbsoluteUri,
        ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        ["token_endpoint_auth_methods_supported"] = new JsonArray("client_secret_post", "private_key_jwt", "client_secret_basic"),
        ["tenant_region_scope"] = "EU",
    }.ToJsonString();

    private string Jwks()
    {
        var keys = new JsonArray
        {
            Jwk(TeamsKey, ["msteams", "skype"]),
            Jwk(SkypeOnlyKey, ["skype"]),
        };
        return new JsonObject { ["keys"] = keys }.ToJsonString();
    }

    private JsonObject Jwk(string kid, string[]? endorsements)
    {
        var parameters = _keys[kid].ExportParameters(includePrivateParameters: false);
        var jwk = new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = kid,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
        if (endorsements is not null)
        {
            jwk["endorsements"] = new JsonArray(endorsements.Select(e => (JsonNode)JsonValue.Create(e)!).ToArray());
        }

        return jwk;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        foreach (var key in _keys.Values)
        {
            key.Dispose();
        }
    }
}
