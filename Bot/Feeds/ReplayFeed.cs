using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using CmBot.Core.Mentions;

namespace CmBot.Bot.Feeds;

/// <summary>
/// Reads a replay file: one JSON mention per line with its minute offset in the replayed day. The day is
/// anchored so that its last minute is the first time the file is read; the anchor and the number of lines
/// read form the cursor, so a restart continues where it stopped.
/// </summary>
public sealed partial class ReplayFeed(ILogger<ReplayFeed> logger)
{
    public const string SourceName = "replay";

    public IReadOnlyList<SourceItem> ReadNew(string path, string? cursor, DateTimeOffset now)
    {
        var (linesRead, anchor) = ParseCursor(cursor);
        var lines = File.ReadAllLines(path);
        if (anchor is null)
        {
            var lastOffset = lines.Select(TryParse).Where(l => l is not null).Select(l => l!.OffsetMinutes).DefaultIfEmpty(0).Max();
            anchor = now - TimeSpan.FromMinutes(lastOffset + 1);
        }

        var items = new List<SourceItem>();
        for (var i = linesRead; i < lines.Length; i++)
        {
            var cursorAfter = FormatCursor(i + 1, anchor.Value);
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            var line = TryParse(lines[i]);
            if (line is null || string.IsNullOrWhiteSpace(line.Id) || string.IsNullOrWhiteSpace(line.Text))
            {
                LogSkipped(path, i + 1);
                continue;
            }

            var published = anchor.Value + TimeSpan.FromMinutes(line.OffsetMinutes);
            if (published > now)
            {
                break;
            }

            items.Add(new SourceItem(
                new MentionInput(line.Source ?? SourceName, line.Id, line.Url, line.Author ?? "?", line.Reach, line.Text, line.Lang, published),
                cursorAfter));
        }

        return items;
    }

    internal static (int LinesRead, DateTimeOffset? Anchor) ParseCursor(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return (0, null);
        }

        var parts = cursor.Split(';');
        return parts.Length == 2
               && int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var lines)
               && long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var ticks)
            ? (lines, new DateTimeOffset(ticks, TimeSpan.Zero))
            : (0, null);
    }

    internal static string FormatCursor(int linesRead, DateTimeOffset anchor) =>
        string.Create(CultureInfo.InvariantCulture, $"{linesRead};{anchor.UtcTicks}");

    private static ReplayLine? TryParse(string line)
    {
        try
        {
            return JsonSerializer.Deserialize<ReplayLine>(line, JsonOptions);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replay file {Path} line {Line} is not a valid mention (needs id and text); skipped")]
    private partial void LogSkipped(string path, int line);

    private sealed record ReplayLine(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("source")] string? Source,
        [property: JsonPropertyName("url")] string? Url,
        [property: JsonPropertyName("author")] string? Author,
        [property: JsonPropertyName("reach")] int Reach,
        [property: JsonPropertyName("lang")] string? Lang,
        [property: JsonPropertyName("text")] string Text,
        [property: JsonPropertyName("offsetMinutes")] double OffsetMinutes);
}
