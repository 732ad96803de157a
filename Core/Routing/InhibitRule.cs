namespace CmBot.Core.Routing;

/// <summary>
/// While an alert matching <see cref="Source"/> is open, alerts matching <see cref="Target"/> that share the
/// values of every <see cref="Equal"/> label are muted (e.g. an open P1 on a topic mutes its P2-P4 alerts).
/// An alert never inhibits itself.
/// </summary>
public sealed record InhibitRule(
    IReadOnlyList<LabelMatcher> Source,
    IReadOnlyList<LabelMatcher> Target,
    IReadOnlyList<string> Equal)
{
    /// <summary>The open alert that inhibits <paramref name="alert"/>, if any.</summary>
    public AlertLabels? InhibitedBy(AlertLabels alert, IEnumerable<AlertLabels> openAlerts)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(openAlerts);
        if (!LabelMatcher.All(Target, alert))
        {
            return null;
        }

        return openAlerts.FirstOrDefault(source =>
            !IsSame(source, alert)
            && LabelMatcher.All(Source, source)
            && Equal.All(label => source.SameValues(alert, label)));
    }

    private static bool IsSame(AlertLabels a, AlertLabels b) =>
        ReferenceEquals(a, b) || (a[AlertLabels.Incident][0].Length > 0 && a.SameValues(b, AlertLabels.Incident));
}
