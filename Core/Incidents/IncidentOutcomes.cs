namespace CmBot.Core.Incidents;

/// <summary>What the person who clicked reads back after an incident action, in French or English.</summary>
public sealed record IncidentOutcomes(
    Func<int, string> Acknowledged,
    Func<int, string, string> Assigned,
    Func<int, string> Resolved,
    Func<int, string, string> Dismissed,
    Func<int, string, string> Snoozed,
    Func<int, string> EscalatedNow,
    string SnoozeRange)
{
    public static readonly IncidentOutcomes English = new(
        n => $"Incident #{n} acknowledged.",
        (n, name) => $"Incident #{n} is now owned by {name}.",
        n => $"Incident #{n} resolved.",
        (n, reason) => $"Incident #{n} dismissed ({reason}).",
        (n, when) => $"Escalation of incident #{n} snoozed; next notice at {when} UTC.",
        n => $"Incident #{n}: the next escalation step was sent now.",
        "Snooze between 5 minutes and 24 hours (e.g. 30).");

    public static readonly IncidentOutcomes French = new(
        n => $"Incident n°{n} pris en charge.",
        (n, name) => $"L'incident n°{n} est maintenant suivi par {name}.",
        n => $"Incident n°{n} résolu.",
        (n, reason) => $"Incident n°{n} écarté ({reason}).",
        (n, when) => $"Escalade de l'incident n°{n} reportée ; prochain rappel à {when} UTC.",
        n => $"Incident n°{n} : l'étape d'escalade suivante vient d'être envoyée.",
        "Reporter de 5 minutes à 24 heures (par ex. 30).");

    public static IncidentOutcomes For(string language) => language == "fr" ? French : English;

    /// <summary>Reads a dismiss reason as typed or as a stable name: noise, false-positive (false positive, faux positif), duplicate (doublon).</summary>
    public static DismissReason? ParseReason(string? text) =>
        (text ?? string.Empty).Trim().ToLowerInvariant().Replace('_', '-').Replace(' ', '-') switch
        {
            "" or "noise" or "bruit" => DismissReason.Noise,
            "false-positive" or "falsepositive" or "faux-positif" => DismissReason.FalsePositive,
            "duplicate" or "doublon" => DismissReason.Duplicate,
            _ => null,
        };
}
