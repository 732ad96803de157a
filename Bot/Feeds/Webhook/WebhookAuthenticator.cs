using System.Security.Cryptography;
using System.Text;
using CmBot.Bot.Feeds.Sources;

namespace CmBot.Bot.Feeds.Webhook;

/// <summary>
/// Checks a webhook call against its source's secret: <c>Authorization: Bearer &lt;Token&gt;</c>, or
/// <c>X-CmBot-Signature: sha256=&lt;hex HMAC-SHA256 of the raw body with Secret&gt;</c>. Comparisons are constant-time.
/// </summary>
public static class WebhookAuthenticator
{
    public const string SignatureHeader = "X-CmBot-Signature";

    public static bool IsAuthorized(FeedSourceOptions options, string? authorization, string? signature, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrEmpty(options.Token) && authorization is { } auth && auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && FixedEquals(Encoding.UTF8.GetBytes(auth["Bearer ".Length..].Trim()), Encoding.UTF8.GetBytes(options.Token)))
        {
            return true;
        }

        if (!string.IsNullOrEmpty(options.Secret) && signature is { } sig && sig.StartsWith("sha256=", StringComparison.OrdinalIgnoreCase))
        {
            byte[] given;
            try
            {
                given = Convert.FromHexString(sig["sha256=".Length..].Trim());
            }
            catch (FormatException)
            {
                return false;
            }

            return FixedEquals(given, Sign(options.Secret, body));
        }

        return false;
    }

    public static byte[] Sign(string secret, ReadOnlySpan<byte> body) => HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body);

    private static bool FixedEquals(byte[] a, byte[] b) => CryptographicOperations.FixedTimeEquals(a, b);
}
