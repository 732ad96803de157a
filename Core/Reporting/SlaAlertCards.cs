using System.Globalization;
using CmBot.Core.Chat;
using CmBot.Core.People;

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
    string AskOnCall,
    string AskLeads)
{
    public static readonly SlaAlertLabels English = new(
        "{0}% of the response target used", "Response target missed", "Owner", "nobody yet", "Target", "Used", "Due",
        "Acknowledge", "{0}, please acknowledge or hand it over.", "Nobody owns it yet: who takes it?",
        "{0}, you are on call and nobody owns it yet: please take it or hand it over.",
        "Not acknowledged in time: a lead should step in.");

    public static readonly SlaAlertLabels French = new(
        "{0} % du délai de prise en charge écoulé", "Délai de prise en charge dépassé", "Responsable", "personne pour l'instant",
        "Objectif", "Écoulé", "Échéance", "Prendre en charge", "{0}, merci de prendre en charge ou de passer la main.",
        "Personne ne s'en occupe encore : qui le prend ?",
        "{0}, vous êtes d'astreinte et personne ne s'en occupe encore : merci de le prendre ou de passer la main.",
        "Pas pris en charge à temps : un responsable doit intervenir.");

    public static SlaAlertLabels For(string language) => language == "fr" ? French : English;
}

/// <summary>Who a warning speaks to: the incident's assignee, or (nobody owning it) whoever is on call.</summary>
public sealed record SlaAddressee(Person Person, bool OnCall);

/// <summary>The card posted in an incident's thread when its response clock crosses a threshold.</summary>
public static class SlaAlertCards
{
    /// <param name="addressee">The assignee, else the on-call person, else null (the team is asked). Warnings name
    /// them in a way each platform turns into a notification (<see cref="Card.Mentions"/>); a breach asks the leads.</param>
    public static Card Build(SlaAlertDue due, int number, string title, SlaAddressee? addressee, string language, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(due);
        ArgumentNullException.ThrowIfNull(zone);
        var l = SlaAlertLabels.For(language);
        var culture = CultureInfo.GetCultureInfo(language == "fr" ? "fr-FR" : "en-GB");
        var verdict = due.Verdict;
        var heading = due.Announce == SlaThreshold.Breach ? l.Breach : string.Format(culture, l.Warning, (int)due.Announce);
        var breach = due.Announce == SlaThreshold.Breach;
        var ask = breach ? l.AskLeads
            : addressee is null ? l.AskTeam
            : string.Format(culture, addressee.OnCall ? l.AskOnCall : l.AskOwner, addressee.Person.Name);
        var ownerName = addressee is { OnCall: false } owner ? owner.Person.Name : null;
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
            Mentions = !breach && addressee is not null ? [CardMention.Of(addressee.Person)] : [],
        };
    }
}
