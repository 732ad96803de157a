using System.Globalization;
using BenchmarkDotNet.Attributes;
using CmBot.Core.Routing;

namespace CmBot.Benchmarks;

/// <summary>
/// The routing decision for one alert with <see cref="Silences"/> active silences from chat (keyword regexes and
/// label matchers, none matching, so every one is tried): what the router pays per alert now that it reads the
/// silences from memory instead of the database.
/// </summary>
[MemoryDiagnoser]
public class SilenceRoutingBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private RoutingPolicy _policy = null!;
    private Silence[] _silences = [];
    private AlertLabels _alert = null!;

    [Params(0, 10, 100, 1000)]
    public int Silences { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _policy = new RoutingPolicy(
            new Route("team", [], false, [AlertLabels.Topic], GroupTimings.Default, [], [], [], "route"),
            [new Receiver("team", ["alerts"], [])], [], [], []);
        _silences = [.. Enumerable.Range(0, Silences).Select(i => Silence.Create(
            Guid.NewGuid(),
            SilenceMatch.Parse(i % 2 == 0 ? $"product{i.ToString(CultureInfo.InvariantCulture)}" : $"topic=other{i.ToString(CultureInfo.InvariantCulture)} source=reddit"),
            "camille", Now, TimeSpan.FromHours(2), "bench"))];
        _alert = AlertLabels.Of(("topic", "topic:kettle-k2"), ("severity", "P2"), ("risk", "safety"), ("source", "rss"));
    }

    [Benchmark]
    public bool Decide() => _policy.Decide(_alert, Now.AddMinutes(5), _silences, []).Send;
}
