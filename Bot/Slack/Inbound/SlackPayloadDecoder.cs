using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace CmBot.Bot.Slack.Inbound;

/// <summary>
/// Turns a verified HTTP body into the transport-neutral JSON payload: an Events API body is JSON already; an
/// interactivity body is one form field, <c>payload</c>, holding JSON; a slash command's form fields become a JSON
/// object with the same names (what Socket Mode delivers for commands).
/// </summary>
public static class SlackPayloadDecoder
{
    public const string JsonMediaType = "application/json";
    public const string FormMediaType = "application/x-www-form-urlencoded";

    /// <summary>Slack's content type for each endpoint, with or without parameters such as charset.</summary>
    public static bool HasExpectedMediaType(string? contentType, SlackPayloadKind kind)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return false;
        }

        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        var mediaType = (semicolon < 0 ? contentType.AsSpan() : contentType.AsSpan(0, semicolon)).Trim();
        return mediaType.Equals(kind == SlackPayloadKind.Event ? JsonMediaType : FormMediaType, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The payload as a JSON document (which may reference <paramref name="body"/>: keep the body alive until the
    /// document is disposed), or null when the body is malformed.
    /// </summary>
    public static JsonDocument? TryDecode(SlackPayloadKind kind, ReadOnlyMemory<byte> body)
    {
        // Slack sends no byte-order mark, but recorded bodies and some proxies have one; it is not part of the data.
        if (body.Span.StartsWith("\uFEFF"u8))
        {
            body = body[3..];
        }

        try
        {
            switch (kind)
            {
                case SlackPayloadKind.Event:
                    return JsonDocument.Parse(body);
                case SlackPayloadKind.Interactivity:
                    return FormField(body.Span, "payload"u8) is { Length: > 0 } payload ? JsonDocument.Parse(payload) : null;
                default:
                    var fields = ParseForm(body);
                    return fields.Count == 0 ? null : FieldsToJson(fields);
            }
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The first field named <paramref name="name"/>, percent-decoded straight into UTF-8 bytes (no intermediate
    /// strings: the JSON parser reads UTF-8). Null when absent or badly encoded.
    /// </summary>
    private static ReadOnlyMemory<byte>? FormField(ReadOnlySpan<byte> body, ReadOnlySpan<byte> name)
    {
        while (!body.IsEmpty)
        {
            var amp = body.IndexOf((byte)'&');
            var pair = amp < 0 ? body : body[..amp];
            body = amp < 0 ? default : body[(amp + 1)..];
            var eq = pair.IndexOf((byte)'=');
            if (eq >= 0 && pair[..eq].SequenceEqual(name))
            {
                return PercentDecode(pair[(eq + 1)..]);
            }
        }

        return null;
    }

    private static ReadOnlyMemory<byte>? PercentDecode(ReadOnlySpan<byte> encoded)
    {
        var decoded = new byte[encoded.Length];
        var length = 0;
        for (var i = 0; i < encoded.Length; i++)
        {
            var b = encoded[i];
            if (b == (byte)'+')
            {
                b = (byte)' ';
            }
            else if (b == (byte)'%')
            {
                if (i + 2 >= encoded.Length || Hex(encoded[i + 1]) is not { } high || Hex(encoded[i + 2]) is not { } low)
                {
                    return null;
                }

                b = (byte)((high << 4) | low);
                i += 2;
            }

            decoded[length++] = b;
        }

        return decoded.AsMemory(0, length);
    }

    private static int? Hex(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => null,
    };

    private static Dictionary<string, StringValues> ParseForm(ReadOnlyMemory<byte> body) =>
        QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body.Span));

    private static JsonDocument FieldsToJson(Dictionary<string, StringValues> fields)
    {
        var output = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(output))
        {
            writer.WriteStartObject();
            foreach (var (name, values) in fields)
            {
                // A field sent twice keeps its last value, as form binders do.
                writer.WriteString(name, values.Count == 0 ? string.Empty : values[^1]);
            }

            writer.WriteEndObject();
        }

        return JsonDocument.Parse(output.WrittenMemory);
    }
}
