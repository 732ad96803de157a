using CmBot.Core.Incidents;

namespace CmBot.Core.Routing;

/// <summary>Grouping timings of a route, as in Alertmanager; a P1 is always sent at once (no group wait).</summary>
public sealed record GroupTimings(TimeSpan GroupWait, TimeSpan GroupInterval, TimeSpan RepeatInterval)
{
    public static readonly GroupTimings Default = new(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(5), TimeSpan.FromHours(4));

    public TimeSpan WaitFor(Severity severity) => severity == Severity.P1 ? TimeSpan.Zero : GroupWait;
}

/// <summary>
/// A node of the routing tree. Unset fields (receiver, group_by, timings) are inherited from the parent when the
/// tree is built, so every node is complete.
/// </summary>
public sealed class Route
{
    public Route(
        string receiver,
        IReadOnlyList<LabelMatcher> matchers,
        bool @continue,
        IReadOnlyList<string> groupBy,
        GroupTimings timings,
        IReadOnlyList<string> activeTimeIntervals,
        IReadOnlyList<string> muteTimeIntervals,
        IReadOnlyList<Route> routes,
        string? path = null)
    {
        Receiver = receiver;
        Matchers = matchers;
        Continue = @continue;
        GroupBy = groupBy;
        Timings = timings;
        ActiveTimeIntervals = activeTimeIntervals;
        MuteTimeIntervals = muteTimeIntervals;
        Routes = routes;
        Path = path ?? "route";
    }

    public string Receiver { get; }
    public IReadOnlyList<LabelMatcher> Matchers { get; }
    public bool Continue { get; }
    public IReadOnlyList<string> GroupBy { get; }
    public GroupTimings Timings { get; }
    public IReadOnlyList<string> ActiveTimeIntervals { get; }
    public IReadOnlyList<string> MuteTimeIntervals { get; }
    public IReadOnlyList<Route> Routes { get; }

    /// <summary>Where the route sits in the file, for messages (e.g. "route.routes[1]").</summary>
    public string Path { get; }

    public bool Matches(AlertLabels labels) => LabelMatcher.All(Matchers, labels);

    /// <summary>
    /// The routes an alert ends at: depth first, the deepest matching children; siblings after a match are tried
    /// only when it says <c>continue</c>; a node whose children all fail to match is itself the end.
    /// </summary>
    public IReadOnlyList<Route> Resolve(AlertLabels labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var found = new List<Route>();
        foreach (var child in Routes)
        {
            if (!child.Matches(labels))
            {
                continue;
            }

            found.AddRange(child.Resolve(labels));
            if (!child.Continue)
            {
                break;
            }
        }

        return found.Count > 0 ? found : [this];
    }

    /// <summary>The key alerts of this route are grouped by (the values of its group_by labels).</summary>
    public string GroupKey(AlertLabels labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return Path + "{" + string.Join(",", GroupBy.Select(g => $"{g}={string.Join('|', labels[g])}")) + "}";
    }

    public IEnumerable<Route> SelfAndDescendants() => Routes.SelectMany(r => r.SelfAndDescendants()).Prepend(this);
}
