using System.CommandLine;
using CmBot.Bot.Audit;
using CmBot.Bot.Hosting;
using CmBot.Core.Audit;
using CmBot.Core.Chat.Commands;

namespace CmBot.Bot.Cli;

/// <summary>
/// `audit verify [--expect-head N:hash]`: checks the whole hash chain of the configured database and prints its
/// head (keep it: a later `--expect-head` detects events cut off the end); exits 1 when the log was tampered with.
/// `audit export (--incident N | --period 30d | --from/--to) [--format json|csv] [--out file]`: legal-hold export.
/// </summary>
public static class AuditCommand
{
    public static Command Create()
    {
        var audit = new Command("audit", "Verify or export the tamper-evident audit log.");
        audit.Subcommands.Add(Verify());
        audit.Subcommands.Add(Export());
        return audit;
    }

    private static Command Verify()
    {
        var expectHead = new Option<string?>("--expect-head") { Description = "A head printed by an earlier verification (sequence:sha256); detects events cut off the end." };
        var command = new Command("verify", "Check that no audit event was altered, removed or reordered.") { TreatUnmatchedTokensAsErrors = false };
        command.Options.Add(expectHead);
        command.SetAction(async (parse, cancellationToken) =>
        {
            AuditHead? head = null;
            if (parse.GetValue(expectHead) is { } text && !AuditHead.TryParse(text, out head))
            {
                await Console.Error.WriteLineAsync($"--expect-head must look like 1234:<64 hex digits>, not '{text}'.");
                return 2;
            }

            return await WithDatabaseAsync(parse, async (exporter, _) =>
            {
                var verdict = await exporter.VerifyAsync(head, cancellationToken);
                if (verdict.Intact)
                {
                    await Console.Out.WriteLineAsync($"Audit log intact: {verdict.Reason}. Head {verdict.Head?.ToString() ?? "(empty)"}");
                    return 0;
                }

                await Console.Out.WriteLineAsync($"AUDIT LOG TAMPERED at event {verdict.BrokenAt}: {verdict.Reason}. {verdict.Count} events verified before it.");
                return 1;
            }, cancellationToken);
        });
        return command;
    }

    private static Command Export()
    {
        var incident = new Option<int?>("--incident") { Description = "Everything about incident #N: the incident, its mentions, drafts and approvals." };
        var period = new Option<string?>("--period") { Description = "The last N days or hours, e.g. 30d, 12h." };
        var from = new Option<DateTimeOffset?>("--from") { Description = "Start (inclusive), ISO 8601." };
        var to = new Option<DateTimeOffset?>("--to") { Description = "End (exclusive), ISO 8601." };
        var format = new Option<string>("--format") { Description = "json or csv.", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong("json", "csv");
        var output = new Option<FileInfo?>("--out") { Description = "File to write; standard output when absent." };
        var command = new Command("export", "Export audit events for legal hold (JSON or CSV).") { TreatUnmatchedTokensAsErrors = false };
        foreach (var option in new Option[] { incident, period, from, to, format, output })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            TimeSpan? length = null;
            if (parse.GetValue(period) is { } span)
            {
                if (!CommandDuration.TryParse(span, out var parsed))
                {
                    await Console.Error.WriteLineAsync($"--period must be a duration such as 30d or 12h, not '{span}'.");
                    return 2;
                }

                length = parsed;
            }

            return await WithDatabaseAsync(parse, async (exporter, time) =>
            {
                var since = length is { } back ? time.GetUtcNow() - back : parse.GetValue(from);
                var selection = new AuditSelection(parse.GetValue(incident), since, parse.GetValue(to));
                IReadOnlyList<AuditEvent> events;
                try
                {
                    events = await exporter.SelectAsync(selection, cancellationToken);
                }
                catch (ArgumentException ex)
                {
                    await Console.Error.WriteLineAsync(ex.Message);
                    return 2;
                }

                var file = parse.GetValue(output);
                await using var stream = file is null ? Console.OpenStandardOutput() : file.Create();
                if (parse.GetValue(format) == "csv")
                {
                    await using var writer = new StreamWriter(stream, leaveOpen: true);
                    await AuditExporter.WriteCsvAsync(events, writer, cancellationToken);
                }
                else
                {
                    await AuditExporter.WriteJsonAsync(events, stream, cancellationToken);
                }

                if (file is not null)
                {
                    await Console.Out.WriteLineAsync($"Wrote {events.Count} audit events to {file.FullName}.");
                }

                return 0;
            }, cancellationToken);
        });
        return command;
    }

    private static async Task<int> WithDatabaseAsync(ParseResult parse, Func<AuditExporter, TimeProvider, Task<int>> work, CancellationToken cancellationToken)
    {
        try
        {
            await using var app = CmBotApp.Build([.. parse.UnmatchedTokens]);
            await using var scope = app.Services.CreateAsyncScope();
            var db = await CliDatabase.OpenExistingAsync(scope.ServiceProvider, cancellationToken);
            return await work(new AuditExporter(db), app.Services.GetRequiredService<TimeProvider>());
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
    }
}
