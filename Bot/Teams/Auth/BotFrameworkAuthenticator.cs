using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace CmBot.Bot.Teams.Auth;

/// <summary>
/// Checks the bearer token of a request from Teams, as the Bot Framework documents it: a signed JWT (RS256; no
/// <c>alg: none</c>) from an accepted issuer, for this bot's app id, within its lifetime (5 minutes of skew), signed
/// by a key of the issuer's current key set. What needs the activity (endorsement of the key for the activity's
/// channel, the <c>serviceurl</c> claim) is checked by <see cref="BotCaller.Authorize"/> once the body is read.
/// </summary>
public sealed class BotFrameworkAuthenticator(OpenIdMetadata metadata, IOptions<TeamsOptions> options, TimeProvider time)
{
    private const string Bearer = "Bearer ";
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private readonly JsonWebTokenHandler _handler = new();

    public async Task<BotCaller> AuthenticateAsync(string? authorization, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(authorization))
        {
            return BotCaller.Refused("no Authorization header");
        }

        if (!authorization.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase))
        {
            return BotCaller.Refused("the Authorization header is not a bearer token");
        }

        var token = authorization[Bearer.Length..].Trim();
        JsonWebToken jwt;
        try
        {
            jwt = _handler.ReadJsonWebToken(token);
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenMalformedException)
        {
            return BotCaller.Refused("the bearer token is not a JWT");
        }

        if (string.IsNullOrEmpty(jwt.Alg) || string.Equals(jwt.Alg, "none", StringComparison.OrdinalIgnoreCase))
        {
            return BotCaller.Refused("the token is unsigned (alg none)");
        }

        var source = Source(jwt.Issuer);
        if (source is null)
        {
            return BotCaller.Refused($"issuer '{jwt.Issuer}' is not accepted");
        }

        OpenIdConnectConfiguration configuration;
        try
        {
            configuration = await source.Value.Manager.GetConfigurationAsync(cancellationToken);
        }
        catch (InvalidOperationException ex)
        {
            return BotCaller.Refused($"the signing keys could not be loaded ({ex.Message})");
        }

        var result = await _handler.ValidateTokenAsync(token, Parameters(configuration, source.Value.Issuers));
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // An unknown key may be a rollover the cached key set has not seen yet: refresh once and retry.
            source.Value.Manager.RequestRefresh();
            configuration = await source.Value.Manager.GetConfigurationAsync(cancellationToken);
            result = await _handler.ValidateTokenAsync(token, Parameters(configuration, source.Value.Issuers));
        }

        if (!result.IsValid)
        {
            return BotCaller.Refused(Describe(result.Exception));
        }

        // TryAllIssuerSigningKeys is off, so the key that verified the signature is the one the header names:
        // its endorsements are the ones that apply.
        var keyId = result.SecurityToken.SigningKey?.KeyId ?? jwt.Kid;
        var endorsements = source.Value.RequiresEndorsement ? KeyEndorsements.For(configuration, keyId) ?? new HashSet<string>() : null;
        var serviceUrl = result.Claims.TryGetValue(ServiceUrlClaim, out var claim) ? claim as string : null;
        return BotCaller.Accepted(jwt.Issuer, keyId, endorsements, serviceUrl, requireServiceUrl: source.Value.RequiresEndorsement);
    }

    public const string ServiceUrlClaim = "serviceurl";

    private TokenValidationParameters Parameters(OpenIdConnectConfiguration configuration, IReadOnlyList<string> issuers) => new()
    {
        ValidIssuers = issuers,
        ValidAudience = options.Value.AppId,
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateLifetime = true,
        RequireExpirationTime = true,
        RequireSignedTokens = true,
        ClockSkew = ClockSkew,
        IssuerSigningKeys = configuration.SigningKeys,

        // With this on, a token whose kid is unknown would be tried against every key, and the endorsements
        // looked up would not be those of the key that signed.
        TryAllIssuerSigningKeys = false,
        ValidAlgorithms = [SecurityAlgorithms.RsaSha256],

        // Identity Model reads the system clock; the lifetime is checked against the host's TimeProvider instead.
        LifetimeValidator = ValidateLifetime,
    };

    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (expires is null)
        {
            throw new SecurityTokenNoExpirationException("The token has no expiry.");
        }

        if (notBefore is { } start && start > now + ClockSkew)
        {
            throw new SecurityTokenNotYetValidException($"The token is valid from {start:O}.") { NotBefore = start };
        }

        if (expires.Value < now - ClockSkew)
        {
            throw new SecurityTokenExpiredException($"The token expired at {expires:O}.") { Expires = expires.Value };
        }

        return true;
    }

    private (IConfigurationManager<OpenIdConnectConfiguration> Manager, IReadOnlyList<string> Issuers, bool RequiresEndorsement)? Source(string? issuer)
    {
        var teams = options.Value;
        if (string.Equals(issuer, teams.ChannelService, StringComparison.Ordinal))
        {
            return (metadata.BotFramework, [teams.ChannelService], true);
        }

        if (metadata.Entra is { } entra && !string.IsNullOrWhiteSpace(teams.TenantId))
        {
            string[] tenantIssuers = [$"https://sts.windows.net/{teams.TenantId}/", $"https://login.microsoftonline.com/{teams.TenantId}/v2.0"];
            if (tenantIssuers.Contains(issuer, StringComparer.Ordinal))
            {
                return (entra, tenantIssuers, false);
            }
        }

        return null;
    }

    private static string Describe(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException => "the token has expired",
        SecurityTokenNotYetValidException => "the token is not valid yet",
        SecurityTokenNoExpirationException => "the token has no expiry",
        SecurityTokenInvalidAudienceException => "the token is for another audience",
        SecurityTokenInvalidIssuerException => "the token's issuer is not accepted",
        SecurityTokenSignatureKeyNotFoundException => "the token is signed by an unknown key",
        SecurityTokenInvalidAlgorithmException => "the token's algorithm is not accepted",
        SecurityTokenInvalidSignatureException => "the token's signature is invalid",
        null => "the token is invalid",
        _ => $"the token is invalid ({exception.GetType().Name})",
    };
}

