namespace CmBot.Core.Incidents;

/// <summary>P1 is the most urgent. Numeric values sort from most to least urgent.</summary>
public enum Severity
{
    P1 = 1,
    P2 = 2,
    P3 = 3,
    P4 = 4,
}
