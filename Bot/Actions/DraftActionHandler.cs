using CmBot.Bot.Chat;
using CmBot.Bot.Storage;
using CmBot.Bot.Publishing;
using CmBot.Bot.Replies;
using CmBot.Bot.Replies.Deadlines;
using CmBot.Core.Audit;
using CmBot.Core.Chat;
using CmBot.Core.Common;
using CmBot.Core.People;
using CmBot.Core.Replies;
using CmBot.Core.Replies.Suggestions;
using Microsoft.EntityFrameworkCore;

namespace CmBot.Bot.Actions;

/// <summary>Edit, approve, reject and publish a reply draft.</summary>
public sealed class DraftActionHandler(
    CmBotDbContext db,
    AuditLog audit,
    CardPublisher cards,
    DraftReview review,
    PeopleDirectory people,
    TimeProvider time,
    ApprovalDeadlineEngine deadlines,
    IEnumerable<Publishing.IReplyConnector> connectors) : IActionHandler
{
    public IReadOnlyCollection<string> Verbs { get; } =
        [ActionVerbs.EditDraft, ActionVerbs.UseSuggestion, ActionVerbs.Approve, ActionVerbs.Reject, ActionVerbs.RequestChanges, ActionVerbs.Publish, ActionVerbs.PublishDirect, ActionVerbs.BreakGlass, ActionVerbs.MarkReviewed, ActionVerbs.MarkPosted];

    public async Task<ActionOutcome> HandleAsync(ChatAction action, Person person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(person);
        var sourceId = Guid.Empty;
        var draft = (action.Verb == ActionVerbs.UseSuggestion ? DraftSuggestion.TryParseTarget(action.TargetId, out var id, out sourceId) : Guid.TryParse(action.TargetId, out id))
            ? await db.Drafts.Include(d => d.Approvals).SingleOrDefaultAsync(d => d.Id == id, cancellationToken)
            : null;
        if (draft is null)
        {
            throw new DomainRuleException("not-found", $"Draft '{action.TargetId}' does not exist.");
        }

        var incident = await db.Incidents.SingleAsync(i => i.Id == draft.IncidentId, cancellationToken);
        var now = time.GetUtcNow();
        var subject = draft.Id.ToString();
        string message;
        switch (action.Verb)
        {
            case ActionVerbs.EditDraft:
            case ActionVerbs.UseSuggestion:
                var text = action.Verb == ActionVerbs.UseSuggestion
                    ? await SuggestedTextAsync(sourceId, draft, person, cancellationToken)
                    : action.Input(CardInputs.DraftText) ?? throw new DomainRuleException("empty", "The edited text is missing.");
                var before = draft.Revision;
                var assessment = review.Assess(incident, text.Trim(), draft.Target, people.FindById(draft.AuthorId)?.FirstName);
                draft.Edit(person, text, assessment.Requirement, assessment.Findings, now);
                if (draft.Revision == before)
                {
                    return ActionOutcome.Done("No change to save.");
                }

                await audit.AppendAsync(person.Id, AuditActions.DraftEdited, Subjects.Draft, subject, new { draft.Revision, sha256 = draft.TextSha256, approvalsVoided = true, requires = draft.RequiredRoles, findings = assessment.Findings.Select(f => f.Kind.ToString()).Distinct(), suggestedFrom = action.Verb == ActionVerbs.UseSuggestion ? sourceId : (Guid?)null }, cancellationToken);
                message = $"Saved revision {draft.Revision}; earlier approvals no longer apply.";
                break;
            case ActionVerbs.Approve:
                var approval = draft.Approve(Guid.NewGuid(), person, action.Input(CardInputs.Comment), now, deadlines.DeadlineFor(incident));
                db.Approvals.Add(approval);
                await audit.AppendAsync(person.Id, AuditActions.ApprovalGranted, Subjects.Draft, subject, new { approval.Role, sha256 = approval.TextSha256, approval.Comment, asDeputyOf = approval.DeputyFor }, cancellationToken);
                message = draft.Status == DraftStatus.Approved
                    ? "Approved. The reply can be published."
                    : $"Approved. It still needs {draft.DescribeMissing()}.";
                break;
            case ActionVerbs.Reject:
                var rejection = draft.Reject(Guid.NewGuid(), person, action.Input(CardInputs.Comment), now, deadlines.DeadlineFor(incident));
                db.Approvals.Add(rejection);
                await audit.AppendAsync(person.Id, AuditActions.ApprovalRejected, Subjects.Draft, subject, new { rejection.Role, sha256 = rejection.TextSha256, rejection.Comment, asDeputyOf = rejection.DeputyFor }, cancellationToken);
                message = "Rejected; the author can edit and ask again.";
                break;
            case ActionVerbs.RequestChanges:
                var request = draft.RequestChanges(Guid.NewGuid(), person, action.Input(CardInputs.Comment), now);
                db.Approvals.Add(request);
                await audit.AppendAsync(person.Id, AuditActions.ChangesRequested, Subjects.Draft, subject, new { request.Role, sha256 = request.TextSha256, request.Comment }, cancellationToken);
                message = "Changes requested; the author sees your comment on the card.";
                break;
            case ActionVerbs.PublishDirect:
            case ActionVerbs.BreakGlass:
                if (action.Verb == ActionVerbs.PublishDirect)
                {
                    draft.PublishDirect(person, now);
                }
                else
                {
                    draft.BreakGlass(person, action.Input(CardInputs.Comment), now);
                }

                await audit.AppendAsync(person.Id, AuditActions.PublishedWithoutApproval, Subjects.Draft, subject,
                    new { mode = draft.PublishMode.ToString(), draft.Justification, sha256 = draft.TextSha256, missing = draft.DescribeMissing() }, cancellationToken);
                QueuePublication(draft, (int)incident.Severity);
                message = "Publishing… Legal and comms will review it afterwards.";
                break;
            case ActionVerbs.MarkPosted:
                draft.MarkPosted(person, action.Input(CardInputs.PostedLink), now);
                await audit.AppendAsync(person.Id, AuditActions.ReplyPublished, Subjects.Draft, subject,
                    new { connector = draft.PublishedVia, url = draft.PublishedUrl, sha256 = draft.TextSha256, incidentId = draft.IncidentId, mode = draft.PublishMode.ToString() }, cancellationToken);
                message = "Marked as posted.";
                break;
            case ActionVerbs.MarkReviewed:
                draft.MarkReviewed(person, now);
                await audit.AppendAsync(person.Id, AuditActions.ReplyReviewed, Subjects.Draft, subject, new { mode = draft.PublishMode.ToString(), sha256 = draft.TextSha256 }, cancellationToken);
                message = "Marked as reviewed.";
                break;
            default:
                draft.Publish(person, now);
                QueuePublication(draft, (int)incident.Severity);
                message = "Publishing…";
                break;
        }

        await cards.DraftChangedAsync(draft, incident, cancellationToken);
        if (action.Verb is ActionVerbs.EditDraft or ActionVerbs.UseSuggestion)
        {
            // A new text is a new request: its own reminder and deputy call (the old revision's triggers find nothing).
            await deadlines.PlanAsync(draft, incident, cancellationToken);
        }

        return ActionOutcome.Done(message);
    }

    /// <summary>The approved reply behind a suggestion button, re-signed by the person who clicked; only replies that went through approval.</summary>
    private async Task<string> SuggestedTextAsync(Guid sourceId, Draft draft, Person person, CancellationToken cancellationToken)
    {
        var source = await db.Drafts.AsNoTracking().SingleOrDefaultAsync(d => d.Id == sourceId, cancellationToken);
        var approved = source is not null && source.RequiredRoles.Length > 0
            && (source.Status == DraftStatus.Approved || (source.Status == DraftStatus.Published && source.PublishMode == PublishMode.Approved));
        if (!approved || source!.Language != draft.Language)
        {
            throw new DomainRuleException("not-found", "This suggestion is no longer an approved reply in the draft's language.");
        }

        return Signature.Resign(source.Text, people.FindById(source.AuthorId)?.FirstName, person.FirstName);
    }

    private void QueuePublication(Draft draft, int priority)
    {
        var connector = ReplyPublishHandler.ConnectorFor(connectors, draft.Target)
            ?? throw new DomainRuleException("no-connector", $"No publishing connector can answer {draft.Target}; configure one under Publishing.");
        db.Outbox.Add(new OutboxMessage
        {
            IdempotencyKey = $"publish:{draft.Id}:{draft.TextSha256}",
            Kind = OutboxKinds.PublishReply,
            Platform = connector.Name,
            Channel = "public",
            SubjectType = Subjects.Draft,
            SubjectId = draft.Id.ToString(),
            SubjectVersion = draft.Revision,
            Priority = priority,
            Payload = ReplyPublishHandler.Payload(draft),
            State = OutboxState.Pending,
            CreatedAt = time.GetUtcNow(),
        });
    }
}
