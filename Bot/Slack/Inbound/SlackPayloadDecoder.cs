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
    public const string PayloadField = "payload";

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
                    return ParseForm(body).TryGetValue(PayloadField, out var payload) && payload.Count == 1 && !string.IsNullOrEmpty(payload[0])
                        ? JsonDocument.Parse(payload[0]!)
                        : null;
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
