using System.Globalization;
using CmBot.Bot.Hosting;
using CmBot.Bot.Routing;
using CmBot.Core.Incidents;
using CmBot.Core.Triage;
using CmBot.Core.Triage.Grading;
using CmBot.Core.Triage.Spikes;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;
using YamlDotNet.Serialization.NodeDeserializers;

namespace CmBot.Bot.Triage.Grading;

/// <summary>
/// severity.yaml as loaded: the grade, its VIP authors, the spike options, how often the baseline is saved, and the
/// incident burst rule (<see cref="TriagePolicy.BurstCount"/> mentions in <see cref="TriagePolicy.BurstWindow"/>).
/// </summary>
public sealed record SeverityConfiguration(SeverityGrader Grader, SpikeOptions Spikes, TimeSpan BaselineSaveEvery, TriagePolicy Policy)
{
    public static SeverityConfiguration Default { get; } = new(SeverityGrader.Default, SpikeOptions.Default, TimeSpan.FromMinutes(1), new TriagePolicy());
}

/// <summary>
/// Reads severity.yaml (weights, thresholds, reach tiers, VIP authors, spike options, incident burst rule). A key left out keeps the
/// default, which reproduces the built-in grade; every mistake stops start-up with the file, the line and the reason.
/// </summary>
public static class SeverityFile
{
    public const string Key = "CmBot:SeverityFile";

    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .WithNodeDeserializer(inner => new LineRecorder(inner), s => s.InsteadOf<ObjectNodeDeserializer>())
        .Build();

