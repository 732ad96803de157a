using CmBot.Bot.Chat;
using CmBot.Bot.Escalation;
using CmBot.Bot.Storage;
using CmBot.Core.Audit;
using CmBot.Core.Incidents;
using CmBot.Core.Mentions;
using CmBot.Core.Triage;
using CmBot.Bot.Routing.Repeats;
using CmBot.Core.Triage.Spikes;
using Microsoft.EntityFrameworkCore;

namespace CmBot.Bot.Feeds;

/// <summary>A mention read from a source, with the cursor value that marks it as read.</summary>
public sealed record SourceItem(MentionInput Mention, string? CursorAfter);

/// <summary>
/// Listen -> Triage -> Route for one source's new items: each mention is triaged, stored with the source's
/// cursor in the same transaction (so a restart neither loses nor repeats it), grouped into an incident when
/// it matters, and the incident's card is queued.
/// </summary>
public sealed partial class MentionIngestor(
    IServiceScopeFactory scopes,
    Triager triager,
    IReadOnlyList<Topic> topics,
    WriteGate gate,
    OutboxHandoff handoff,
    TimeProvider time,
    Hosting.CmBotMetrics metrics,
    NearDuplicates nearDuplicates,
    DuplicateIndex duplicates,
    SpikeDetector spikes,
    Triage.Spikes.SpikeBaselineStore baselines,
    ILogger<MentionIngestor> logger)
{
    /// <summary>Returns how many new mentions were stored.</summary>
    public async Task<int> IngestAsync(string source, IReadOnlyList<SourceItem> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        var stored = 0;
        foreach (var item in items)
        {
            await using var scope = scopes.CreateAsyncScope();
            var afterCommit = scope.ServiceProvider.GetRequiredService<AfterCommit>();
            afterCommit.Begin();
            using (await gate.EnterAsync(cancellationToken))
            {
                if (await IngestOneAsync(scope, source, item, cancellationToken))
                {
                    stored++;
                }
            }

            // The alert is committed and its sender started (OutboxHandoff): plan the incident's later wake-ups (their
            // triggers are transactions of their own and need not delay the alert nor hold the write gate).
            await afterCommit.RunAsync(CancellationToken.None);
        }

        return stored;
    }

    private async Task<bool> IngestOneAsync(AsyncServiceScope scope, string source, SourceItem item, CancellationToken cancellationToken)
    {
        var db = scope.ServiceProvider.GetRequiredService<CmBotDbContext>();
        var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
        var cards = scope.ServiceProvider.GetRequiredService<CardPublisher>();

        // One connection for the unit of work's dozen statements, not one open and close of a pooled connection each.
        await db.Database.OpenConnectionAsync(cancellationToken);

        // The source's cursor moves in the same transaction as the mention (a restart neither loses nor repeats it), in
        // one statement that needs no read of the row first.
        var cursorAt = time.GetUtcNow();
        Task MoveCursorAsync(CmBotDbContext context, CancellationToken ct) => SourceCursorUpsert.ReadUpToAsync(context, source, item.CursorAfter, cursorAt, ct);

        var input = item.Mention;
        var seen = await MentionProbe.ReadAsync(db, input, cancellationToken);
        if (seen.Known)
        {
            await MoveCursorAsync(db, cancellationToken);
            return false;
        }

        var triage = triager.Assess(input);
        var now = time.GetUtcNow();

        // A wave about one topic (copies included) is a signal of its own: its weight carries this mention's verdict up
        // (to P1 with the shipped severity.yaml). The learned baseline is saved now and then, not once per mention.
        if (triage.TopicKey is { } topicKey)
        {
            await baselines.EnsureLoadedAsync(db, cancellationToken);
            if (spikes.Observe(topicKey, input.PublishedAt < now ? input.PublishedAt : now) is { } spike)
            {
                triage = triager.Grader.Raise(triage, spike);
                LogSpike(topicKey, spike.Count, spike.Usual, input.Source, input.ExternalId);
            }

            await baselines.StageIfDueAsync(db, now, cancellationToken);
        }

        var mention = Mention.Create(Guid.NewGuid(), input, triage.Language, triage, time.GetUtcNow());
        db.Mentions.Add(mention);
        await audit.AppendAsync(
            "cmbot", AuditActions.MentionTriaged, Subjects.Mention, mention.Id.ToString(),
            new { input.Source, input.ExternalId, severity = triage.Severity.ToString(), triage.Reason, sentiment = Math.Round(triage.Sentiment, 3) },
            cancellationToken);

        if (await FindOriginalAsync(db, mention, seen.SameUrl, cancellationToken) is { } original)
        {
            // A copy (same article, retweet, syndication, quote chain) counts on the first mention and in its
            // incident, if it has one, instead of being routed as news of its own: no new alert.
            mention.MarkDuplicateOf(original);
            await audit.AppendAsync(
                "cmbot", AuditActions.MentionDuplicate, Subjects.Mention, mention.Id.ToString(),
                new { input.Source, input.ExternalId, duplicateOf = original.Id, copies = original.DuplicateCount },
                cancellationToken);
            if (original.IncidentId is { } incidentId && await db.Incidents.FindAsync([incidentId], cancellationToken) is { Status: IncidentStatus.Open or IncidentStatus.Acknowledged } incident)
            {
                var count = incident.MentionCount;
                incident.Join(triage, mention.AuthorReach, mention.PublishedAt);
                mention.AttachTo(incident.Id);
                var delivery = await cards.IncidentChangedAsync(incident, cancellationToken);
                await cards.IncidentGrewAsync(incident, count, severityRaised: false, delivery, cancellationToken);
            }

            await handoff.CommitAsync(db, MoveCursorAsync, cancellationToken);
            metrics.MentionDuplicates.Add(1);
            LogDuplicate(input.Source, input.ExternalId, original.Source, original.ExternalId, original.DuplicateCount);
            return true;
        }

        if (triage.NeedsIncident)
        {
            await RouteAsync(db, audit, cards, scope.ServiceProvider.GetRequiredService<EscalationEngine>(), scope.ServiceProvider.GetRequiredService<AlertRepeats>(), mention, triage, cancellationToken);
        }
        else if (triage.TopicKey is not null)
        {
            await JoinTopicAsync(db, cards, mention, triage, cancellationToken);
        }

        await handoff.CommitAsync(db, MoveCursorAsync, cancellationToken);
        metrics.MentionsIngested.Add(1, new KeyValuePair<string, object?>("severity", triage.Severity.ToString()));
        return true;
    }

    /// <summary>
    /// The earlier mention this one copies: same canonical URL, or a SimHash within
    /// <see cref="NearDuplicates.MaxDistance"/> bits among originals published in the surrounding window.
    /// </summary>
    /// <param name="sameUrl">The first original stored with the mention's canonical URL (read with the known-mention check).</param>
    private async Task<Mention?> FindOriginalAsync(CmBotDbContext db, Mention mention, StoredFingerprint? sameUrl, CancellationToken cancellationToken)
    {
        var candidates = sameUrl is null || sameUrl.CanonicalUrl != mention.CanonicalUrl ? new List<StoredFingerprint>() : [sameUrl];
        var match = nearDuplicates.FindOriginal(mention.CanonicalUrl, mention.Fingerprint, mention.WordCount, candidates);
        if (match is null && mention.WordCount > 0)
        {
            // Similar text among recent originals: the in-memory band index, not a scan of the window.
            var index = await duplicates.GetAsync(db, time.GetUtcNow(), cancellationToken);
            match = index.FindOriginal(mention.CanonicalUrl, mention.Fingerprint, mention.WordCount);
            if (match is null)
            {
                index.Add(new StoredFingerprint(mention.Id, mention.CanonicalUrl, mention.Fingerprint, mention.WordCount), mention.PublishedAt);
            }
        }

        return match is null ? null : await db.Mentions.FindAsync([match.Id], cancellationToken);
    }



    /// <summary>A calm mention about a topic already in crisis still counts in that incident, without raising it.</summary>
    private static async Task JoinTopicAsync(CmBotDbContext db, CardPublisher cards, Mention mention, TriageResult triage, CancellationToken cancellationToken)
    {
        var key = IncidentGrouping.KeyFor(triage);
        var incident = await FindActiveAsync(db, key, cancellationToken);
        if (incident is null)
        {
            return;
        }

        var count = incident.MentionCount;
        incident.Join(triage, mention.AuthorReach, mention.PublishedAt);
        mention.AttachTo(incident.Id);
        var delivery = await cards.IncidentChangedAsync(incident, cancellationToken);
        await cards.IncidentGrewAsync(incident, count, severityRaised: false, delivery, cancellationToken);
    }

    private static Task<Incident?> FindActiveAsync(CmBotDbContext db, string key, CancellationToken cancellationToken) =>
        db.Incidents
            .Where(i => i.Key == key && (i.Status == IncidentStatus.Open || i.Status == IncidentStatus.Acknowledged))
            .OrderByDescending(i => i.OpenedAt)
            .FirstOrDefaultAsync(cancellationToken);

    private async Task RouteAsync(CmBotDbContext db, AuditLog audit, CardPublisher cards, EscalationEngine escalation, AlertRepeats repeats, Mention mention, TriageResult triage, CancellationToken cancellationToken)
    {
        var key = IncidentGrouping.KeyFor(triage);
        var incident = await FindActiveAsync(db, key, cancellationToken);
        var climbed = false;
        var mentionsBefore = -1;
        if (incident is null)
        {
            // Read as max + 1 like the audit chain's sequence: on PostgreSQL another instance may be opening one now.
            await PostgresAuditChain.HoldAsync(db, cancellationToken);
            var number = (await db.Incidents.MaxAsync(i => (int?)i.Number, cancellationToken) ?? 0) + 1;
            incident = Incident.Open(Guid.NewGuid(), number, key, IncidentGrouping.TitleFor(triage, topics), triage, mention.AuthorReach, mention.PublishedAt);
            db.Incidents.Add(incident);
            await audit.AppendAsync("cmbot", AuditActions.IncidentOpened, Subjects.Incident, incident.Id.ToString(), new { incident.Number, key, severity = incident.Severity.ToString(), incident.Reason }, cancellationToken);
            LogOpened(incident.Number, key, incident.Severity, incident.Reason);
            climbed = true;
        }
        else
        {
            var before = incident.Severity;
            mentionsBefore = incident.MentionCount;
            incident.Join(triage, mention.AuthorReach, mention.PublishedAt);
            var windowStart = mention.PublishedAt - triager.Policy.BurstWindow;
            var inWindow = 1 + await db.Mentions.CountAsync(
                m => m.IncidentId == incident.Id && m.PublishedAt > windowStart && m.PublishedAt <= mention.PublishedAt, cancellationToken);
            incident.ApplyBurst(inWindow, triager.Policy);
            if (incident.Severity < before)
            {
                await audit.AppendAsync("cmbot", AuditActions.IncidentEscalatedSeverity, Subjects.Incident, incident.Id.ToString(), new { from = before.ToString(), to = incident.Severity.ToString(), incident.Reason }, cancellationToken);
                LogRaised(incident.Number, before, incident.Severity, incident.Reason);
                climbed = true;
            }
        }

        mention.AttachTo(incident.Id);
        var delivery = await cards.IncidentChangedAsync(incident, cancellationToken);
        if (mentionsBefore >= 0)
        {
            await cards.IncidentGrewAsync(incident, mentionsBefore, severityRaised: climbed, delivery, cancellationToken);
        }

        // The escalation ladder starts with the first alert that is sent (after group_wait; step 0 goes with it; a
        // silenced or inhibited incident pages nobody), and a severity rise may bring a stricter policy.
        await escalation.StartOrClimbAsync(incident, delivery.Routed, climbed, cancellationToken, delivery.FirstAlertAt);
        if (climbed)
        {
            await repeats.StartAsync(incident, delivery, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Spike on topic {Topic}: {Count} mentions in the window, usual {Usual:0.##} (at {Source}/{ExternalId})")]
    private partial void LogSpike(string topic, int count, double usual, string source, string externalId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Mention {Source}/{ExternalId} is a copy of {OriginalSource}/{OriginalId} ({Copies} copies so far)")]
    private partial void LogDuplicate(string source, string externalId, string originalSource, string originalId, int copies);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Incident #{Number} opened ({Key}) at {Severity}. {Reason}")]
    private partial void LogOpened(int number, string key, Severity severity, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Incident #{Number} raised from {From} to {To}. {Reason}")]
    private partial void LogRaised(int number, Severity from, Severity to, string reason);
}
