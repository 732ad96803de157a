using System.Globalization;
using CmBot.Core.Chat;

namespace CmBot.Core.Reporting;

/// <summary>The fixed words of SLA warnings, in French or English.</summary>
public sealed record SlaAlertLabels(
    string Warning,
    string Breach,
    string Owner,
    string Nobody,
    string Target,
    string Used,
    string Due,
    string Acknowledge,
    string AskOwner,
    string AskTeam,
    string AskLeads)
{
    public static readonly SlaAlertLabels English = new(
        "{0}% of the response target used", "Response target missed", "Owner", "nobody yet", "Target", "Used", "Due",
        "Acknowledge", "{0}, please acknowledge or hand it over.", "Nobody owns it yet: who takes it?",
        "Not acknowledged in time: a lead should step in.");

    public static readonly SlaAlertLabels French = new(
        "{0} % du délai de prise en charge écoulé", "Délai de prise en charge dépassé", "Responsable", "personne pour l'instant",
        "Objectif", "Écoulé", "Échéance", "Prendre en charge", "{0}, merci de prendre en charge ou de passer la main.",
        "Personne ne s'en occupe encore : qui le prend ?", "Pas pris en charge à temps : un responsable doit intervenir.");

    public static SlaAlertLabels For(string language) => language == "fr" ? French : English;
}

/// <summary>The card posted in an incident's thread when its response clock crosses a threshold.</summary>
public static class SlaAlertCards
{
    /// <param name="ownerName">The assignee's name, or null when nobody owns the incident.</param>
    public static Card Build(SlaAlertDue due, int number, string title, string? ownerName, string language, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(due);
        ArgumentNullException.ThrowIfNull(zone);
        var l = SlaAlertLabels.For(language);
        var culture = CultureInfo.GetCultureInfo(language == "fr" ? "fr-FR" : "en-GB");
        var verdict = due.Verdict;
        var heading = due.Announce == SlaThreshold.Breach ? l.Breach : string.Format(culture, l.Warning, (int)due.Announce);
        var ask = due.Announce == SlaThreshold.Breach ? l.AskLeads : ownerName is null ? l.AskTeam : string.Format(culture, l.AskOwner, ownerName);
        var dueAt = TimeZoneInfo.ConvertTime(verdict.DueAt, zone);
        return new Card
        {
            Title = string.Create(culture, $"⏱ #{number} {title} — {heading}"),
            Severity = verdict.Severity.ToString(),
            Status = string.Create(culture, $"{l.Due} {dueAt:d MMM HH:mm} ({zone.Id})"),
            Facts =
            [
                new CardFact(l.Owner, ownerName ?? l.Nobody),
                new CardFact(l.Target, DigestCards.Duration(verdict.Target, "—")),
                new CardFact(l.Used, DigestCards.Duration(verdict.Used, "—")),
            ],
            Texts = [new CardText(ask)],
            Actions = [new CardAction(ActionVerbs.Acknowledge, l.Acknowledge, verdict.IncidentId.ToString(), ActionStyle.Primary)],
        };
    }
}
