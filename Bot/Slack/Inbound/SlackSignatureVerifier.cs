using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace CmBot.Bot.Slack.Inbound;

/// <summary>Why a request was or was not accepted as coming from Slack.</summary>
public enum SlackSignatureCheck
{
    Valid,
    MissingHeaders,
    MalformedTimestamp,
    Stale,
    Future,
    MalformedSignature,
    Mismatch,
}

/// <summary>
/// Slack's request signing, version v0: <c>v0=</c> + hex HMAC-SHA256(signing secret, <c>v0:{timestamp}:{raw body}</c>).
/// The timestamp must be within the tolerance in both directions: Slack's own SDKs accept timestamps from the
/// future, which would let a captured request be replayed later; CmBot refuses them. Replays inside the window are
/// caught by the inbox, which remembers every signature it accepted.
/// </summary>
public sealed class SlackSignatureVerifier
{
    public const string TimestampHeader = "X-Slack-Request-Timestamp";
    public const string SignatureHeader = "X-Slack-Signature";

    private const string Prefix = "v0=";
    private const int HashBytes = 32;
    private const int StackLimit = 4096;

    private readonly byte[] _key;
    private readonly long _toleranceSeconds;
    private readonly TimeProvider _time;

    public SlackSignatureVerifier(IOptions<SlackOptions> options, TimeProvider time)
        : this(options?.Value.SigningSecret ?? string.Empty, TimeSpan.FromSeconds(options?.Value.SignatureToleranceSeconds ?? 300), time)
    {
    }

    public SlackSignatureVerifier(string signingSecret, TimeSpan tolerance, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(signingSecret);
        _key = Encoding.UTF8.GetBytes(signingSecret);
        _toleranceSeconds = (long)tolerance.TotalSeconds;
        _time = time;
    }

    public SlackSignatureCheck Verify(string? timestamp, string? signature, ReadOnlySpan<byte> rawBody)
    {
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature) || _key.Length == 0)
        {
            return SlackSignatureCheck.MissingHeaders;
        }

        // Epoch seconds are 10 digits today; the bound keeps the base string small and the parse exact.
        if (timestamp.Length > 12 || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return SlackSignatureCheck.MalformedTimestamp;
        }

        var age = _time.GetUtcNow().ToUnixTimeSeconds() - seconds;
        if (age > _toleranceSeconds)
        {
            return SlackSignatureCheck.Stale;
        }

        if (age < -_toleranceSeconds)
        {
            return SlackSignatureCheck.Future;
        }

        Span<byte> given = stackalloc byte[HashBytes];
        if (signature.Length != Prefix.Length + (2 * HashBytes) ||
            !signature.StartsWith(Prefix, StringComparison.Ordinal) ||
            Convert.FromHexString(signature.AsSpan(Prefix.Length), given, out _, out var written) != OperationStatus.Done ||
            written != HashBytes)
        {
            return SlackSignatureCheck.MalformedSignature;
        }

        Span<byte> expected = stackalloc byte[HashBytes];
        Compute(_key, timestamp, rawBody, expected);
        return CryptographicOperations.FixedTimeEquals(given, expected) ? SlackSignatureCheck.Valid : SlackSignatureCheck.Mismatch;
    }

    /// <summary>The v0 signature of a body, as Slack would send it (for tests and tools that sign requests).</summary>
    public static string Sign(string signingSecret, string timestamp, ReadOnlySpan<byte> rawBody)
    {
        ArgumentNullException.ThrowIfNull(signingSecret);
        ArgumentNullException.ThrowIfNull(timestamp);
        Span<byte> hash = stackalloc byte[HashBytes];
        Compute(Encoding.UTF8.GetBytes(signingSecret), timestamp, rawBody, hash);
        return Prefix + Convert.ToHexStringLower(hash);
    }

    private static void Compute(ReadOnlySpan<byte> key, string timestamp, ReadOnlySpan<byte> rawBody, Span<byte> destination)
    {
        // One contiguous "v0:{timestamp}:{body}" buffer so the one-shot HMAC needs no hasher object per request.
        var total = 3 + timestamp.Length + 1 + rawBody.Length;
        byte[]? rented = null;
        var data = total <= StackLimit ? stackalloc byte[total] : (rented = ArrayPool<byte>.Shared.Rent(total)).AsSpan(0, total);
        try
        {
            "v0:"u8.CopyTo(data);
            var at = 3 + Encoding.ASCII.GetBytes(timestamp, data[3..]);
            data[at++] = (byte)':';
            rawBody.CopyTo(data[at..]);
            HMACSHA256.HashData(key, data, destination);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
