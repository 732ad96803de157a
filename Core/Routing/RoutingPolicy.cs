namespace CmBot.Core.Routing;

public enum Suppression
{
    None,
    Silenced,
    Inhibited,
    MutedByTime,
}

/// <summary>Which other open alerts inhibition has to look at for one alert.</summary>
public enum InhibitionScope
{
    /// <summary>No inhibit rule can target this alert: no open alert matters.</summary>
    None,

    /// <summary>Every rule that can target it asks for the same topic: only the open alerts on its topic matter.</summary>
    SameTopic,

    /// <summary>Some rule compares no topic: every open alert may inhibit it.</summary>
    All,
}

/// <summary>One place an alert is delivered: the receiver and the route that chose it (for its timings and grouping).</summary>
public sealed record RoutedReceiver(Receiver Receiver, Route Route, string GroupKey);

/// <summary>What the router decided for an alert: the receivers, or why nothing is sent.</summary>
public sealed record RoutingDecision(IReadOnlyList<RoutedReceiver> Receivers, Suppression Suppression, string? Why, Guid? SilenceId)
{
    public bool Send => Suppression == Suppression.None && Receivers.Count > 0;

    /// <summary>Every logical channel key of every receiver, once.</summary>
    public IReadOnlyList<string> ChannelKeys =>
        [.. Receivers.SelectMany(r => r.Receiver.Channels).Distinct(StringComparer.Ordinal)];

    public IReadOnlyList<string> People =>
        [.. Receivers.SelectMany(r => r.Receiver.People).Distinct(StringComparer.Ordinal)];
}

/// <summary>
/// The whole routing configuration (routing.yaml): the tree, receivers, time intervals, inhibition rules and
/// silences declared in configuration. <see cref="Decide"/> is pure: the caller passes the time, the stored
/// silences and the open alerts.
/// </summary>
public sealed class RoutingPolicy
{
    private readonly Dictionary<string, Receiver> receivers;
    private readonly Dictionary<string, TimeInterval> intervals;

    public RoutingPolicy(
        Route root,
        IEnumerable<Receiver> receivers,
        IEnumerable<TimeInterval> timeIntervals,
        IReadOnlyList<InhibitRule> inhibitRules,
        IReadOnlyList<Silence> configuredSilences)
    {
        ArgumentNullException.ThrowIfNull(root);
        Root = root;
        this.receivers = receivers.ToDictionary(r => r.Name, StringComparer.Ordinal);
        intervals = timeIntervals.ToDictionary(t => t.Name, StringComparer.Ordinal);
        InhibitRules = inhibitRules;
        ConfiguredSilences = configuredSilences;
        foreach (var route in root.SelfAndDescendants())
        {
            if (!this.receivers.ContainsKey(route.Receiver))
            {
                throw new ArgumentException($"{route.Path}: unknown receiver '{route.Receiver}' (known: {string.Join(", ", this.receivers.Keys)}).");
            }

            foreach (var name in route.ActiveTimeIntervals.Concat(route.MuteTimeIntervals).Where(n => !intervals.ContainsKey(n)))
            {
                throw new ArgumentException($"{route.Path}: unknown time interval '{name}' (known: {string.Join(", ", intervals.Keys)}).");
            }
        }
    }

    public Route Root { get; }
    public IReadOnlyList<InhibitRule> InhibitRules { get; }
    public IReadOnlyList<Silence> ConfiguredSilences { get; }
    public IReadOnlyCollection<Receiver> Receivers => receivers.Values;

    /// <summary>
    /// The open alerts <see cref="Decide"/> needs for <paramref name="alert"/>, so that a caller with many open
    /// incidents reads only those (an alert no rule targets needs none; rules that require an equal topic need the
    /// alert's own topic only).
    /// </summary>
    public InhibitionScope InhibitionScopeFor(AlertLabels alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var rules = InhibitRules.Where(r => LabelMatcher.All(r.Target, alert)).ToList();
        return rules.Count == 0 ? InhibitionScope.None
            : rules.All(r => r.Equal.Contains(AlertLabels.Topic, StringComparer.Ordinal)) ? InhibitionScope.SameTopic
            : InhibitionScope.All;
    }

    /// <summary>
    /// Routes the alert, then applies (in this order) silences, inhibition by another open alert, and the routes'
    /// active/mute time intervals. A P1 ignores time intervals: it is always sent unless silenced or inhibited.
    /// </summary>
    public RoutingDecision Decide(AlertLabels alert, DateTimeOffset now, IEnumerable<Silence> silences, IEnumerable<AlertLabels> openAlerts)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(silences);
        ArgumentNullException.ThrowIfNull(openAlerts);
        var routes = Root.Resolve(alert);
        var routed = routes.Select(r => new RoutedReceiver(receivers[r.Receiver], r, r.GroupKey(alert))).ToList();

        var silence = ConfiguredSilences.Concat(silences).FirstOrDefault(s => s.Mutes(alert, now));
        if (silence is not null)
        {
            return new RoutingDecision(routed, Suppression.Silenced, $"silence {silence.Id} by {silence.CreatedBy} until {silence.EndsAt:u}: {silence.Reason}", silence.Id);
        }

        var open = openAlerts.ToList();
        foreach (var rule in InhibitRules)
        {
            if (rule.InhibitedBy(alert, open) is { } source)
            {
                return new RoutingDecision(routed, Suppression.Inhibited, $"inhibited by open alert {source}", null);
            }
        }

        if (alert.SeverityValue == Incidents.Severity.P1)
        {
            return new RoutingDecision(routed, Suppression.None, null, null);
        }

        var live = routed.Where(r => InTime(r.Route, now)).ToList();
        return live.Count == 0 && routed.Count > 0
            ? new RoutingDecision(routed, Suppression.MutedByTime, $"outside the time intervals of {string.Join(", ", routed.Select(r => r.Route.Path))}", null)
            : new RoutingDecision(live, Suppression.None, null, null);
    }

    private bool InTime(Route route, DateTimeOffset now) =>
        (route.ActiveTimeIntervals.Count == 0 || route.ActiveTimeIntervals.Any(n => intervals[n].Contains(now)))
        && !route.MuteTimeIntervals.Any(n => intervals[n].Contains(now));
}
