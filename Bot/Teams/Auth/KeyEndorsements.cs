using System.Collections;
using System.Text.Json;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace CmBot.Bot.Teams.Auth;

/// <summary>
/// Reads the Bot Framework-specific <c>endorsements</c> of a signing key (the channels it may sign for, e.g.
/// ["msteams"]) from the JWKS. Identity Model keeps that unknown member in <c>AdditionalData</c>.
/// </summary>
public static class KeyEndorsements
{
    public const string Member = "endorsements";

    /// <summary>The endorsements of the key <paramref name="keyId"/>, or null when the key set has no such key or it lists none.</summary>
    public static IReadOnlySet<string>? For(OpenIdConnectConfiguration configuration, string? keyId)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (string.IsNullOrEmpty(keyId) || configuration.JsonWebKeySet is not { } keys)
        {
            return null;
        }

        var key = keys.Keys.FirstOrDefault(k => string.Equals(k.Kid, keyId, StringComparison.Ordinal));
        if (key is null || !key.AdditionalData.TryGetValue(Member, out var value) || value is null)
        {
            return null;
        }

        return value switch
        {
            JsonElement { ValueKind: JsonValueKind.Array } array => array.EnumerateArray()
                .Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToHashSet(StringComparer.Ordinal),
            string single => new HashSet<string>(StringComparer.Ordinal) { single },
            IEnumerable many => many.Cast<object?>().Select(o => o?.ToString()).OfType<string>().ToHashSet(StringComparer.Ordinal),
            _ => null,
        };
    }
}
