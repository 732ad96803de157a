namespace CmBot.Core.Incidents;

/// <summary>Why an incident was dismissed rather than resolved. Stable names: the noise-ratio report reads them.</summary>
public enum DismissReason
{
    Noise,
    FalsePositive,
    Duplicate,
}
