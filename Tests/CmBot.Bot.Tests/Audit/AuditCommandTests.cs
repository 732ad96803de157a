using System.Text.Json;
using CmBot.Bot.Tests.Infrastructure;
using CmBot.Core.Audit;
using CmBot.Core.Chat;
using CsvHelper;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CmBot.Bot.Tests.Audit;

/// <summary>
/// `audit verify` and `audit export` on a real database written by the host: any altered, deleted, reordered or
/// truncated row is detected; exports round-trip.
/// </summary>
public sealed class AuditCommandTests
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    /// <summary>A database with the sample crisis acknowledged and a draft started, then the host stopped.</summary>
    private static async Task<(TestStore Store, List<AuditEvent> Events, int IncidentNumber)> RecordedAsync()
    {
        var store = await TestStore.CreateAsync(TestStore.Sqlite, Ct);
        await using (var host = new CmBotHost(store))
        {
            await host.WaitForReplayAsync(Ct);
            var incident = await host.QueryAsync(db => db.Incidents.SingleAsync(Ct));
            Assert.Equal(200, (await host.ActAsync("camille", ActionVerbs.Acknowledge, incident.Id.ToString())).Status);
            Assert.Equal(200, (await host.ActAsync("camille", ActionVerbs.Draft, incident.Id.ToString())).Status);
            await host.WaitForOutboxAsync(Ct);
            var events = await host.QueryAsync(db => db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync(Ct));
            SqliteConnection.ClearAllPools();
            return (store, events, incident.Number);
        }
    }

    private static Task<BotProcess.Result> RunAsync(TestStore store, params string[] args) =>
        BotProcess.RunUntilExitAsync(
            new Dictionary<string, string> { ["CmBot__DataFolder"] = store.DataFolder },
            TimeSpan.FromSeconds(90),
            args,
            Ct);

    private static async Task ExecuteAsync(TestStore store, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(store.DataFolder, "cmbot.db")};Pooling=False");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        Assert.True(await command.ExecuteNonQueryAsync(Ct) > 0, sql);
    }

    [Fact]
    public async Task Verify_UntouchedLog_ExitsZeroAndPrintsTheHead()
    {
        var (store, events, _) = await RecordedAsync();
        using var _ = store;

        var result = await RunAsync(store, "audit", "verify");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"Head {events[^1].Sequence}:{events[^1].Hash}", result.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("UPDATE audit_events SET \"Details\" = '{\"note\":\"edited\"}' WHERE \"Sequence\" = 7", 7, "altered")]
    [InlineData("UPDATE audit_events SET \"ActorId\" = 'mallory' WHERE \"Sequence\" = 3", 3, "altered")]
    [InlineData("DELETE FROM audit_events WHERE \"Sequence\" = 5", 6, "missing")]
    public async Task Verify_TamperedRow_ExitsOneAndLocatesIt(string sql, int brokenAt, string reason)
    {
        var (store, _, _) = await RecordedAsync();
        using var _ = store;
        await ExecuteAsync(store, sql);

        var result = await RunAsync(store, "audit", "verify");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"AUDIT LOG TAMPERED at event {brokenAt}", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains(reason, result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_RowsReordered_ExitsOne()
    {
        var (store, _, _) = await RecordedAsync();
        using var _ = store;

        // Swap the contents of events 4 and 5 while keeping their sequence numbers.
        await ExecuteAsync(store, """
            UPDATE audit_events SET "Sequence" = -4 WHERE "Sequence" = 4;
            UPDATE audit_events SET "Sequence" = 4 WHERE "Sequence" = 5;
            UPDATE audit_events SET "Sequence" = 5 WHERE "Sequence" = -4;
            """);

        var result = await RunAsync(store, "audit", "verify");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("AUDIT LOG TAMPERED at event 4", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_TailDeleted_DetectedWithTheEarlierHead()
    {
        var (store, events, _) = await RecordedAsync();
        using var _ = store;
        var head = $"{events[^1].Sequence}:{events[^1].Hash}";
        await ExecuteAsync(store, $"DELETE FROM audit_events WHERE \"Sequence\" >= {events[^1].Sequence - 1}");

        var result = await RunAsync(store, "audit", "verify", "--expect-head", head);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("cut off the end", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_IncidentAsCsv_RoundTripsToTheStoredRows()
    {
        var (store, events, number) = await RecordedAsync();
        using var _ = store;
        var file = Path.Combine(store.DataFolder, "incident.csv");

        var result = await RunAsync(store, "audit", "export", "--incident", number.ToString(System.Globalization.CultureInfo.InvariantCulture), "--format", "csv", "--out", file);

        Assert.Equal(0, result.ExitCode);
        using var reader = new CsvReader(File.OpenText(file), System.Globalization.CultureInfo.InvariantCulture);
        var rows = reader.GetRecords<CmBot.Bot.Audit.AuditRow>().ToList();
        Assert.Contains(rows, r => r.Action == AuditActions.IncidentAcknowledged && r.ActorId == "camille");
        Assert.Contains(rows, r => r.Action == AuditActions.DraftCreated);
        Assert.Contains(rows, r => r.Action == AuditActions.MentionTriaged);
        foreach (var row in rows)
        {
            var stored = events.Single(e => e.Sequence == row.Sequence);
            Assert.Equal((stored.ActorId, stored.Action, stored.SubjectId, stored.Details, stored.PreviousHash, stored.Hash), (row.ActorId, row.Action, row.SubjectId, row.Details, row.PreviousHash, row.Hash));
            Assert.Equal(stored.At, DateTimeOffset.Parse(row.At, System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public async Task Export_PeriodAsJson_ContainsEveryEventOfThePeriod()
    {
        var (store, events, _) = await RecordedAsync();
        using var _ = store;

        var result = await RunAsync(store, "audit", "export", "--from", "2000-01-01T00:00:00Z");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.StandardOutput);
        Assert.Equal(events.Select(e => e.Sequence), json.RootElement.EnumerateArray().Select(e => e.GetProperty("sequence").GetInt64()));
    }

    [Fact]
    public async Task Audit_NoDatabase_SaysWhereItLooked()
    {
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, Ct);

        var result = await RunAsync(store, "audit", "verify");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("There is no CmBot database at", result.StandardError, StringComparison.Ordinal);
    }
}
