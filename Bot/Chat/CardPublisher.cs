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
    IOptions<CmBotOptions> options,
    IEnumerable<Publishing.IReplyConnector> connectors,
    Replies.SuggestionIndexCache suggestions,
    IOptions<Replies.RepliesOptions> replies,
    TimeProvider time)
{
    /// <summary>How many approved replies a draft's card offers.</summary>
    public const int MaxSuggestionsShown = 3;

    private CardLabels Labels => CardLabels.For(options.Value.Language);

    /// <summary>
    /// Queues the incident's card where routing sends it (nothing new when silenced or inhibited) and, so that every
    /// copy stays one live message, wherever it is already shown (escalation channels, direct messages). A first post
    /// waits for its route's group_wait (a P1 never waits); once posted, the card is edited in place at once.
    /// </summary>
    public async Task<AlertDelivery> IncidentChangedAsync(Incident incident, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var first = await FirstMentionAsync(incident, cancellationToken);
        var decision = await RouteAsync(incident, first, cancellationToken);
        var places = await PlacesAsync(incident, cancellationToken);
        var now = time.GetUtcNow();
        if (!decision.Send && !places.Any(p => p.Shown))
        {
            return new AlertDelivery(false, now, decision, new Dictionary<(string, string), GroupTimings>(), router.DefaultTimings);
        }

        // While a silence holds the alerts back, the cards already shown say who muted the topic and until when.
        var silence = decision.Suppression == Suppression.Silenced ? await router.FindSilenceAsync(decision.SilenceId, cancellationToken) : null;
        var muted = silence is null ? null : SilenceTexts.For(options.Value.Language).TopicMuted(silence.EndsAt, NameOf(silence.CreatedBy));
        var card = AlertCard(incident, first, muted, await TrendAsync(incident, cancellationToken));
        var id = incident.Id.ToString();
        if (IsNew(incident))
        {
            outbox.SubjectIsNew(id);
        }
        var timings = new Dictionary<(string Platform, string Channel), GroupTimings>();
        DateTimeOffset? firstAlertAt = null;
        foreach (var platform in platforms)
        {
            AddTimings(timings, platform, decision);

            var shown = places.Where(p => p.Platform == platform.Name && p.Shown).Select(p => p.Channel);
            foreach (var channel in timings.Keys.Where(k => k.Platform == platform.Name).Select(k => k.Channel).Concat(shown).Distinct(StringComparer.Ordinal))
            {
                var place = places.FirstOrDefault(p => p.Platform == platform.Name && p.Channel == channel);
                DateTimeOffset? hold = null;
                if (timings.TryGetValue((platform.Name, channel), out var routeTimings))
                {
                    hold = place is { Posted: true } ? null : AlertPacing.HoldFirstPost(routeTimings, incident.Severity, place?.FirstQueuedAt ?? now, now);
                    var at = place is { Posted: true } ? now : hold ?? now;
                    firstAlertAt = firstAlertAt is { } earlier && earlier < at ? earlier : at;
                }

                await outbox.EnqueueAsync(platform, channel, Subjects.Incident, id, incident.Version, card, (int)incident.Severity, cancellationToken: cancellationToken, notBefore: hold);
            }
        }

        return new AlertDelivery(decision.Send, firstAlertAt ?? now, decision, timings, router.DefaultTimings);
    }

    /// <summary>Where routing sends the incident's alerts now and with which timings, without queuing anything.</summary>
    public async Task<AlertDelivery> PlanAsync(Incident incident, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var decision = await RouteAsync(incident, await FirstMentionAsync(incident, cancellationToken), cancellationToken);
        var timings = new Dictionary<(string Platform, string Channel), GroupTimings>();
        foreach (var platform in platforms)
        {
            AddTimings(timings, platform, decision);
        }

        return new AlertDelivery(decision.Send, time.GetUtcNow(), decision, timings, router.DefaultTimings);
    }

    /// <summary>The timings of each channel routing picks on a platform (two keys in one channel: the tighter).</summary>
    private void AddTimings(Dictionary<(string Platform, string Channel), GroupTimings> timings, IChatPlatform platform, RoutingDecision decision)
    {
        if (!decision.Send)
        {
            return;
        }

        foreach (var key in decision.ChannelKeys)
        {
            // A key the platform does not map falls back to its alert channel: an alert is never dropped for want of a channel.
            var channel = platform.Channels.For(key) ?? platform.Channels.Alerts;
            var forKey = AlertPacing.TimingsFor(decision, key, router.DefaultTimings);
            timings[(platform.Name, channel)] = timings.TryGetValue((platform.Name, channel), out var other) ? AlertPacing.Tightest(other, forKey) : forKey;
        }
    }

    /// <summary>Whether routing sends the incident's alerts now (not silenced, not inhibited); escalation asks before paging anyone.</summary>
    public async Task<bool> IsRoutedAsync(Incident incident, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return (await RouteAsync(incident, await FirstMentionAsync(incident, cancellationToken), cancellationToken)).Send;
    }

    private Task<RoutingDecision> RouteAsync(Incident incident, FirstMention? first, CancellationToken cancellationToken)
    {
        (string, string)[] extra = first is null ? [] : [(AlertLabels.Source, first.Source), (AlertLabels.Language, first.Language)];
        return router.RouteAsync(incident, extra, cancellationToken);
    }

    /// <summary>The incident's alert card as it stands (first mention quoted, live counters, actions).</summary>
    public async Task<Card> AlertCardAsync(Incident incident, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return AlertCard(incident, await FirstMentionAsync(incident, cancellationToken), trend: await TrendAsync(incident, cancellationToken));
    }

    /// <summary>Where the incident's card is shown or queued to be: (platform, channel) pairs.</summary>
    public async Task<IReadOnlyList<(string Platform, string Channel)>> ShownInAsync(Incident incident, CancellationToken cancellationToken) =>
        (await PlacesAsync(incident, cancellationToken)).Where(p => p.Shown).Select(p => (p.Platform, p.Channel)).ToList();

    /// <summary>
    /// An incident opened in this unit of work is not stored yet: nothing in the database can refer to it (no mention,
    /// outbox row or chat message), so its card, places and trend come from what this unit of work holds, without
    /// a round trip on the new alert's way to the chat.
    /// </summary>
    private bool IsNew(Incident incident) => db.Entry(incident).State == EntityState.Added;

    /// <summary>Each channel the incident's card is posted in or queued for, with when it was first queued there.</summary>
    private async Task<IReadOnlyList<CardPlace>> PlacesAsync(Incident incident, CancellationToken cancellationToken)
    {
        var id = incident.Id.ToString();
        var local = db.Outbox.Local
            .Where(o => o.SubjectType == Subjects.Incident && o.SubjectId == id && db.Entry(o).State == EntityState.Added)
            .Select(o => new { o.Platform, o.Channel, o.CreatedAt })
            .ToList();
        if (IsNew(incident))
        {
            return [.. local.GroupBy(q => (q.Platform, q.Channel)).Select(g => new CardPlace(g.Key.Platform, g.Key.Channel, false, g.Min(q => q.CreatedAt)))];
        }

        var posted = await db.ChatMessages.AsNoTracking()
            .Where(c => c.SubjectType == Subjects.Incident && c.SubjectId == id)
            .Select(c => new { c.Platform, c.Channel })
            .ToListAsync(cancellationToken);

        // The oldest pending row per channel says when the card was first queued there (group_wait counts from it).
        var oldest = await db.Outbox.AsNoTracking()
            .Where(o => o.SubjectType == Subjects.Incident && o.SubjectId == id && o.State == OutboxState.Pending)
            .GroupBy(o => new { o.Platform, o.Channel })
            .Select(g => g.Min(o => o.Id))
            .ToListAsync(cancellationToken);
        var queued = await db.Outbox.AsNoTracking()
            .Where(o => oldest.Contains(o.Id))
            .Select(o => new { o.Platform, o.Channel, o.CreatedAt })
            .ToListAsync(cancellationToken);
        return posted.Select(p => (p.Platform, p.Channel)).Concat(queued.Concat(local).Select(q => (q.Platform, q.Channel))).Distinct()
            .Select(place => new CardPlace(
                place.Platform,
                place.Channel,
                posted.Any(p => p.Platform == place.Platform && p.Channel == place.Channel),
                queued.Concat(local).Where(q => q.Platform == place.Platform && q.Channel == place.Channel).Select(q => (DateTimeOffset?)q.CreatedAt).Min()))
            .ToList();
    }

    /// <summary>A channel showing (or about to show) an incident's card.</summary>
    private sealed record CardPlace(string Platform, string Channel, bool Posted, DateTimeOffset? FirstQueuedAt)
    {
        public bool Shown => Posted || FirstQueuedAt is not null;
    }

    private Card AlertCard(Incident incident, FirstMention? first, string? muted = null, IncidentTrend? trend = null) =>
        IncidentCards.Alert(incident, first is null ? null : $"{first.Author}: {first.Text}", first?.Url, NameOf, Labels, muted, trend);

    /// <summary>
    /// Notes in the incident's thread (wherever its card is shown) when its severity rose or its mention count
    /// crossed a milestone: the team sees it move, and a burst leaves a handful of notes, not one per mention.
    /// </summary>
    public async Task IncidentGrewAsync(Incident incident, int mentionsBefore, bool severityRaised, AlertDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(delivery);
        var milestones = IncidentUpdates.MilestonesCrossed(mentionsBefore, incident.MentionCount);
        if (!severityRaised && milestones.Count == 0)
        {
            return;
        }

        var words = IncidentUpdateLabels.For(options.Value.Language);
        var notes = new List<(string Key, Card Card, bool Urgent)>();
        if (severityRaised)
        {
            notes.Add((IncidentUpdates.SeverityKey(incident), IncidentUpdates.SeverityNote(incident, words), true));
        }

        if (milestones.Count > 0)
        {
            var trend = await TrendAsync(incident, cancellationToken);
            notes.Add((IncidentUpdates.MilestoneKey(incident, milestones[^1]), IncidentUpdates.MilestoneNote(incident, milestones[^1], trend, words), false));
        }

        var shown = await ShownInAsync(incident, cancellationToken);
        var now = time.GetUtcNow();
        foreach (var platform in platforms)
        {
            foreach (var channel in shown.Where(s => s.Platform == platform.Name).Select(s => s.Channel))
            {
                var timings = delivery.TimingsFor(platform.Name, channel);
                var last = await LastNoteAsync(incident.Id, platform.Name, channel, cancellationToken);
                foreach (var (key, note, urgent) in notes)
                {
                    var hold = AlertPacing.HoldNote(timings, last?.DueAt, last?.Held == true, urgent, now);
                    if (!urgent && hold is not null && last is { Held: true, Row: { } waiting })
                    {
                        // A milestone still waiting for its turn is replaced by the newer one, which takes that turn.
                        waiting.State = OutboxState.Superseded;
                    }

                    await outbox.EnqueueAsync(platform, channel, Subjects.Update, key, 1, note, (int)incident.Severity, threadSubjectId: incident.Id.ToString(), hold, cancellationToken);
                    last = new LastNote(hold ?? now, hold is not null, null);
                }
            }
        }
    }

    /// <summary>The incident's latest thread note in a channel (sent, queued or held) and when it is due.</summary>
    private async Task<LastNote?> LastNoteAsync(Guid incidentId, string platform, string channel, CancellationToken cancellationToken)
    {
        var thread = incidentId.ToString();
        var now = time.GetUtcNow();
        var row = db.Outbox.Local
            .Where(o => o.Kind == OutboxKinds.SyncCard && o.SubjectType == Subjects.Update && o.ThreadSubjectId == thread && o.Platform == platform && o.Channel == channel && o.State != OutboxState.Superseded)
            .MaxBy(o => o.NotBefore ?? o.CreatedAt)
            ?? await db.Outbox
                .Where(o => o.SubjectType == Subjects.Update && o.ThreadSubjectId == thread && o.Platform == platform && o.Channel == channel && o.State != OutboxState.Superseded)
                .OrderByDescending(o => o.Id)
                .FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var due = row.SentAt ?? row.NotBefore ?? row.CreatedAt;
        var held = row.State == OutboxState.Pending && row.NotBefore > now + TimeSpan.FromSeconds(1);
        return new LastNote(due, held, held ? row : null);
    }

    private sealed record LastNote(DateTimeOffset DueAt, bool Held, OutboxMessage? Row);

    /// <summary>Mentions of the incident in the last hour and the hour before (by publication time).</summary>
    private async Task<IncidentTrend> TrendAsync(Incident incident, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var hourAgo = now.AddHours(-1);
        var twoHoursAgo = now.AddHours(-2);
        var added = db.Mentions.Local.Count(m => m.IncidentId == incident.Id && m.PublishedAt > hourAgo && db.Entry(m).State == EntityState.Added);
        if (IsNew(incident))
        {
            return new IncidentTrend(added, 0);
        }

        var lastHour = await db.Mentions.CountAsync(m => m.IncidentId == incident.Id && m.PublishedAt > hourAgo, cancellationToken) + added;
        var hourBefore = await db.Mentions.CountAsync(m => m.IncidentId == incident.Id && m.PublishedAt > twoHoursAgo && m.PublishedAt <= hourAgo, cancellationToken);
        return new IncidentTrend(lastHour, hourBefore);
    }

    private async Task<FirstMention?> FirstMentionAsync(Incident incident, CancellationToken cancellationToken) =>
        (IsNew(incident) ? null : await db.Mentions.AsNoTracking()
            .Where(m => m.IncidentId == incident.Id)
            .OrderBy(m => m.PublishedAt)
            .Select(m => new FirstMention(m.Text, m.Url, m.Author, m.Source, m.Language))
            .FirstOrDefaultAsync(cancellationToken))
        ?? db.Mentions.Local.Where(m => m.IncidentId == incident.Id).OrderBy(m => m.PublishedAt)
            .Select(m => new FirstMention(m.Text, m.Url, m.Author, m.Source, m.Language)).FirstOrDefault();

    private sealed record FirstMention(string Text, string? Url, string Author, string Source, string Language);

    public async Task DraftChangedAsync(Draft draft, Incident incident, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(incident);
        var card = IncidentCards.Draft(draft, incident, NameOf, Labels, Publishing.ReplyPublishHandler.ConnectorFor(connectors, draft.Target) is not null,
            await SuggestionsAsync(draft, incident, cancellationToken));
        var id = draft.Id.ToString();
        var version = draft.Version;
        foreach (var platform in platforms)
        {
            await outbox.EnqueueAsync(platform, platform.Channels.Alerts, Subjects.Draft, id, version, card, (int)incident.Severity, threadSubjectId: incident.Id.ToString(), cancellationToken: cancellationToken);
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

    /// <summary>Approved replies to mentions like this incident's first one, re-signed by the draft's author (none once settled).</summary>
    private async Task<IReadOnlyList<Core.Replies.Suggestions.DraftSuggestion>> SuggestionsAsync(Draft draft, Incident incident, CancellationToken cancellationToken)
    {
        var settings = replies.Value.Suggestions;
        if (!settings.Enabled || draft.Status is DraftStatus.Published or DraftStatus.Approved || await FirstMentionAsync(incident, cancellationToken) is not { } first)
        {
            return [];
        }

        var index = await suggestions.GetAsync(db, people, draft.Language, settings.MaxStored, cancellationToken);
        var author = people.FindById(draft.AuthorId)?.FirstName;
        return [.. index.Suggest(first.Text, draft.Language, incident.Id, MaxSuggestionsShown, settings.MinScore)
            .Select(s => new Core.Replies.Suggestions.DraftSuggestion(s.Reply.DraftId, author is null ? s.Reply.ReplyText : Core.Replies.Suggestions.Signature.Resign(s.Reply.ReplyText, s.Reply.AuthorFirstName, author), s.Score))
            .Where(s => s.Text != draft.Text)];
    }

    public string NameOf(string personId) => people.FindById(personId)?.Name ?? personId;
}
