using CmBot.Bot.Chat;
using CmBot.Bot.Hosting;
using CmBot.Bot.Replies;
using CmBot.Bot.Storage;
using CmBot.Core.Approvals;
using CmBot.Core.Audit;
using CmBot.Core.Chat;
using CmBot.Core.Common;
using CmBot.Core.Incidents;
using CmBot.Core.People;
using CmBot.Core.Replies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CmBot.Bot.Actions;

/// <summary>Acknowledge an incident; start a reply draft from the charter's template.</summary>
public sealed class IncidentActionHandler(
    CmBotDbContext db,
    AuditLog audit,
    CardPublisher cards,
    Escalation.EscalationEngine escalation,
    DraftReview review,
    DraftStarter starter,
    TimeProvider time,
    Replies.Deadlines.ApprovalDeadlineEngine deadlines,
    IOptions<CmBotOptions> options) : IActionHandler
{
    public IReadOnlyCollection<string> Verbs { get; } = [ActionVerbs.Acknowledge, ActionVerbs.Draft];

    public async Task<ActionOutcome> HandleAsync(ChatAction action, Person person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(person);
        var incident = await LoadAsync(action.TargetId, cancellationToken);
        return action.Verb == ActionVerbs.Acknowledge
            ? await AcknowledgeAsync(incident, person, cancellationToken)
            : await DraftAsync(incident, person, cancellationToken);
    }

    private async Task<ActionOutcome> AcknowledgeAsync(Incident incident, Person person, CancellationToken cancellationToken)
    {
        incident.Acknowledge(person, time.GetUtcNow(), IncidentTexts.For(options.Value.Language));
        await audit.AppendAsync(person.Id, AuditActions.IncidentAcknowledged, Subjects.Incident, incident.Id.ToString(), new { incident.Number }, cancellationToken);
        await cards.IncidentChangedAsync(incident, cancellationToken);

        // The climb stops; reminders (if the policy has them) take over until the incident is resolved.
        await escalation.ReplanAsync(incident, cancellationToken);
        return ActionOutcome.Done(IncidentOutcomes.For(options.Value.Language).Acknowledged(incident.Number));
    }

    private async Task<ActionOutcome> DraftAsync(Incident incident, Person person, CancellationToken cancellationToken)
    {
        if (!incident.IsActive)
        {
            throw new DomainRuleException("state", $"Incident #{incident.Number} is closed.");
        }

        var first = await db.Mentions.AsNoTracking()
            .Where(m => m.IncidentId == incident.Id)
            .OrderBy(m => m.PublishedAt)
            .Select(m => new { m.Url, m.Language, m.Text })
            .FirstAsync(cancellationToken);
        var language = first.Language is "fr" or "en" ? first.Language : options.Value.Language;
        var target = first.Url ?? $"incident:{incident.Number}";
        var start = await starter.StartAsync(incident, person, language, first.Text, target, options.Value.Brand, cancellationToken);
        var text = start.Text;
        var (findings, requirement) = review.Assess(incident, text, target, person.FirstName);
        var draft = Draft.Create(Guid.NewGuid(), incident.Id, text, target, language, person, requirement, findings, time.GetUtcNow());
        db.Drafts.Add(draft);
        await audit.AppendAsync(
            person.Id, AuditActions.DraftCreated, Subjects.Draft, draft.Id.ToString(),
            new { incidentId = incident.Id, draft.Revision, sha256 = draft.TextSha256, origin = start.Origin.ToString(), suggestedFrom = start.SuggestedFrom, score = start.Score, requires = draft.RequiredRoles, why = requirement.Why, findings = findings.Select(f => f.Kind.ToString()).Distinct() },
            cancellationToken);
        await cards.DraftChangedAsync(draft, incident, cancellationToken);
        await deadlines.PlanAsync(draft, incident, cancellationToken);
        var from = start.Origin switch
        {
            DraftOrigin.Suggestion => $" It starts from an approved reply to a similar mention ({start.Score:P0} similar): check it fits.",
            DraftOrigin.Model => " It was written by the drafting model: check it.",
            _ => string.Empty,
        };
        return ActionOutcome.Done($"Draft started for incident #{incident.Number}; it needs approval by {draft.DescribeRequired()}.{from}");
    }

    private async Task<Incident> LoadAsync(string id, CancellationToken cancellationToken) =>
        Guid.TryParse(id, out var guid) && await db.Incidents.FindAsync([guid], cancellationToken) is { } incident
            ? incident
            : throw new DomainRuleException("not-found", $"Incident '{id}' does not exist.");
}
