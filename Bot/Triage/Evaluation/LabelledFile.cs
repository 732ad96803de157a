using System.Globalization;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;

namespace CmBot.Bot.Triage.Evaluation;

/// <summary>One labelled text: the gold label and, when the file has it, the language.</summary>
public sealed record LabelledText(string Text, string Label, string? Language, int Line);

/// <summary>
/// Reads a labelled evaluation file: CSV with a header holding `text` and `label` (optional `lang`), or JSON
/// Lines with the same fields (chosen by the `.jsonl`/`.json` extension). A malformed record stops the read
/// with its line number; nothing is skipped silently.
/// </summary>
public static class LabelledFile
{
    public static IReadOnlyList<LabelledText> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: file not found.", path);
        }

        var extension = Path.GetExtension(path);
        return extension.Equals(".jsonl", StringComparison.OrdinalIgnoreCase) || extension.Equals(".json", StringComparison.OrdinalIgnoreCase)
            ? ReadJsonLines(path)
            : ReadCsv(path);
    }

    private static List<LabelledText> ReadCsv(string path)
    {
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            PrepareHeaderForMatch = args => args.Header.Trim().ToLowerInvariant(),
            DetectDelimiter = true,
        };
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, configuration);
        if (!csv.Read() || !csv.ReadHeader())
        {
            throw new FormatException($"{path}: empty file, expected a header with 'text' and 'label'.");
        }

        var header = csv.HeaderRecord ?? [];
        var columns = header.Select(h => h.Trim().ToLowerInvariant()).ToList();
        var text = columns.IndexOf("text");
        var label = columns.IndexOf("label");
        var lang = columns.IndexOf("lang");
        if (text < 0 || label < 0)
        {
            throw new FormatException($"{path}:1: the header must name 'text' and 'label' columns (found: {string.Join(", ", header)}).");
        }

        var rows = new List<LabelledText>();
        while (csv.Read())
        {
            var line = csv.Parser.RawRow;
            var value = csv.GetField(text);
            var gold = csv.GetField(label);
            if (value is null || string.IsNullOrWhiteSpace(gold))
            {
                throw new FormatException($"{path}:{line}: missing 'text' or 'label'.");
            }

            rows.Add(new LabelledText(value, gold.Trim(), lang >= 0 ? NullIfEmpty(csv.GetField(lang)) : null, line));
        }

        return rows;
    }

    private static List<LabelledText> ReadJsonLines(string path)
    {
        var rows = new List<LabelledText>();
        var line = 0;
        foreach (var raw in File.ReadLines(path))
        {
            line++;
            if (string.IsNullOrWhiteSpace(raw))
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(raw);
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object
                    || !root.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String
                    || !root.TryGetProperty("label", out var label) || label.ValueKind != JsonValueKind.String)
                {
                    throw new FormatException($"{path}:{line}: expected an object with string 'text' and 'label'.");
                }

                var lang = root.TryGetProperty("lang", out var l) && l.ValueKind == JsonValueKind.String ? NullIfEmpty(l.GetString()) : null;
                rows.Add(new LabelledText(text.GetString()!, label.GetString()!.Trim(), lang, line));
            }
            catch (JsonException ex)
            {
                throw new FormatException($"{path}:{line}: not valid JSON ({ex.Message}).", ex);
            }
        }

        return rows;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim().ToLowerInvariant();
}
