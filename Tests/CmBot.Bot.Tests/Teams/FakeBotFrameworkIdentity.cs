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
/// or with a key it never publishes.
/// </summary>
public sealed class FakeBotFrameworkIdentity : IAsyncDisposable
{
    public const string AppId = "6f1c2a7e-3b5d-4e8f-9a0b-1c2d3e4f5a6b";
    public const string Issuer = "https://api.botframework.com";
    public const string TeamsKey = "cmbot-test-msteams";
    public const string SkypeOnlyKey = "cmbot-test-skype-only";
    public const string UnpublishedKey = "cmbot-test-unpublished";

    private readonly Dictionary<string, RSA> _keys = new(StringComparer.Ordinal)
    {
        [TeamsKey] = RSA.Create(2048),
        [SkypeOnlyKey] = RSA.Create(2048),
        [UnpublishedKey] = RSA.Create(2048),
    };

    private readonly JsonWebTokenHandler _handler = new();
    private WebApplication? _app;
    private int _metadataRequests;

    public Uri BaseUrl { get; private set; } = null!;

    public Uri MetadataUrl => new(BaseUrl, "v1/.well-known/openidconfiguration");

    public int MetadataRequests => Volatile.Read(ref _metadataRequests);

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

    private string Jwks()
    {
        var keys = new JsonArray
        {
            Jwk(TeamsKey, ["msteams", "skype"]),
            Jwk(SkypeOnlyKey, ["skype"]),
        };
        return new JsonObject { ["keys"] = keys }.ToJsonString();
    }

    private JsonObject Jwk(string kid, string[] endorsements)
    {
        var parameters = _keys[kid].ExportParameters(includePrivateParameters: false);
        return new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = kid,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
            ["endorsements"] = new JsonArray(endorsements.Select(e => (JsonNode)JsonValue.Create(e)!).ToArray()),
        };
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
