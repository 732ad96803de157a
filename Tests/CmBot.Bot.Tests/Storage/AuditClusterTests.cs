using CmBot.Bot.Audit;
using CmBot.Bot.Feeds;
using CmBot.Bot.Tests.Escalation;
using CmBot.Bot.Tests.Infrastructure;
using CmBot.Bot.Tests.Slack.Inbound;
using CmBot.Core.Audit;
using CmBot.Core.Chat;
using CmBot.Core.Mentions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CmBot.Bot.Tests.Storage;

/// <summary>
/// Two instances on one PostgreSQL database append to the audit chain at the same time from different writers: the
/// feed ingestor (each mention triaged, incidents opened and grown), chat actions (acknowledge, draft, refusals) and
/// the outbox sender (each alert posted). Their own write gates do not see each other; the chain's advisory lock
/// (<see cref="Bot.Storage.PostgresAuditChain"/>) must keep every sequence taken once: the chain verifies end to end
/// and no writer ever hits the table's key.
/// </summary>
public sealed class AuditClusterTests
{
    private const int MentionsPerInstance = 70;
    private const int ActionsPerInstance = 30;

    private static readonly string[] CalmTexts =
    [
        "Just unboxed the Lumio K2 kettle, the matte finish looks lovely on the counter",
        "Does anyone know if the Lumio toaster crumb tray goes in the dishwasher",
        "Lumio customer support answered my question about the warranty within an hour",
        "Comparing the Lumio blender with the old one from my parents, much quieter",
        "Nouvelle bouilloire Lumio reçue ce matin, le design est vraiment réussi",
        "La cafetière Lumio fait un café correct mais le réservoir est petit",
        "Thinking about buying the Lumio air fryer for the holidays, any reviews",
    ];

