using System.Globalization;
using System.Text.Json;
using CmBot.Bot.Storage;
using CmBot.Core.Audit;
using CsvHelper;
using Microsoft.EntityFrameworkCore;

namespace CmBot.Bot.Audit;

/// <summary>Which audit events to export: everything about one incident, or a period.</summary>
public sealed record AuditSelection(int? IncidentNumber, DateTimeOffset? From, DateTimeOffset? To);

/// <summary>
/// Reads the audit log for verification and legal hold. Exports keep every chain field (sequence, hashes), so
/// whoever receives the file can check each row against the verified log.
/// </summary>
public sealed class AuditExporter(CmBotDbContext db)
{
    /// <summary>Verifies the whole log in sequence order (read once, without tracking).</summary>
    public async Task<AuditVerdict> VerifyAsync(AuditHead? expectedHead, CancellationToken cancellationToken)
    {
        var events = new List<AuditEvent>();
        await foreach (var e in db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            events.Add(e);
        }

        return AuditVerification.Verify(events, expectedHead);
    }

    /// <summary>The selected events in sequence order; an incident brings its mentions, drafts and alerts.</summary>
    public async Task<IReadOnlyList<AuditEvent>> SelectAsync(AuditSelection selection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var query = db.AuditEvents.AsNoTracking();
        if (selection.IncidentNumber is { } number)
        {
            var incident = await db.Incidents.AsNoTracking().SingleOrDefaultAsync(i => i.Number == number, cancellationToken)
                ?? throw new ArgumentException($"There is no incident #{number}.");
            var ids = new HashSet<string>(StringComparer.Ordinal) { incident.Id.ToString() };
            ids.UnionWith((await db.Drafts.AsNoTracking().Where(d => d.IncidentId == incident.Id).Select(d => d.Id).ToListAsync(cancellationToken)).Select(g => g.ToString()));
            ids.UnionWith((await db.Mentions.AsNoTracking().Where(m => m.IncidentId == incident.Id).Select(m => m.Id).ToListAsync(cancellationToken)).Select(g => g.ToString()));
            query = query.Where(e => ids.Contains(e.SubjectId));
        }

        var events = await query.OrderBy(e => e.Sequence).ToListAsync(cancellationToken);

        // Compared in memory: SQLite stores the time as ticks, and the period is a presentation filter.
        return [.. events.Where(e => (selection.From is null || e.At >= selection.From) && (selection.To is null || e.At < selection.To))];
    }

    public static async Task WriteJsonAsync(IReadOnlyList<AuditEvent> events, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        await JsonSerializer.SerializeAsync(output, events.Select(Row), JsonOptions, cancellationToken);
    }

    public static async Task WriteCsvAsync(IReadOnlyList<AuditEvent> events, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        await using var csv = new CsvWriter(output, CultureInfo.InvariantCulture, leaveOpen: true);
        await csv.WriteRecordsAsync(events.Select(Row), cancellationToken);
        await csv.FlushAsync();
    }

    private static AuditRow Row(AuditEvent e) =>
        new(e.Sequence, e.At.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), e.ActorId, e.Action, e.SubjectType, e.SubjectId, e.Details, e.PreviousHash, e.Hash);

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}

/// <summary>One exported row: the event as stored, time in ISO 8601 UTC.</summary>
public sealed record AuditRow(long Sequence, string At, string ActorId, string Action, string SubjectType, string SubjectId, string Details, string PreviousHash, string Hash);
