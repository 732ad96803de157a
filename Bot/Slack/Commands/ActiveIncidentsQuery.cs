using CmBot.Bot.Storage;
using CmBot.Core.Incidents;
using Microsoft.EntityFrameworkCore;

namespace CmBot.Bot.Slack.Commands;

/// <summary>An incident as <c>/cm status</c> lists it.</summary>
public sealed record ActiveIncidentLine(int Number, Severity Severity, string Title, int MentionCount, string? AcknowledgedBy, string Reason);

/// <summary>The newest active incidents and how many there are in all.</summary>
public sealed record ActiveIncidents(IReadOnlyList<ActiveIncidentLine> Newest, int Total);

/// <summary>Reads the open and acknowledged incidents, newest first.</summary>
public sealed class ActiveIncidentsQuery(CmBotDbContext db)
{
    /// <summary>A slash command answer is read at a glance; the rest is counted, not listed.</summary>
    public const int Limit = 10;

    public async Task<ActiveIncidents> ReadAsync(CancellationToken cancellationToken)
    {
        var active = db.Incidents.AsNoTracking()
            .Where(i => i.Status == IncidentStatus.Open || i.Status == IncidentStatus.Acknowledged);
        var total = await active.CountAsync(cancellationToken);
        var newest = await active
            .OrderByDescending(i => i.OpenedAt)
            .ThenByDescending(i => i.Number)
            .Take(Limit)
            .Select(i => new ActiveIncidentLine(i.Number, i.Severity, i.Title, i.MentionCount, i.AcknowledgedBy, i.Reason))
            .ToListAsync(cancellationToken);
        return new ActiveIncidents(newest, total);
    }

    /// <summary>The incident's id for the short number people type, or null when there is none.</summary>
    public Task<Guid?> FindIdAsync(int number, CancellationToken cancellationToken) =>
        db.Incidents.AsNoTracking()
            .Where(i => i.Number == number)
            .Select(i => (Guid?)i.Id)
            .SingleOrDefaultAsync(cancellationToken);
}
