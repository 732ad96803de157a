namespace CmBot.Core.Chat;

/// <summary>The words on the incident lifecycle buttons, in the configured language.</summary>
public sealed record IncidentActionLabels(string AssignToMe, string EscalateNow, string Snooze, string Resolve, string Dismiss, string AssignedTo, string Closed)
{
    public static readonly IncidentActionLabels English = new("Assign to me", "Escalate now", "Snooze 30 min", "Resolve", "Dismiss (noise)", "Owner", "Closed");

    public static readonly IncidentActionLabels French = new("Me l'attribuer", "Escalader maintenant", "Reporter 30 min", "Résoudre", "Écarter (bruit)", "Responsable", "Clos");

    public static IncidentActionLabels For(CardLabels labels) => labels == CardLabels.French ? French : English;
}
