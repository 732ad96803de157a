using BenchmarkDotNet.Attributes;
using CmBot.Core.Mentions;
using CmBot.Core.Triage;

namespace CmBot.Benchmarks;

/// <summary>
/// Sentiment scoring and full triage over a batch of real texts, one thread. Throughput per core is
/// <c>Texts / Mean</c>; [MemoryDiagnoser] shows the allocations per batch.
/// </summary>
[MemoryDiagnoser]
public class TriageBenchmarks
{
    private SentimentScorer _scorer = null!;
    private Triager _triager = null!;
    private string[] _texts = [];
    private MentionInput[] _mentions = [];

    [Params("en", "fr")]
    public string Language { get; set; } = "en";

    public int Texts => _texts.Length;

    [GlobalSetup]
    public void Setup()
    {
        _scorer = TriageSetup.CreateScorer();
        _triager = TriageSetup.CreateTriager();
        _texts = [.. TriageSetup.Texts(Language).Take(1000)];
        _mentions = [.. _texts.Select((t, i) => new MentionInput("bench", i.ToString(System.Globalization.CultureInfo.InvariantCulture), "about:blank", "@a", 10, t, Language, DateTimeOffset.UnixEpoch))];
    }

    [Benchmark(OperationsPerInvoke = 1000)]
    public double Sentiment()
    {
        var sum = 0.0;
        foreach (var text in _texts)
        {
            sum += _scorer.Score(text, Language);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = 1000)]
    public int FullTriage()
    {
        var complaints = 0;
        foreach (var mention in _mentions)
        {
            complaints += _triager.Assess(mention).IsComplaint ? 1 : 0;
        }

        return complaints;
    }
}
