using CmBot.Core.Incidents;

namespace CmBot.Core.Triage;

/// <summary>
/// The verdict on one mention: a severity and the reason a person can read. <see cref="IsComplaint"/> says the
/// author reports a problem and expects a remedy; <see cref="ComplaintCues"/> are the words that showed it.
/// <see cref="Score"/> is the severity model's score the severity was read from (see Grading/SeverityModel).
/// </summary>
public sealed record TriageResult(
    string Language,
    double Sentiment,
    IReadOnlyList<RiskHit> Risks,
    string? TopicKey,
    Severity Severity,
    string Reason,
    bool IsComplaint = false,
    IReadOnlyList<string>? ComplaintCues = null,
    double Score = 0)
{
    public bool IsNegative => Sentiment <= TriagePolicy.NegativeThreshold;

    /// <summary>Only mentions at P2 or above open or join an incident; the rest are counted, not alerted.</summary>
    public bool NeedsIncident => Severity <= Severity.P2;
}
