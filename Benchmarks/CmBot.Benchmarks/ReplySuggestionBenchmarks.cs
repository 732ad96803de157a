using System.Globalization;
using BenchmarkDotNet.Attributes;
using CmBot.Core.Replies.Suggestions;

namespace CmBot.Benchmarks;

/// <summary>
/// Suggestions over 10,000 stored approved replies (half FR, half EN; mentions are real texts from
/// ../shared/data when present, else the sample replay's, each repeated with a numbered tail so every stored
/// mention is distinct): building the index, and one query (top 3) for each of 100 new mentions.
/// </summary>
[MemoryDiagnoser]
public class ReplySuggestionBenchmarks
{
    private ApprovedReply[] _replies = [];
    private string[] _queries = [];
    private ReplySuggestionIndex _index = null!;

    [Params(10_000)]
    public int Stored { get; set; } = 10_000;

    [GlobalSetup]
    public void Setup()
    {
        var texts = new Dictionary<string, IReadOnlyList<string>> { ["fr"] = TriageSetup.Texts("fr"), ["en"] = TriageSetup.Texts("en") };
        _replies = [.. Enumerable.Range(0, Stored).Select(i =>
        {
            var language = i % 2 == 0 ? "fr" : "en";
            var pool = texts[language];
            var mention = $"{pool[i / 2 % pool.Count]} ref{(i / 2 / pool.Count).ToString(CultureInfo.InvariantCulture)}";
            return new ApprovedReply(Guid.NewGuid(), language, mention, "Bonjour, merci. Camille, Lumio", "Camille");
        })];
        _queries = [.. texts["fr"].Take(50).Concat(texts["en"].Take(50))];
        _index = new ReplySuggestionIndex(_replies);
    }

    [Benchmark]
    public int BuildIndex() => new ReplySuggestionIndex(_replies).Count;

    [Benchmark(OperationsPerInvoke = 100)]
    public int Query()
    {
        var found = 0;
        for (var i = 0; i < _queries.Length; i++)
        {
            found += _index.Suggest(_queries[i], i < 50 ? "fr" : "en").Count;
        }

        return found;
    }
}
