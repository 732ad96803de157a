using CmBot.Core.Incidents;

namespace CmBot.Core.Routing;

/// <summary>
/// The labels routes, silences and inhibition rules match on. A label may carry several values (risk categories,
/// keywords); a missing label reads as the empty string, as in Alertmanager.
/// </summary>
public sealed class AlertLabels
{
    public const string Source = "source";
    public const string Language = "language";
    public const string Risk = "risk";
    public const string Severity = "severity";
    public const string Topic = "topic";
    public const string Keyword = "keyword";
    public const string Incident = "incident";

    private static readonly IReadOnlyList<string> Missing = [string.Empty];
    private readonly Dictionary<string, IReadOnlyList<string>> values = new(StringComparer.Ordinal);

    public AlertLabels(IEnumerable<KeyValuePair<string, IReadOnlyList<string>>> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        foreach (var (name, list) in labels)
        {
            var kept = list.Where(v => !string.IsNullOrEmpty(v)).Distinct(StringComparer.Ordinal).ToList();
            if (kept.Count > 0)
            {
                values[name] = kept;
            }
        }
    }

    public IReadOnlyList<string> this[string name] => values.TryGetValue(name, out var list) ? list : Missing;

    public IEnumerable<string> Names => values.Keys;

    /// <summary>The alert's severity label, P4 when absent or unreadable.</summary>
    public Severity SeverityValue =>
        Enum.TryParse<Severity>(this[Severity][0], ignoreCase: true, out var s) && Enum.IsDefined(s) ? s : Incidents.Severity.P4;

    /// <summary>Same values for the label (order ignored).</summary>
    public bool SameValues(AlertLabels other, string name)
    {
        ArgumentNullException.ThrowIfNull(other);
        return this[name].ToHashSet(StringComparer.Ordinal).SetEquals(other[name]);
    }

    public static AlertLabels Of(params (string Name, string Value)[] labels) =>
        new(labels.GroupBy(l => l.Name, StringComparer.Ordinal)
            .Select(g => new KeyValuePair<string, IReadOnlyList<string>>(g.Key, [.. g.Select(l => l.Value)])));

    /// <summary>The labels of an incident: severity, topic (its grouping key), risk categories, plus what the caller knows (source, language, keywords).</summary>
    public static AlertLabels For(Incident incident, IEnumerable<(string Name, string Value)>? extra = null)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var list = new List<(string, string)>
        {
            (Severity, incident.Severity.ToString()),
            (Topic, incident.Key),
            (Incident, incident.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        list.AddRange(incident.RiskCategories.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(r => (Risk, r)));
        if (extra is not null)
        {
            list.AddRange(extra);
        }

        return Of([.. list]);
    }

    public override string ToString() =>
        string.Join(", ", values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}={string.Join('|', v.Value)}"));
}
