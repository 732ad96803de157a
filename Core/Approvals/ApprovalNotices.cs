using System.Globalization;
using CmBot.Core.Chat;
using CmBot.Core.Escalation;
using CmBot.Core.Incidents;
using CmBot.Core.Replies;

namespace CmBot.Core.Approvals;

/// <summary>The words of approval reminders and deputy calls, in the configured language.</summary>
public sealed record ApprovalNoticeLabels(
    string ReminderTitle,
    string DeputyTitle,
    string Waiting,
    string Late,
    string Needs,
    string Comment,
    string Approve,
    string Reject)
{
    public static readonly ApprovalNoticeLabels English = new(
        "Approval reminder",
        "Approval late — deputy called in",
        "The reply to #{0} has waited {1} for {2}.",
        "The reply to #{0} is late ({1}): {2} may now sign it as deputy of {3}.",
        "Needs",
        "Comment",
        "Approve",
        "Reject");

    public static readonly ApprovalNoticeLabels French = new(
        "Rappel d'approbation",
        "Approbation en retard — suppléant·e appelé·e",
        "La réponse à #{0} attend {2} depuis {1}.",
        "La réponse à #{0} est en retard ({1}) : {2} peut la signer en suppléance de {3}.",
        "Attend",
        "Commentaire",
        "Approuver",
        "Refuser");

    public static ApprovalNoticeLabels For(string language) => language == "fr" ? French : English;
}

/// <summary>
/// The card a reminder or a deputy call sends (in the incident's thread and by direct message): how long the reply
/// has waited, what it still needs, its text, and the buttons to approve or reject it there.
/// </summary>
public static class ApprovalNotices
{
    /// <param name="deputy">Who may sign in place of the late approvers (a name or a role); used by the deputy call.</param>
    public static Card Card(Draft draft, Incident incident, ApprovalNotice notice, string deputy, DateTimeOffset now, ApprovalNoticeLabels labels)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(labels);
        var waited = EscalationNotices.Duration(now - draft.ApprovalRequestedAt);
        var missing = draft.DescribeMissing();
        var reminder = notice.Kind == ApprovalNoticeKind.Reminder;
        var id = draft.Id.ToString();
        return new Card
        {
            Title = reminder ? labels.ReminderTitle : labels.DeputyTitle,
            Severity = incident.Severity.ToString(),
            Status = reminder
                ? string.Format(CultureInfo.InvariantCulture, labels.Waiting, incident.Number, waited, missing)
                : string.Format(CultureInfo.InvariantCulture, labels.Late, incident.Number, waited, deputy, missing),
            Facts = [new CardFact(labels.Needs, missing)],
            Texts = [new CardText(draft.Text, Quote: true)],
            Inputs = [new CardInput(CardInputs.Comment, labels.Comment, string.Empty, Multiline: false)],
            Actions =
            [
                new CardAction(ActionVerbs.Approve, labels.Approve, id, ActionStyle.Primary),
                new CardAction(ActionVerbs.Reject, labels.Reject, id, ActionStyle.Danger),
            ],
        };
    }
}
