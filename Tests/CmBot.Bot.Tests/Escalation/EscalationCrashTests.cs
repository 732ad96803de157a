using System.Globalization;
using CmBot.Bot.Tests.Infrastructure;
using CmBot.Core.Audit;
using Microsoft.Data.Sqlite;

namespace CmBot.Bot.Tests.Escalation;

/// <summary>
/// kill -9 at random moments: a real host process escalating several incidents is killed and restarted for several
/// rounds, staying down long enough for steps to come due meanwhile. Every step fires exactly once (fired rows,
/// audit events and thread notes in the chat), none is lost, and steps missed while down fire on restart.
/// </summary>
public sealed class EscalationCrashTests
{
    private const int Incidents = 3;
    private const int Steps = 5;

    [Fact]
    public async Task KillNine_RandomMomentsOverSeveralRounds_EveryStepFiresExactlyOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        var ladder = EscalationKit.WriteLadder(store.DataFolder, ["0s=channel:alerts", "2s=channel:alerts", "4s=channel:alerts", "6s=channel:alerts", "8s=channel:alerts"]);
        var environment = new Dictionary<string, string>
        {
            ["CmBot__DataFolder"] = store.DataFolder,
            ["CmBot__EscalationFile"] = ladder,
            ["Feeds__Replay__File"] = EscalationKit.WriteReplay(store.DataFolder, Incidents),
            ["Feeds__Replay__IntervalSeconds"] = "1",
            ["Scheduling__SchedulerName"] = "CmBotCrash", // the same scheduler across restarts, as in production
            ["Logging__LogLevel__Default"] = "Warning",
        };
        var database = $"Data Source={Path.Combine(store.DataFolder, "cmbot.db")};Pooling=False";
        var seed = Environment.TickCount;
        var random = new Random(seed);
        var log = new List<string> { $"seed {seed}" };

        // Round 1 runs until the incidents are open; then kill at a random moment, stay down a random while, restart.
        using (var first = RunningBot.Start(environment))
        {
            await Eventually.TrueAsync(() => CountAsync(database, "SELECT COUNT(*) FROM incidents", ct), n => n == Incidents, TimeSpan.FromSeconds(60), "the incidents to open\n" + first.Output, ct);
            await Task.Delay(random.Next(0, 1500), ct);
            first.KillNow();
            log.Add($"killed after {await CountAsync(database, "SELECT COUNT(*) FROM escalation_fired", ct)} fired");
        }

        for (var round = 2; round <= 4; round++)
        {
            await Task.Delay(random.Next(500, 3000), ct);
            using var bot = RunningBot.Start(environment);
            await Task.Delay(random.Next(3000, 7000), ct);
            bot.KillNow();
            log.Add($"round {round}: killed after {await CountAsync(database, "SELECT COUNT(*) FROM escalation_fired", ct)} fired");
        }

        using (var last = RunningBot.Start(environment))
        {
            await Eventually.TrueAsync(() => CountAsync(database, "SELECT COUNT(*) FROM escalation_fired", ct), n => n >= Incidents * Steps, TimeSpan.FromSeconds(60), "every step to fire (" + string.Join("; ", log) + ")\n" + last.Output, ct);
            await Eventually.TrueAsync(() => CountAsync(database, "SELECT COUNT(*) FROM outbox WHERE State IN ('Pending', 'Sending')", ct), n => n == 0, TimeSpan.FromSeconds(30), "the outbox to drain\n" + last.Output, ct);
            await Task.Delay(500, ct);
            last.KillNow();
        }

        var why = string.Join("; ", log);
        Assert.True(Incidents * Steps == await CountAsync(database, "SELECT COUNT(*) FROM escalation_fired", ct), why);
        Assert.Equal(Incidents * Steps, await CountAsync(database, "SELECT COUNT(DISTINCT IncidentId || ':' || Sequence) FROM escalation_fired WHERE Generation = 0", ct));
        Assert.Equal(Incidents * Steps, await CountAsync(database, $"SELECT COUNT(*) FROM audit_events WHERE Action = '{AuditActions.EscalationStepFired}'", ct));

        // In the chat: one note per step in each incident's thread, never two.
        var notes = await CountAsync(database, "SELECT COUNT(*) FROM sandbox_messages WHERE ThreadId IS NOT NULL AND CardJson LIKE '%Escalation%'", ct);
        Assert.True(Incidents * Steps == notes, $"{notes} escalation notes in the chat; {why}; outbox: {await DescribeOutboxAsync(database, ct)}");

        // Steps that came due while every process was down fired on restart, late.
        var late = await CountAsync(database, $"SELECT COUNT(*) FROM escalation_fired WHERE FiredAt - DueAt > {TimeSpan.FromSeconds(1).Ticks.ToString(CultureInfo.InvariantCulture)}", ct);
        Assert.True(late > 0, $"no step fired late; {why}");
    }

    private static async Task<string> DescribeOutboxAsync(string database, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(database);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT SubjectType, State, COUNT(*), MAX(LastError) FROM outbox GROUP BY SubjectType, State";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add($"{reader.GetString(0)}/{reader.GetString(1)}: {reader.GetInt32(2)} ({(reader.IsDBNull(3) ? "" : reader.GetString(3))})");
        }

        return string.Join(", ", rows);
    }

    private static async Task<long> CountAsync(string database, string sql, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new SqliteConnection(database);
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }
        catch (SqliteException)
        {
            // Not created yet, or locked for a moment by the host: read again.
            return -1;
        }
    }
}