    [Fact]
    public async Task TwoInstances_IngestActionsAndSenderConcurrently_ChainVerifiesWithoutKeyConflicts()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Postgres, ct);
        KeyValuePair<string, string?>[] shared =
        [
            new("Feeds:Replay:Enabled", "false"),
            new("Scheduling:SchedulerName", "CmBotAuditCluster"),
        ];
        var firstLogs = new CapturedLogs();
        var secondLogs = new CapturedLogs();
        await using var first = new CmBotHost(store, shared, s => Capture(s, firstLogs));
        await first.QueryAsync(db => db.AuditEvents.CountAsync(ct));
        await using var second = new CmBotHost(store, shared, s => Capture(s, secondLogs));
        await second.QueryAsync(db => db.AuditEvents.CountAsync(ct));

        var statuses = new System.Collections.Concurrent.ConcurrentBag<int>();
        var conflicts = new System.Collections.Concurrent.ConcurrentBag<string>();
        var work = Task.WhenAll(
            IngestAsync(first, "a", conflicts, ct),
            IngestAsync(second, "b", conflicts, ct),
            ActAsync(first, "a", statuses, ct),
            ActAsync(second, "b", statuses, ct));
        await work.WaitAsync(TimeSpan.FromSeconds(30), ct);
        await Task.WhenAll(first.WaitForOutboxAsync(ct), second.WaitForOutboxAsync(ct));

        var chain = await first.QueryAsync(db => db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync(ct));
        var verdict = await first.QueryAsync(db => new AuditExporter(db).VerifyAsync(null, ct));
        Assert.True(verdict.Intact, verdict.Reason);
        Assert.Equal(chain.Count, verdict.Count);
        Assert.True(chain.Count >= 200, $"{chain.Count} audit events");

        // Every writer kind took part, from both instances.
        Assert.Equal(2 * MentionsPerInstance, chain.Count(e => e.Action == AuditActions.MentionTriaged));
        Assert.Contains(chain, e => e.Action == AuditActions.IncidentOpened);
        Assert.Contains(chain, e => e.Action == AuditActions.AlertSent);
        Assert.True(chain.Count(e => e.ActorId == "camille") >= ActionsPerInstance, $"{chain.Count(e => e.ActorId == "camille")} action events");
        Assert.Equal(2 * ActionsPerInstance, statuses.Count);
        Assert.All(statuses, s => Assert.True(s < 500, $"action answered {s}"));

        // No writer met the audit table's key on its way (nor needed the outbox's re-chain): the lock kept them apart.
        // Other refusals are the incident's optimistic concurrency (an escalation step fired by the other instance
        // while this one grew the incident): each writer's own retry handles them; they are only counted here.
        var logged = firstLogs.Entries.Concat(secondLogs.Entries).Where(e => Causes(e.Exception).Any(x => x is DbUpdateException)).ToList();
        // (A refused save names its constraint: PK_audit_events is the chain's.)
        var refusals = logged.Select(e => $"{e.Category}: {e.Message}: {string.Join(" / ", Causes(e.Exception).Select(c => c.Message))}").Concat(conflicts).ToList();
        TestContext.Current.TestOutputHelper?.WriteLine($"{chain.Count} audit events; other refused saves: {conflicts.Count} ingest retries, {logged.Count} logged.");
        foreach (var refusal in refusals)
        {
            TestContext.Current.TestOutputHelper?.WriteLine(refusal);
        }

        Assert.DoesNotContain(refusals, m => m.Contains("audit_events", StringComparison.OrdinalIgnoreCase));
    }

    private static void Capture(IServiceCollection services, CapturedLogs logs)
    {
        services.AddSingleton<ILoggerProvider>(logs);

        // The captured copy sees Information (retry notices of gated jobs), the console keeps the host's Warning.
        services.Configure<LoggerFilterOptions>(o => o.Rules.Add(new LoggerFilterRule(typeof(CapturedLogs).FullName, null, LogLevel.Information, null)));
    }

    private static IEnumerable<Exception> Causes(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }

    /// <summary>
    /// Mentions one at a time, as a feed poll delivers them; every seventh is a crisis that opens or grows an incident.
    /// Each instance has crises of its own (two risk categories each): this test is about the chain they share, not
    /// about two instances growing one incident at once (the incident's version and the outbox key refuse one of them,
    /// and the feed retries it).
    /// </summary>
    private static async Task IngestAsync(CmBotHost host, string instance, System.Collections.Concurrent.ConcurrentBag<string> conflicts, CancellationToken ct)
    {
        var ingestor = host.Services.GetRequiredService<MentionIngestor>();
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < MentionsPerInstance; i++)
        {
            var crisis = i % 7 == 0;
            var text = crisis
                ? $"{EscalationKit.CrisisTexts[(instance == "a" ? 0 : 2) + ((i / 7) % 2)]} (report {instance}{i})"
                : $"{CalmTexts[i % CalmTexts.Length]} #{instance}{i}";
            var input = new MentionInput("cluster-" + instance, $"m{i}", $"https://mastodon.example/@{instance}/{i}", $"@user{instance}{i}", crisis ? 5000 : 50, text, null, now.AddSeconds(-i));
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await ingestor.IngestAsync("cluster-" + instance, [new SourceItem(input, $"{instance}{i}")], ct);
                    break;
                }
                catch (DbUpdateException ex) when (attempt < 5)
                {
                    // What the feed poll does with a refused item: read it again (its cursor did not move). Recorded,
                    // so that the test can tell an incident-level conflict from an audit-chain one.
                    conflicts.Add($"{instance}{i}: {string.Join(" / ", Causes(ex).Select(c => c.Message))}");
                }
            }
        }
    }

    /// <summary>Clicks on the instance's incidents as they appear: acknowledge (later ones are refused, and recorded) and draft.</summary>
    private static async Task ActAsync(CmBotHost host, string instance, System.Collections.Concurrent.ConcurrentBag<int> statuses, CancellationToken ct)
    {
        for (var i = 0; i < ActionsPerInstance; i++)
        {
            var incidents = await host.QueryAsync(db => db.Mentions.AsNoTracking()
                .Where(m => m.Source == "cluster-" + instance && m.IncidentId != null)
                .Select(m => m.IncidentId!.Value)
                .Distinct()
                .OrderBy(id => id)
                .ToListAsync(ct));
            if (incidents.Count == 0)
            {
                await Task.Delay(50, ct);
                i--;
                continue;
            }

            var target = incidents[i % incidents.Count].ToString();
            var (status, _) = await host.ActAsync("camille", i % 2 == 0 ? ActionVerbs.Acknowledge : ActionVerbs.Draft, target);
            statuses.Add(status);
        }
    }
}
