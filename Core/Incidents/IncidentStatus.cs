namespace CmBot.Core.Incidents;

public enum IncidentStatus
{
    Open,
    Acknowledged,
    Resolved,
    Dismissed,
}
