using System.Globalization;
using System.Text.Json;
using CmBot.Core.Mentions;

namespace CmBot.Bot.Feeds.Sources;

/// <summary>
/// CmBot's own mention format, used by the webhook and by file replay (JSONL objects or CSV columns):
/// <c>id</c> and <c>text</c> required; <c>url</c>, <c>author</c>, <c>reach</c>, <c>lang</c>, <c>published</c> (ISO 8601) optional.
/// </summary>
public static class MentionRecord
{
    public const int MaxIdLength = 256;

    /// <summary>Reads one record; returns the reason when it cannot be used.</summary>
    public static string? TryRead(string source, Func<string, string?> field, string? language, DateTimeOffset now, out MentionInput? mention)
    {
        ArgumentNullException.ThrowIfNull(field);
        mention = null;
        var id = field("id")?.Trim();
        var text = HtmlText.ToPlainText(field("text"));
        if (string.IsNullOrEmpty(id))
        {
            return "'id' is missing";
        }

        if (id.Length > MaxIdLength)
        {
            return $"'id' is longer than {MaxIdLength} characters";
        }

        if (text.Length == 0)
        {
            return $"'{id}': 'text' is missing";
        }

        var published = now;
        if (field("published") is { Length: > 0 } date)
        {
            if (!DateTimeOffset.TryParse(date, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out published))
            {
                return $"'{id}': 'published' is not an ISO 8601 date ('{date}')";
            }
        }

        var reach = 0;
        if (field("reach") is { Length: > 0 } reachText && !int.TryParse(reachText, NumberStyles.Integer, CultureInfo.InvariantCulture, out reach))
        {
            return $"'{id}': 'reach' is not a whole number ('{reachText}')";
        }

        mention = new MentionInput(
            source, id, field("url"), field("author") is { Length: > 0 } author ? author : "?", Math.Max(0, reach),
            JsonFields.Cut(text), JsonFields.LanguageOr(field("lang"), language), published.ToUniversalTime());
        return null;
    }

    /// <summary>Reads a JSON object as a record (numbers and strings both accepted for scalar fields).</summary>
    public static string? TryRead(string source, JsonElement element, string? language, DateTimeOffset now, out MentionInput? mention)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            mention = null;
            return $"expected a JSON object, found {element.ValueKind}";
        }

        return TryRead(source, name => element.Str(name), language, now, out mention);
    }
}
