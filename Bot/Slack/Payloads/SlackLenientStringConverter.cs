using System.Text.Json;
using System.Text.Json.Serialization;

namespace CmBot.Bot.Slack.Payloads;

/// <summary>
/// Reads every typed string field of an inbound Slack payload without ever failing on the value's shape. Slack reuses
/// field names with other types depending on the event: <c>user</c> is an id in <c>message</c> but a whole user object
/// in <c>user_change</c> and <c>team_join</c>; <c>channel</c> is an id in <c>member_joined_channel</c> but an object in
/// <c>channel_created</c> and <c>channel_rename</c>. An object gives its <c>id</c> (null when it has none), a number or
/// boolean its JSON text, an array null — so a genuine payload is never refused as malformed for a field CmBot only
/// routes on. The payload itself is stored verbatim, so nothing is lost.
/// </summary>
public sealed class SlackLenientStringConverter : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number:
                return System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan);
            case JsonTokenType.True or JsonTokenType.False:
                return reader.GetBoolean() ? "true" : "false";
            case JsonTokenType.StartObject:
                return IdOf(ref reader);
            default:
                reader.Skip();
                return null;
        }
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }

    // Dictionary keys (view state block ids, action ids) are always strings: read and written as they are.
    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetString()!;

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePropertyName(value);
    }

    /// <summary>The object's top-level string <c>id</c>, reading the object to its end.</summary>
    private static string? IdOf(ref Utf8JsonReader reader)
    {
        string? id = null;
        var depth = reader.CurrentDepth;
        while (reader.Read() && !(reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth))
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == depth + 1)
            {
                var isId = reader.ValueTextEquals("id"u8);
                reader.Read();
                if (isId && reader.TokenType == JsonTokenType.String)
                {
                    id = reader.GetString();
                }
                else
                {
                    reader.Skip();
                }
            }
        }

        return id;
    }
}
