using System.Globalization;
using System.Text.Json;
using CmBot.Core.Mentions;
using CsvHelper;

namespace CmBot.Bot.Feeds.Sources;

/// <summary>
/// Replays a file of mentions in CmBot's own format (<see cref="MentionRecord"/>): JSON Lines (one object per
/// line) or CSV with a header row. The cursor is the number of records already read, so lines appended later
/// are picked up and a restart repeats nothing. A record that cannot be used is skipped with a logged reason.
/// </summary>
public sealed partial class FileSource(ConfiguredSource source, string path, TimeProvider time, ILogger<FileSource> logger) : IMentionSource
{
    public string Name => source.Name;

    public async Task<SourceFetch> FetchAsync(SourcePosition since, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(since);
        var done = int.TryParse(since.Cursor, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;
        var now = time.GetUtcNow();
        var items = new List<MentionInput>();
        var skipped = 0;
        var position = 0;
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 4096, useAsync: true);
        using var reader = new StreamReader(stream);
        IAsyncEnumerable<(int Line, Func<string, string?>? Field, string? Error)> records =
            path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? ReadCsv(reader, cancellationToken) : ReadJsonLines(reader, cancellationToken);
        await foreach (var (line, field, error) in records)
        {
            position++;
            if (position <= done)
            {
                continue;
            }

            if (items.Count >= source.Options.MaxItems)
            {
                position--;
                break;
            }

            MentionInput? mention = null;
            var reason = error ?? MentionRecord.TryRead(Name, field!, source.Options.Language, now, out mention);
            if (reason is not null)
            {
                LogSkipped(Name, path, line, reason);
                skipped++;
                continue;
            }

            items.Add(mention!);
        }

        return new SourceFetch(items, since with { Cursor = position.ToString(CultureInfo.InvariantCulture) }, Skipped: skipped);
    }

    private static async IAsyncEnumerable<(int, Func<string, string?>?, string?)> ReadJsonLines(
        StreamReader reader, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var line = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            JsonElement element;
            string? error = null;
            try
            {
                using var document = JsonDocument.Parse(text);
                element = document.RootElement.Clone();
            }
            catch (JsonException ex)
            {
                element = default;
                error = $"not valid JSON ({ex.Message})";
            }

            yield return error is null && element.ValueKind == JsonValueKind.Object
                ? (line, name => element.Str(name), null)
                : (line, null, error ?? "not a JSON object");
        }
    }

    private static async IAsyncEnumerable<(int, Func<string, string?>?, string?)> ReadCsv(
        StreamReader reader, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var settings = new CsvHelper.Configuration.CsvConfiguration(System.Globalization.CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = true,
            MissingFieldFound = null,
        };
        using var csv = new CsvReader(reader, settings, leaveOpen: true);
        if (!await csv.ReadAsync() || !csv.ReadHeader())
        {
            yield break;
        }

        while (await csv.ReadAsync())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var values = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var name in Columns)
            {
                values[name] = csv.HeaderRecord!.Contains(name, StringComparer.Ordinal) && csv.TryGetField<string>(name, out var value) && !string.IsNullOrEmpty(value) ? value : null;
            }

            yield return (csv.Parser.RawRow, name => values.GetValueOrDefault(name), null);
        }
    }

    private static readonly string[] Columns = ["id", "text", "url", "author", "reach", "lang", "published"];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Source {Source}: {Path} record at line {Line} skipped: {Reason}")]
    private partial void LogSkipped(string source, string path, int line, string reason);
}