    public static SeverityConfiguration Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new ConfigurationException($"{Key}: '{path}' does not exist.");
        }

        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses the YAML text; <paramref name="path"/> only names it in errors.</summary>
    public static SeverityConfiguration Parse(string yaml, string path)
    {
        SeverityDocument document;
        try
        {
            document = Deserializer.Deserialize<SeverityDocument>(yaml) ?? new SeverityDocument();
        }
        catch (YamlException ex)
        {
            throw new ConfigurationException($"{path} line {ex.Start.Line}: {ex.InnerException?.Message ?? ex.Message}", ex);
        }

        var model = ReadModel(document, path);
        var vips = document.Vips.Select(v => ReadVip(v, path)).ToList();
        var grader = Checked(document.Line, path, () => new SeverityGrader(model, new VipDirectory(vips)));
        var (spikes, saveEvery) = ReadSpikes(document.Spikes, path);
        var policy = ReadBurst(document.Burst, path);
        return new SeverityConfiguration(grader, spikes, saveEvery, policy);
    }

    private static SeverityModel ReadModel(SeverityDocument d, string path)
    {
        var m = SeverityModel.Default;
        if (d.Weights is { } w)
        {
            m = m with
            {
                CriticalRisk = w.CriticalRisk ?? m.CriticalRisk,
                OtherRisk = w.OtherRisk ?? m.OtherRisk,
                VeryNegative = w.VeryNegative ?? m.VeryNegative,
                Negative = w.Negative ?? m.Negative,
                Complaint = w.Complaint ?? m.Complaint,
                Vip = w.Vip ?? m.Vip,
                Spike = w.Spike ?? m.Spike,
            };
            Checked(w.Line, path, () => m.Validated());
        }

        if (d.Sentiment is { } s)
        {
            m = m with { VeryNegativeBelow = s.VeryNegativeBelow ?? m.VeryNegativeBelow, NegativeBelow = s.NegativeBelow ?? m.NegativeBelow };
            Checked(s.Line, path, () => m.Validated());
        }

        if (d.Reach is { } r)
        {
            var tiers = m.Reach;
            if (r.Tiers is not null)
            {
                tiers = [.. r.Tiers.Select(t => new ReachTier(
                    t.From ?? throw new ConfigurationException($"{path} line {t.Line}: a reach tier needs 'from'."),
                    t.Weight ?? throw new ConfigurationException($"{path} line {t.Line}: a reach tier needs 'weight'.")))];
            }

            m = m with { Reach = tiers, ReachNeedsRisk = r.OnlyWithRisk ?? m.ReachNeedsRisk };
            Checked(r.Line, path, () => m.Validated());
        }

        if (d.Combine is { } combine)
        {
            m = m with
            {
                Combination = combine.Trim().ToLowerInvariant() switch
                {
                    "strongest" or "max" => SignalCombination.Strongest,
                    "sum" => SignalCombination.Sum,
                    _ => throw new ConfigurationException($"{path} line {d.Line}: combine is 'strongest' or 'sum', not '{combine}'."),
                },
            };
        }

        if (d.Thresholds is { } t)
        {
            m = m with { P1From = t.P1 ?? m.P1From, P2From = t.P2 ?? m.P2From, P3From = t.P3 ?? m.P3From };
            Checked(t.Line, path, () => m.Validated());
        }

        return m;
    }

    private static VipAuthor ReadVip(VipEntry v, string path)
    {
        if (string.IsNullOrWhiteSpace(v.Kind))
        {
            throw new ConfigurationException($"{path} line {v.Line}: a VIP needs a 'kind' (journalist, influencer, regulator...).");
        }

        if (v.Weight is < 0 or double.NaN)
        {
            throw new ConfigurationException($"{path} line {v.Line}: the VIP weight ({v.Weight}) must be zero or more.");
        }

        var handles = new List<KeyValuePair<string, string>>();
        foreach (var (source, value) in v.Handles)
        {
            IEnumerable<object?> values = value is string ? [value] : value is IEnumerable<object?> list ? list : [value];
            foreach (var handle in values)
            {
                if (handle is not string text || string.IsNullOrWhiteSpace(text) || string.IsNullOrWhiteSpace(text.Trim().TrimStart('@')))
                {
                    throw new ConfigurationException($"{path} line {v.Line}: VIP '{v.Kind}' has an empty or malformed handle for '{source}'.");
                }

                handles.Add(new(source, text));
            }
        }

        if (handles.Count == 0)
        {
            throw new ConfigurationException($"{path} line {v.Line}: VIP '{v.Kind}' lists no handles (e.g. handles: {{ mastodon: \"@jane@press.social\" }}).");
        }

        return new VipAuthor(v.Kind.Trim(), string.IsNullOrWhiteSpace(v.Label) ? null : v.Label.Trim(), v.Weight, handles);
    }

    private static (SpikeOptions Options, TimeSpan SaveEvery) ReadSpikes(SpikesEntry? s, string path)
    {
        var d = SpikeOptions.Default;
        if (s is null)
        {
            return (d, SeverityConfiguration.Default.BaselineSaveEvery);
        }

        var options = new SpikeOptions(
            Duration(s.Window, "spikes.window", s.Line, path) ?? d.Window,
            s.MinimumCount ?? d.MinimumCount,
            s.Ratio ?? d.Ratio,
            Duration(s.Cooldown, "spikes.cooldown", s.Line, path) ?? d.Cooldown,
            s.ColdStart ?? d.ColdStartPerWindow,
            s.Smoothing ?? d.Smoothing);
        Checked(s.Line, path, () => options.Validated());
        var saveEvery = Duration(s.SaveEvery, "spikes.save_every", s.Line, path) ?? SeverityConfiguration.Default.BaselineSaveEvery;
        if (saveEvery < TimeSpan.FromSeconds(1) || saveEvery > TimeSpan.FromHours(1))
        {
            throw new ConfigurationException($"{path} line {s.Line}: spikes.save_every ({saveEvery}) is between 1s and 1h.");
        }

        return (options, saveEvery);
    }

    private static TriagePolicy ReadBurst(BurstEntry? b, string path)
    {
        var d = SeverityConfiguration.Default.Policy;
        if (b is null)
        {
            return d;
        }

        var policy = d with
        {
            BurstCount = b.Count ?? d.BurstCount,
            BurstWindow = Duration(b.Window, "burst.window", b.Line, path) ?? d.BurstWindow,
            BurstSeverity = b.Severity is null ? d.BurstSeverity : BurstSeverity(b.Severity, b.Line, path),
        };
        if (policy.BurstCount < 2)
        {
            throw new ConfigurationException(string.Create(CultureInfo.InvariantCulture, $"{path} line {b.Line}: burst.count ({policy.BurstCount}) is at least 2; one mention is not a burst."));
        }

        if (policy.BurstWindow < TriagePolicy.MinimumBurstWindow || policy.BurstWindow > TriagePolicy.MaximumBurstWindow)
        {
            throw new ConfigurationException($"{path} line {b.Line}: burst.window ({b.Window}) is between 1m and 24h.");
        }

        return Checked(b.Line, path, policy.Validated);
    }

    private static Severity BurstSeverity(string text, int line, string path) =>
        text.Trim().ToUpperInvariant() switch
        {
            "P1" => Severity.P1,
            "P2" => Severity.P2,
            "P3" => Severity.P3,
            _ => throw new ConfigurationException($"{path} line {line}: burst.severity is P1, P2 or P3, not '{text}'."),
        };

    private static TimeSpan? Duration(string? text, string name, int line, string path)
    {
        if (text is null)
        {
            return null;
        }

        return RoutingFile.TryParseDuration(text, out var duration)
            ? duration
            : throw new ConfigurationException(string.Create(CultureInfo.InvariantCulture, $"{path} line {line}: {name} '{text}' is not a duration (30s, 15m, 1h)."));
    }

    private static T Checked<T>(int line, string path, Func<T> build)
    {
        try
        {
            return build();
        }
        catch (ArgumentException ex)
        {
            throw new ConfigurationException($"{path} line {line}: {ex.Message}", ex);
        }
    }

    private sealed class LineRecorder(INodeDeserializer inner) : INodeDeserializer
    {
        public bool Deserialize(IParser reader, Type expectedType, Func<IParser, Type, object?> nestedObjectDeserializer, out object? value, ObjectDeserializer rootDeserializer)
        {
            var line = reader.Current?.Start.Line ?? 0;
            if (!inner.Deserialize(reader, expectedType, nestedObjectDeserializer, out value, rootDeserializer))
            {
                return false;
            }

            if (value is SeverityYamlEntry entry)
            {
                entry.Line = (int)line;
            }

            return true;
        }
    }
}
