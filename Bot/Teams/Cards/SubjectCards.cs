using CmBot.Bot.Hosting;
using CmBot.Bot.Storage;
using CmBot.Core.Chat;
using CmBot.Core.People;
using CmBot.Core.Replies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CmBot.Bot.Teams.Cards;

/// <summary>The card an incident or a draft shows now, built from the database (what an invoke answers with).</summary>
public sealed class SubjectCards(CmBotDbContext db, PeopleDirectory people, IOptions<CmBotOptions> options, IEnumerable<Publishing.IReplyConnector> connectors)
{
    public async Task<SubjectCard?> FindAsync(string targetId, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(targetId, out var id))
        {
            return null;
        }

        var labels = CardLabels.For(options.Value.Language);
        var incident = await db.Incidents.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (incident is not null)
        {
            var first = await db.Mentions.AsNoTracking()
                .Where(m => m.IncidentId == incident.Id)
                .OrderBy(m => m.PublishedAt)
                .Select(m => new { m.Text, m.Url, m.Author })
                .FirstOrDefaultAsync(cancellationToken);
            return new SubjectCard(IncidentCards.Alert(incident, first is null ? null : $"{first.Author}: {first.Text}", first?.Url, NameOf, labels), null);
        }

        var draft = await db.Drafts.AsNoTracking().Include(d => d.Approvals).FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (draft is null)
        {
            return null;
        }

        var parent = await db.Incidents.AsNoTracking().SingleAsync(i => i.Id == draft.IncidentId, cancellationToken);
        return new SubjectCard(IncidentCards.Draft(draft, parent, NameOf, labels, Publishing.ReplyPublishHandler.ConnectorFor(connectors, draft.Target) is not null), draft);
    }

    private string NameOf(string personId) => people.FindById(personId)?.Name ?? personId;
}

/// <summary>A subject's card, with the draft when it is one (its approvers decide who sees Approve).</summary>
public sealed record SubjectCard(Card Card, Draft? Draft);
