namespace CmBot.Core.Incidents;

/// <summary>The refusals a person reads when an incident rule says no, in French or English.</summary>
public sealed record IncidentTexts(
    Func<string, string> NoResponderRole,
    Func<string, string> CannotOwn,
    Func<string, string> OnlyLeadsAssignOthers,
    Func<int, IncidentStatus, string> AlreadyInState,
    string UnknownReason)
{
    public static readonly IncidentTexts English = new(
        name => $"{name} has no role that may act on incidents.",
        name => $"{name} cannot own incidents (no community manager, lead, comms or CEO role).",
        name => $"{name} may only assign incidents to themselves; a lead assigns others.",
        (number, status) => $"Incident #{number} is already {StatusWord(status, french: false)}.",
        "Dismiss needs a reason: noise, false positive or duplicate.");

    public static readonly IncidentTexts French = new(
        name => $"{name} n'a aucun rôle qui permet d'agir sur les incidents.",
        name => $"{name} ne peut pas prendre d'incident (ni community manager, ni lead, ni comms, ni PDG).",
        name => $"{name} ne peut s'attribuer l'incident qu'à soi-même ; un lead attribue aux autres.",
        (number, status) => $"L'incident n°{number} est déjà {StatusWord(status, french: true)}.",
        "Écarter demande une raison : bruit, faux positif ou doublon.");

    public static IncidentTexts For(string language) => language == "fr" ? French : English;

    private static string StatusWord(IncidentStatus status, bool french) => (status, french) switch
    {
        (IncidentStatus.Open, false) => "open",
        (IncidentStatus.Acknowledged, false) => "acknowledged",
        (IncidentStatus.Resolved, false) => "resolved",
        (IncidentStatus.Dismissed, false) => "dismissed",
        (IncidentStatus.Open, true) => "ouvert",
        (IncidentStatus.Acknowledged, true) => "pris en charge",
        (IncidentStatus.Resolved, true) => "résolu",
        _ => "écarté",
    };
}