/// <summary>The outcome of checking a request's token, and the checks that need the activity.</summary>
public sealed record BotCaller
{
    private BotCaller()
    {
    }

    public bool IsAuthenticated { get; private init; }
    public string? Failure { get; private init; }
    public string? Issuer { get; private init; }
    public string? KeyId { get; private init; }

    /// <summary>Channels the signing key is endorsed for; null when the issuer's keys carry no endorsements (Entra ID).</summary>
    public IReadOnlySet<string>? Endorsements { get; private init; }

    public string? ServiceUrl { get; private init; }
    private bool RequireServiceUrl { get; init; }

    public static BotCaller Refused(string reason) => new() { Failure = reason };

    public static BotCaller Accepted(string issuer, string? keyId, IReadOnlySet<string>? endorsements, string? serviceUrl, bool requireServiceUrl) =>
        new() { IsAuthenticated = true, Issuer = issuer, KeyId = keyId, Endorsements = endorsements, ServiceUrl = serviceUrl, RequireServiceUrl = requireServiceUrl };

    /// <summary>Returns why the activity may not be accepted with this token, or null when it may.</summary>
    public string? Authorize(string? channelId, string? activityServiceUrl)
    {
        if (!IsAuthenticated)
        {
            return Failure;
        }

        if (Endorsements is not null && (string.IsNullOrEmpty(channelId) || !Endorsements.Contains(channelId)))
        {
            return $"signing key '{KeyId}' is not endorsed for channel '{channelId}'";
        }

        if (ServiceUrl is null)
        {
            return RequireServiceUrl ? "the token has no serviceurl claim" : null;
        }

        return string.Equals(ServiceUrl, activityServiceUrl, StringComparison.OrdinalIgnoreCase)
            ? null
            : "the token's serviceurl claim does not match the activity's serviceUrl";
    }
}
