using System.Globalization;
using CmBot.Core.Chat;
using CmBot.Core.Incidents;

namespace CmBot.Core.Escalation;

/// <summary>The words of escalation notices, in the configured language.</summary>
public sealed record EscalationNoticeLabels(
    string StepTitle,
    string ReminderTitle,
    string NobodyAcknowledged,
    string StillUnresolved,
    string Paged,
    string Unreachable,
    string YouArePaged)
{
    public static readonly EscalationNoticeLabels English = new(
        "Escalation — step {0}",
        "Reminder",
        "Nobody has acknowledged #{0} for {1}.",
        "#{0} was acknowledged {1} ago and is not resolved.",
        "Notified",
        "Not reachable by direct message (no chat id in people.yaml)",
        "You are paged: escalation step {0}");

    public static readonly EscalationNoticeLabels French = new(
        "Escalade — étape {0}",
        "Rappel",
        "Personne n'a pris en charge #{0} depuis {1}.",
        "#{0} a été pris en charge il y a {1} et n'est pas résolu.",
        "Prévenus",
        "Injoignables en message direct (pas d'identifiant dans people.yaml)",
        "Vous êtes appelé·e : escalade, étape {0}");

    public static EscalationNoticeLabels For(string language) => language == "fr" ? French : English;
}

/// <summary>
/// The thread message an escalation notice leaves under the incident's alert ("step 2: nobody acknowledged #12 for
/// 10 min; notified: Léa Dubois"), and the status line of the alert card sent to a paged person directly.
/// </summary>
public static class EscalationNotices
{
    /// <param name="since">How long nobody acknowledged (from the first alert) or, for a reminder, since the acknowledgement.</param>
    public static Card ThreadNote(
        Incident incident,
        PlannedNotice notice,
        TimeSpan since,
        IReadOnlyList<string> notified,
        IReadOnlyList<string> unreachable,
        EscalationNoticeLabels labels)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(notified);
        ArgumentNullException.ThrowIfNull(unreachable);
        ArgumentNullException.ThrowIfNull(labels);
        var step = notice.Kind == NoticeKind.Step;
        var facts = new List<CardFact>();
        if (notified.Count > 0)
        {
            facts.Add(new CardFact(labels.Paged, string.Join(", ", notified)));
        }

        if (unreachable.Count > 0)
        {
            facts.Add(new CardFact(labels.Unreachable, string.Join(", ", unreachable)));
        }

        return new Card
        {
            Title = step ? Format(labels.StepTitle, notice.StepIndex + 1) : labels.ReminderTitle,
            Severity = incident.Severity.ToString(),
            Status = Format(step ? labels.NobodyAcknowledged : labels.StillUnresolved, incident.Number, Duration(since)),
            Facts = facts,
        };
    }

    /// <summary>The alert card as a paged person receives it: same actions, a status line saying why they get it.</summary>
    public static Card Paged(Card alert, PlannedNotice notice, EscalationNoticeLabels labels)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(labels);
        return alert with
        {
            Status = notice.Kind == NoticeKind.Step ? Format(labels.YouArePaged, notice.StepIndex + 1) : labels.ReminderTitle,
        };
    }

    /// <summary>"45 s", "10 min", "2 h 05", "3 d 4 h": short, the same in French and English.</summary>
    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }

        return span switch
        {
            { TotalMinutes: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalSeconds} s"),
            { TotalHours: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes} min"),
            { TotalDays: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours} h {span.Minutes:00}"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalDays} d {span.Hours} h"),
        };
    }

    private static string Format(string template, params object[] values) => string.Format(CultureInfo.InvariantCulture, template, values);
}
