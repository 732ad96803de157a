using CmBot.Bot.Hosting;
using CmBot.Bot.Storage;
using CmBot.Core.Chat;
using CmBot.Core.Incidents;
using CmBot.Core.People;
using CmBot.Core.Replies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CmBot.Bot.Chat;

/// <summary>
/// Decides where an incident's or a draft's card goes on every platform and queues it: alerts in the alert
/// channel (and the direction channel for a P1), drafts in the incident's thread, in the legal channel when
/// legal must sign off and in the direction channel when the comms director or the CEO must.
/// </summary>
public sealed class CardPublisher(
    CmBotDbContext db,
    CardOutbox outbox,
    IEnumerable<IChatPlatform> platforms,
    PeopleDirectory people,
    IOptions<CmBotOptions> options)
{
    private CardLabels Labels => CardLabels.For(options.Value.Language);

    public async Task IncidentChangedAsync(Incident incident, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var first = await db.Mentions.AsNoTracking()
            .Where(m => m.IncidentId == incident.Id)
            .OrderBy(m => m.PublishedAt)
            .Select(m => new { m.Text, m.Url, m.Author })
            .FirstOrDefaultAsync(cancellationToken)
            ?? db.Mentions.Local.Where(m => m.IncidentId == incident.Id).OrderBy(m => m.PublishedAt)
                .Select(m => new { m.Text, m.Url, m.Author }).FirstOrDefault();
        var card = IncidentCards.Alert(incident, first is null ? null : $"{first.Author}: {first.Text}", first?.Url, NameOf, Labels);
        var id = incident.Id.ToString();
        foreach (var platform in platforms)
        {
            await outbox.EnqueueAsync(platform, platform.Channels.Alerts, Subjects.Incident, id, incident.Version, card, (int)incident.Severity, cancellationToken: cancellationToken);
            if (incident.Severity == Severity.P1)
            {
                await outbox.EnqueueAsync(platform, platform.Channels.Direction, Subjects.Incident, id, incident.Version, card, (int)incident.Severity, cancellationToken: cancellationToken);
            }
        }
    }

    public async Task DraftChangedAsync(Draft draft, Incident incident, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(incident);
        var card = IncidentCards.Draft(draft, incident, NameOf, Labels);
        var id = draft.Id.ToString();
        var version = draft.Version;
        foreach (var platform in platforms)
        {
            await outbox.EnqueueAsync(platform, platform.Channels.Alerts, Subjects.Draft, id, version, card, (int)incident.Severity, threadSubjectId: incident.Id.ToString(), cancellationToken);
            var published = draft.Status == DraftStatus.Published;
            if (draft.Required.Contains(Role.Legal) || (published && draft.PublishMode != PublishMode.Approved))
            {
                await outbox.EnqueueAsync(platform, platform.Channels.Legal, Subjects.Draft, id, version, card, (int)incident.Severity, cancellationToken: cancellationToken);
            }

            if (draft.Required.Contains(Role.Comms) || draft.Required.Contains(Role.Ceo) || (published && draft.PublishMode != PublishMode.Approved))
            {
                await outbox.EnqueueAsync(platform, platform.Channels.Direction, Subjects.Draft, id, version, card, (int)incident.Severity, cancellationToken: cancellationToken);
            }
        }
    }

    public string NameOf(string personId) => people.FindById(personId)?.Name ?? personId;
}
