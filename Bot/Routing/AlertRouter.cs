using CmBot.Bot.Chat;
using CmBot.Bot.Hosting;
using CmBot.Bot.Silences;
using CmBot.Bot.Storage;
using CmBot.Core.Audit;
using CmBot.Core.Incidents;
using CmBot.Core.Routing;
using Microsoft.EntityFrameworkCore;

namespace CmBot.Bot.Routing;

/// <summary>
/// Asks routing.yaml where an incident's alert goes. When a silence, an open P1 (inhibition) or a time interval
/// holds it back, the card is not sent but the incident stays stored and visible; the reason is audited
/// (<c>alert.silenced</c>, <c>alert.inhibited</c>, <c>alert.muted</c>), logged and counted. Silences come from
/// routing.yaml and from chat (<see cref="ActiveSilences"/>, held in memory: no database read per alert for them).
/// </summary>
public sealed partial class AlertRouter(
    RoutingPolicy policy,
    ActiveSilences silences,
    CmBotDbContext db,
    AuditLog audit,
    TimeProvider time,
    CmBotMetrics metrics,
    ILogger<AlertRouter> logger)
{
    /// <summary>The root route's timings: what applies to a channel no route sends the alert to (escalation only).</summary>
    public GroupTimings DefaultTimings => policy.Root.Timings;

    public async Task<RoutingDecision> RouteAsync(Incident incident, IEnumerable<(string Name, string Value)> extraLabels, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var labels = AlertLabels.For(incident, extraLabels);
        var open = await OpenAlertsAsync(incident, policy.InhibitionScopeFor(labels), cancellationToken);
        var decision = policy.Decide(labels, time.GetUtcNow(), await silences.GetAsync(cancellationToken), open.Select(i => AlertLabels.For(i)));
        if (decision.Suppression == Suppression.None)
        {
            return decision;
        }

        var action = decision.Suppression switch
        {
            Suppression.Silenced => AuditActions.AlertSilenced,
            Suppression.Inhibited => AuditActions.AlertInhibited,
            _ => AuditActions.AlertMuted,
        };
        LogSuppressed(logger, incident.Number, action, decision.Why ?? string.Empty);
        metrics.AlertsSuppressed.Add(1, new KeyValuePair<string, object?>("reason", action));
        await audit.AppendAsync(
            "cmbot",
            action,
            Subjects.Incident,
            incident.Id.ToString(),
            new { number = incident.Number, version = incident.Version, labels = labels.ToString(), why = decision.Why, silence = decision.SilenceId },
            cancellationToken);
        return decision;
    }

    /// <summary>The other open incidents that may inhibit this one: none, those on its topic, or all (as the rules need).</summary>
    private async Task<IReadOnlyList<Incident>> OpenAlertsAsync(Incident incident, InhibitionScope scope, CancellationToken cancellationToken)
    {
        if (scope == InhibitionScope.None)
        {
            return [];
        }

        if (scope == InhibitionScope.SameTopic && db.Entry(incident).State == EntityState.Added)
        {
            // Opened in this unit of work, and only because no open incident had its topic (MentionIngestor, the one
            // place incidents are opened, has just looked under the write gate): the same read would find nothing.
            return [];
        }

        var open = db.Incidents.AsNoTracking()
            .Where(i => i.Id != incident.Id && (i.Status == IncidentStatus.Open || i.Status == IncidentStatus.Acknowledged));
        if (scope == InhibitionScope.SameTopic)
        {
            open = open.Where(i => i.Key == incident.Key);
        }

        return await open.ToListAsync(cancellationToken);
    }

    /// <summary>The silence a decision names (configured or from chat), to say on the card who muted it and until when.</summary>
    public async Task<Silence?> FindSilenceAsync(Guid? id, CancellationToken cancellationToken) =>
        id is not { } wanted ? null
        : policy.ConfiguredSilences.FirstOrDefault(s => s.Id == wanted) ?? (await silences.GetAsync(cancellationToken)).FirstOrDefault(s => s.Id == wanted);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert for incident #{Number} not sent ({Action}): {Why}")]
    private static partial void LogSuppressed(ILogger logger, int number, string action, string why);
}
