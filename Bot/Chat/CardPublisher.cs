using CmBot.Bot.Hosting;
using CmBot.Bot.Routing;
using CmBot.Bot.Storage;
using CmBot.Core.Chat;
using CmBot.Core.Incidents;
using CmBot.Core.People;
using CmBot.Core.Replies;
using CmBot.Core.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CmBot.Bot.Chat;

/// <summary>
/// Decides where an incident's or a draft's card goes on every platform and queues it: alerts where routing.yaml
/// sends them (<see cref="AlertRouter"/>; nothing when silenced or inhibited), drafts in the incident's thread, in the legal channel when
/// legal must sign off and in the direction channel when the comms director or the CEO must.
/// </summary>
public sealed class CardPublisher(
    CmBotDbContext db,
    CardOutbox outbox,
    IEnumerable<IChatPlatform> platforms,
    PeopleDirectory people,
    AlertRouter router,
    IOptions<CmBotOptions> options)
{
    private CardLabels Labels => CardLabels.For(options.Value.Language);

    public async Task IncidentChangedAsync(Incident incident, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var first = await db.Mentions.AsNoTracking()
            .Where(m => m.IncidentId == incident.Id)
            .OrderBy(m => m.PublishedAt)
            .Select(m => new { m.Text, m.Url, m.Author, m.Source, m.Language })
            .FirstOrDefaultAsync(cancellationToken)
            ?? db.Mentions.Local.Where(m => m.IncidentId == incident.Id).OrderBy(m => m.PublishedAt)
                .Select(m => new { m.Text, m.Url, m.Author, m.Source, m.Language }).FirstOrDefault();
        (string, string)[] extra = first is null ? [] : [(AlertLabels.Source, first.Source), (AlertLabels.Language, first.Language)];
        var decision = await router.RouteAsync(incident, extra, cancellationToken);
        var id = incident.Id.ToString();
        if (decision.Suppression == Suppression.Silenced)
        {
            await EditWhereShownAsync(incident, first is null ? null : $"{first.Author}: {first.Text}", first?.Url, decision, cancellationToken);
            return;
        }

        if (!decision.Send)
        {
            return;
        }

        var card = IncidentCards.Alert(incident, first is null ? null : $"{first.Author}: {first.Text}", first?.Url, NameOf, Labels);
        foreach (var platform in platforms)
        {
            // A key the platform does not map falls back to its alert channel: an alert is never dropped for want of a channel.
            var channels = decision.ChannelKeys.Select(key => platform.Channels.For(key) ?? platform.Channels.Alerts).Distinct(StringComparer.Ordinal);
            foreach (var channel in channels)
            {
                await outbox.EnqueueAsync(platform, channel, Subjects.Incident, id, incident.Version, card, (int)incident.Severity, cancellationToken: cancellationToken);
            }
        }
    }

    /// <summary>
    /// A silenced incident posts nothing new, but a card already in a channel (posted before the silence) is edited in
    /// place: its counters stay true and it says who muted the topic and until when. Editing does not notify anyone.
    /// </summary>
    private async Task EditWhereShownAsync(Incident incident, string? text, string? url, RoutingDecision decision, CancellationToken cancellationToken)
    {
        var id = incident.Id.ToString();
        var shown = await db.ChatMessages.AsNoTracking()
            .Where(c => c.SubjectType == Subjects.Incident && c.SubjectId == id)
            .Select(c => new { c.Platform, c.Channel })
            .ToListAsync(cancellationToken);
        if (shown.Count == 0)
        {
            return;
        }

        var silence = await router.FindSilenceAsync(decision.SilenceId, cancellationToken);
        var muted = silence is null ? null : SilenceTexts.For(options.Value.Language).TopicMuted(silence.EndsAt, NameOf(silence.CreatedBy));
        var card = IncidentCards.Alert(incident, text, url, NameOf, Labels, muted);
        foreach (var platform in platforms)
        {
            foreach (var place in shown.Where(s => s.Platform == platform.Name))
            {
                await outbox.EnqueueAsync(platform, place.Channel, Subjects.Incident, id, incident.Version, card, (int)incident.Severity, cancellationToken: cancellationToken);
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
