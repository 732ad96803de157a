using System.Globalization;
using System.Text.Json;

namespace CmBot.Bot.Feeds.Sources;

/// <summary>Tolerant readers for API payloads: a missing or mistyped field reads as null, never throws.</summary>
internal static class JsonFields
{
    public static JsonDocument ParseBody(byte[] body, string what)
    {
        try
        {
            return JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            throw new SourceException($"{what} is not valid JSON ({ex.Message})", ex);
        }
    }

    public static JsonElement? Get(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public static string? Str(this JsonElement element, string name) => element.Get(name) switch
    {
        { ValueKind: JsonValueKind.String } v => v.GetString(),
        { ValueKind: JsonValueKind.Number } v => v.GetRawText(),
        _ => null,
    };

    public static long? Long(this JsonElement element, string name) => element.Get(name) switch
    {
        { ValueKind: JsonValueKind.Number } v when v.TryGetInt64(out var l) => l,
        { ValueKind: JsonValueKind.Number } v when v.TryGetDouble(out var d) => (long)d,
        { ValueKind: JsonValueKind.String } v when long.TryParse(v.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) => l,
        _ => null,
    };

    public static DateTimeOffset? Date(this JsonElement element, string name) =>
        element.Str(name) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? date.ToUniversalTime()
            : null;

    public static IEnumerable<JsonElement> Array(this JsonElement? element) =>
        element is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];

    /// <summary>Orders numeric ids held as strings (snowflakes exceed 2^53): shorter is smaller, then ordinal.</summary>
    public static int CompareIds(string? a, string? b) =>
        a is null ? (b is null ? 0 : -1) : b is null ? 1 : a.Length != b.Length ? a.Length.CompareTo(b.Length) : string.CompareOrdinal(a, b);

    /// <summary>X/Twitter snowflake epoch (2010-11-04T01:42:54.657Z): an id's top 41 bits are milliseconds since then.</summary>
    private const long SnowflakeEpochMs = 1288834974657;

    /// <summary>The creation time carried by an X/Twitter snowflake id, or null when the id is not one.</summary>
    public static DateTimeOffset? SnowflakeTime(string? id) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && (value >> 22) > 0
            ? DateTimeOffset.FromUnixTimeMilliseconds((value >> 22) + SnowflakeEpochMs)
            : null;

    public static int Reach(long? value) => value is null ? 0 : (int)Math.Clamp(value.Value, 0, int.MaxValue);

    public static string? LanguageOr(string? reported, string? configured) =>
        reported is { Length: >= 2 } && reported[..2].ToLowerInvariant() is "fr" or "en" ? reported[..2].ToLowerInvariant() : configured is { Length: > 0 } ? configured : null;

    public static string Cut(string text) => text.Length > Rss.FeedDocument.MaxTextLength ? text[..Rss.FeedDocument.MaxTextLength] : text;
}
