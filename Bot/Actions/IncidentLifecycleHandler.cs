using System.Globalization;
using CmBot.Bot.Chat;
using CmBot.Bot.Escalation;
using CmBot.Bot.Hosting;
using CmBot.Bot.Storage;
using CmBot.Core.Audit;
using CmBot.Core.Chat;
using CmBot.Core.Common;
using CmBot.Core.Incidents;
using CmBot.Core.People;
using Microsoft.Extensions.Options;

namespace CmBot.Bot.Actions;

/// <summary>Assign, escalate now, snooze, resolve and dismiss an incident; each checked by Core's rules and audited.</summary>
public sealed class IncidentLifecycleHandler(
    CmBotDbContext db,
    AuditLog audit,
    CardPublisher cards,
    EscalationEngine escalation,
    PeopleDirectory people,
    TimeProvider time,
    IOptions<CmBotOptions> options) : IActionHandler
{
    public static readonly TimeSpan DefaultSnooze = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan MinSnooze = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan MaxSnooze = TimeSpan.FromHours(24);

    public IReadOnlyCollection<string> Verbs { get; } =
        [ActionVerbs.Assign, ActionVerbs.EscalateNow, ActionVerbs.Snooze, ActionVerbs.Resolve, ActionVerbs.Dismiss];

    private IncidentTexts Texts => IncidentTexts.For(options.Value.Language);

    private IncidentOutcomes Outcomes => IncidentOutcomes.For(options.Value.Language);

    public async Task<ActionOutcome> HandleAsync(ChatAction action, Person person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(person);
        var incident = Guid.TryParse(action.TargetId, out var id) && await db.Incidents.FindAsync([id], cancellationToken) is { } found
            ? found
            : throw new DomainRuleException("not-found", $"Incident '{action.TargetId}' does not exist.");
        var outcome = action.Verb switch
        {
            ActionVerbs.Assign => await AssignAsync(incident, person, action.Input(CardInputs.Assignee), cancellationToken),
            ActionVerbs.EscalateNow => await EscalateNowAsync(incident, person, cancellationToken),
            ActionVerbs.Snooze => await SnoozeAsync(incident, person, action.Input(CardInputs.SnoozeMinutes), cancellationToken),
            ActionVerbs.Resolve => await ResolveAsync(incident, person, cancellationToken),
            _ => await DismissAsync(incident, person, action.Input(CardInputs.DismissReason), cancellationToken),
        };
        await cards.IncidentChangedAsync(incident, cancellationToken);
        return outcome;
    }

    private async Task<ActionOutcome> AssignAsync(Incident incident, Person person, string? assigneeId, CancellationToken cancellationToken)
    {
        var assignee = string.IsNullOrWhiteSpace(assigneeId)
            ? person
            : people.FindById(assigneeId.Trim()) ?? throw new DomainRuleException("input", Texts.CannotOwn(assigneeId.Trim()));
        var from = incident.AssignedTo;
        incident.Assign(person, assignee, Texts);
        await audit.AppendAsync(person.Id, AuditActions.IncidentAssigned, Subjects.Incident, incident.Id.ToString(), new { incident.Number, from, to = assignee.Id }, cancellationToken);
        return ActionOutcome.Done(Outcomes.Assigned(incident.Number, assignee.Name));
    }

    private async Task<ActionOutcome> EscalateNowAsync(Incident incident, Person person, CancellationToken cancellationToken)
    {
        incident.RequireCanSteer(person, Texts);
        await escalation.EscalateNowAsync(incident, person, cancellationToken);
        return ActionOutcome.Done(Outcomes.EscalatedNow(incident.Number));
    }

    private async Task<ActionOutcome> SnoozeAsync(Incident incident, Person person, string? minutes, CancellationToken cancellationToken)
    {
        incident.RequireCanSteer(person, Texts);
        var delay = DefaultSnooze;
        if (!string.IsNullOrWhiteSpace(minutes))
        {
            delay = int.TryParse(minutes.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && TimeSpan.FromMinutes(value) is var asked && asked >= MinSnooze && asked <= MaxSnooze
                ? asked
                : throw new DomainRuleException("input", Outcomes.SnoozeRange);
        }

        var due = await escalation.SnoozeAsync(incident, person, delay, cancellationToken);
        return ActionOutcome.Done(Outcomes.Snoozed(incident.Number, due.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)));
    }

    private async Task<ActionOutcome> ResolveAsync(Incident incident, Person person, CancellationToken cancellationToken)
    {
        incident.Resolve(person, time.GetUtcNow(), Texts);
        await audit.AppendAsync(person.Id, AuditActions.IncidentResolved, Subjects.Incident, incident.Id.ToString(), new { incident.Number }, cancellationToken);
        return ActionOutcome.Done(Outcomes.Resolved(incident.Number));
    }

    private async Task<ActionOutcome> DismissAsync(Incident incident, Person person, string? reasonText, CancellationToken cancellationToken)
    {
        var reason = IncidentOutcomes.ParseReason(reasonText) ?? throw new DomainRuleException("input", Texts.UnknownReason);
        incident.Dismiss(person, reason, time.GetUtcNow(), Texts);
        await audit.AppendAsync(person.Id, AuditActions.IncidentDismissed, Subjects.Incident, incident.Id.ToString(), new { incident.Number, reason = reason.ToString() }, cancellationToken);
        return ActionOutcome.Done(Outcomes.Dismissed(incident.Number, reason.ToString()));
    }
}
