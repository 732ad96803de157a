using System.CommandLine;
using CmBot.Bot.Hosting;
using CmBot.Bot.Reporting;
using CmBot.Bot.Storage;
using CmBot.Core.Chat.Commands;
using CmBot.Core.Reporting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CmBot.Bot.Cli;

/// <summary>
/// `report --period 30d --out &lt;dir&gt; [--format md|html]`: writes the digest of the period ending now, its PNG
/// charts and the CSV/JSON exports (mentions, incidents, decisions) from the configured database. Read-only: it
/// never creates, migrates or writes the database, and starts no job.
/// </summary>
public static class ReportCommand
{
    public static Command Create()
    {
        var period = new Option<string>("--period") { Description = "How far back from now: 24h, 7d, 30d, 4w...", DefaultValueFactory = _ => "7d" };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder to write the digest, charts and exports into.", Required = true };
        var format = new Option<string>("--format") { Description = "Digest format: md or html.", DefaultValueFactory = _ => "md" };
        format.AcceptOnlyFromAmong("md", "html");
        var command = new Command("report", "Write the digest, its charts and the CSV/JSON exports for a period.")
        {
            period,
            output,
            format,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!CommandDuration.TryParse(parse.GetValue(period), out var length))
            {
                await Console.Error.WriteLineAsync($"--period must be a duration like 24h, 7d or 30d, not '{parse.GetValue(period)}'.");
                return 2;
            }

            try
            {
                await using var app = CmBotApp.Build([.. parse.UnmatchedTokens]);
                ConfigurationCheck.Validate(app.Services);
                var folder = parse.GetValue(output)!.FullName;
                var written = await WriteAsync(app.Services, length, folder, parse.GetValue(format) ?? "md", cancellationToken);
                foreach (var path in written)
                {
                    await Console.Out.WriteLineAsync(path);
                }

                return 0;
            }
            catch (Exception ex) when (ConfigurationErrors.Describe(ex) is { } message)
            {
                await Console.Error.WriteLineAsync($"CmBot configuration is invalid: {message}");
                return 2;
            }
            catch (DatabaseMissingException ex)
            {
                await Console.Error.WriteLineAsync(ex.Message);
                return 3;
            }
        });
        return command;
    }

    public static async Task<IReadOnlyList<string>> WriteAsync(IServiceProvider services, TimeSpan length, string folder, string format, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        await using var scope = services.CreateAsyncScope();
        await CliDatabase.OpenExistingAsync(scope.ServiceProvider, cancellationToken);
        var report = await scope.ServiceProvider.GetRequiredService<ReportService>().BuildAsync(length, cancellationToken);
        Directory.CreateDirectory(folder);
        var written = new List<string>();
        var digest = Path.Combine(folder, format == "html" ? "digest.html" : "digest.md");
        await File.WriteAllTextAsync(digest, format == "html" ? DigestDocument.Html(report) : DigestDocument.Markdown(report), cancellationToken);
        written.Add(digest);
        foreach (var chart in report.Charts)
        {
            var path = Path.Combine(folder, chart.FileName);
            await File.WriteAllBytesAsync(path, chart.Png, cancellationToken);
            written.Add(path);
        }

        var exports = await scope.ServiceProvider.GetRequiredService<ExportQuery>().ReadAsync(report.Kpis.Period, cancellationToken);
        written.AddRange(await ExportWriter.WriteAllAsync(folder, exports, cancellationToken));
        var kpis = Path.Combine(folder, "kpis.json");
        await File.WriteAllTextAsync(kpis, System.Text.Json.JsonSerializer.Serialize(report.Kpis, ExportWriter.Json), cancellationToken);
        written.Add(kpis);
        return written;
    }
}

