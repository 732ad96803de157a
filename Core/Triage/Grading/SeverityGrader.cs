using System.Globalization;
using System.Text;
using CmBot.Core.Incidents;
using CmBot.Core.Triage.Complaints;
using CmBot.Core.Triage.Spikes;

namespace CmBot.Core.Triage.Grading;

/// <summary>
/// Grades one mention with a <see cref="SeverityModel"/> and writes the one-line reason that names every factor that
/// counted, e.g. "P2: Safety / recall ('brulé') + reach 12,400 + VIP: journalist (Le Monde) + very negative".
/// </summary>
public sealed class SeverityGrader(SeverityModel model, VipDirectory vips)
{
    public static SeverityGrader Default { get; } = new(SeverityModel.Default, VipDirectory.Empty);

    public SeverityModel Model { get; } = model.Validated();

    public VipDirectory Vips { get; } = vips;

    /// <summary>The score, its severity and the reason for one triaged mention.</summary>
    public (Severity Severity, double Score, string Reason) Grade(double sentiment, IReadOnlyList<RiskHit> hits, ComplaintVerdict complaint, int reach, VipAuthor? vip)
    {
        ArgumentNullException.ThrowIfNull(hits);
        var m = Model;
        var signals = new List<double>(4);
        foreach (var hit in hits)
        {
            signals.Add(hit.Critical ? m.CriticalRisk : m.OtherRisk);
        }

        var tone = sentiment <= m.VeryNegativeBelow ? "very negative"
            : sentiment <= m.NegativeBelow ? "negative"
            : sentiment >= 0.3 ? "positive"
            : null;
        if (sentiment <= m.VeryNegativeBelow)
        {
            signals.Add(m.VeryNegative);
        }
        else if (sentiment <= m.NegativeBelow)
        {
            signals.Add(m.Negative);
        }

        if (complaint.IsComplaint)
        {
            signals.Add(m.Complaint);
        }

        var score = signals.Count == 0 ? 0 : m.Combination == SignalCombination.Sum ? signals.Sum() : signals.Max();
        var parts = new StringBuilder();
        foreach (var hit in hits)
        {
            Append(parts, $"{hit.Label} ({string.Join(", ", hit.Words.Select(w => $"'{w}'"))})");
        }

        var reachWeight = m.ReachNeedsRisk && hits.Count == 0 ? 0 : m.ReachWeight(reach);
        if (reachWeight > 0)
        {
            score += reachWeight;
            Append(parts, string.Create(CultureInfo.InvariantCulture, $"reach {reach:N0}"));
        }

        if (vip is not null)
        {
            score += vip.Weight ?? m.Vip;
            Append(parts, vip.Describe());
        }

        if (complaint.IsComplaint)
        {
            Append(parts, $"complaint ({string.Join(", ", complaint.Cues.Take(3).Select(c => $"'{c}'"))})");
        }

        if (tone is not null || parts.Length == 0)
        {
            Append(parts, tone ?? "neutral");
        }

        var severity = m.SeverityOf(score);
        return (severity, score, $"{severity}: {parts}");
    }

    /// <summary>
    /// The mention's verdict raised by a spike about its topic: the spike's weight joins the score (never lowering the
    /// severity) and the spike joins the reason ("P1: negative + 14 mentions in 15 min, 5x the usual Tuesday 10:00").
    /// </summary>
    public TriageResult Raise(TriageResult triage, SpikeSignal spike, bool french = false)
    {
        ArgumentNullException.ThrowIfNull(triage);
        ArgumentNullException.ThrowIfNull(spike);
        var score = triage.Score + Model.Spike;
        var severity = Model.SeverityOf(score);
        severity = severity < triage.Severity ? severity : triage.Severity;
        var colon = triage.Reason.IndexOf(": ", StringComparison.Ordinal);
        var why = colon >= 0 ? triage.Reason[(colon + 2)..] : triage.Reason;
        return triage with { Severity = severity, Score = score, Reason = $"{severity}: {why} + {spike.Describe(french)}" };
    }

    private static void Append(StringBuilder parts, string part)
    {
        if (parts.Length > 0)
        {
            parts.Append(" + ");
        }

        parts.Append(part);
    }
}
