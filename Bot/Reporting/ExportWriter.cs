using System.Globalization;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;

namespace CmBot.Bot.Reporting;

/// <summary>
/// Writes exports as CSV (RFC 4180, invariant culture, ISO 8601 instants) and JSON (web defaults), and reads the
/// CSV back: what goes out can be loaded again without loss.
/// </summary>
public static class ExportWriter
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private static readonly CsvConfiguration Csv = new(CultureInfo.InvariantCulture);

    public static async Task WriteCsvAsync<T>(Stream stream, IEnumerable<T> rows, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(stream, leaveOpen: true);
        await using var csv = new CsvWriter(writer, Csv);
        IsoInstants(csv.Context);
        await csv.WriteRecordsAsync(rows, cancellationToken);
    }

    public static async Task<List<T>> ReadCsvAsync<T>(Stream stream, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream, leaveOpen: true);
        using var csv = new CsvReader(reader, Csv);
        IsoInstants(csv.Context);
        var rows = new List<T>();
        await foreach (var row in csv.GetRecordsAsync<T>(cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Writes mentions, incidents and decisions as CSV and JSON files in the folder; returns the paths.</summary>
    public static async Task<IReadOnlyList<string>> WriteAllAsync(string folder, ExportSet set, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(set);
        Directory.CreateDirectory(folder);
        var written = new List<string>();
        written.AddRange(await WriteBothAsync(folder, "mentions", set.Mentions, cancellationToken));
        written.AddRange(await WriteBothAsync(folder, "incidents", set.Incidents, cancellationToken));
        written.AddRange(await WriteBothAsync(folder, "decisions", set.Decisions, cancellationToken));
        return written;
    }

    private static async Task<string[]> WriteBothAsync<T>(string folder, string name, IReadOnlyList<T> rows, CancellationToken cancellationToken)
    {
        var csvPath = Path.Combine(folder, name + ".csv");
        await using (var file = File.Create(csvPath))
        {
            await WriteCsvAsync(file, rows, cancellationToken);
        }

        var jsonPath = Path.Combine(folder, name + ".json");
        await using (var file = File.Create(jsonPath))
        {
            await JsonSerializer.SerializeAsync(file, rows, Json, cancellationToken);
        }

        return [csvPath, jsonPath];
    }

    private static void IsoInstants(CsvContext context)
    {
        var options = context.TypeConverterOptionsCache.GetOptions<DateTimeOffset>();
        options.Formats = ["o"];
        options.DateTimeStyle = DateTimeStyles.RoundtripKind;
        context.TypeConverterOptionsCache.AddOptions<DateTimeOffset?>(options);
    }
}
