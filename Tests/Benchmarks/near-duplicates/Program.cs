using System.Diagnostics;
using System.Globalization;
using CmBot.Core.Mentions;

// Streams the VADER human-rated texts (tweets, Amazon reviews, movie reviews, NYT editorials) through the same
// de-duplication the ingestor runs: fingerprint, then look for an earlier original among up to 5,000 (the ingestor's
// window bound), once with the linear scan and once with the LSH band index. Prints throughput of both, checks they
// collapse the same pairs, and shows what was collapsed so a person can judge the precision.
var data = args.Length > 0 ? args[0] : Path.Combine("..", "shared", "data", "labelled");
string[] files = ["tweets_GroundTruth.txt", "amazonReviewSnippets_GroundTruth.txt", "movieReviewSnippets_GroundTruth.txt", "nytEditorialSnippets_GroundTruth.txt"];
if (!files.All(f => File.Exists(Path.Combine(data, f))))
{
    Console.WriteLine($"skipped: the VADER files are not in {Path.GetFullPath(data)}");
    return 0;
}

var texts = files.SelectMany(f => File.ReadLines(Path.Combine(data, f)))
    .Select(l => l.Split('\t'))
    .Where(p => p.Length >= 3)
    .Select(p => p[2])
    .ToList();
const int Window = 5000;
var detector = new NearDuplicates();
var exactRepeats = texts.Count - texts.Distinct(StringComparer.Ordinal).Count();

// Warm up the JIT on a small slice of both paths, then measure the whole stream once each.
Run(texts.Take(300).ToList(), useIndex: false, []);
Run(texts.Take(300).ToList(), useIndex: true, []);
var collapsed = new List<(string Copy, string Original)>();
var (linearTime, linearAllocated) = Run(texts, useIndex: false, collapsed);
var indexCollapsed = new List<(string Copy, string Original)>();
var (indexTime, indexAllocated) = Run(texts, useIndex: true, indexCollapsed);
var sameAnswers = collapsed.SequenceEqual(indexCollapsed);

var fingerprintClock = Stopwatch.StartNew();
long sink = 0;
foreach (var text in texts)
{
    sink ^= SimHash.Compute(text) + SimHash.DistinctWords(text);
}

fingerprintClock.Stop();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fingerprints alone: {texts.Count / fingerprintClock.Elapsed.TotalSeconds:0} texts/s ({sink & 1})"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"texts: {texts.Count}, exact repeats in the data: {exactRepeats}, collapsed as copies: {collapsed.Count}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"linear scan: {linearTime.TotalSeconds:0.00} s, {texts.Count / linearTime.TotalSeconds:0} mentions/s (one thread, window {Window}), {linearAllocated / (double)texts.Count:0} bytes allocated per mention"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"LSH index:   {indexTime.TotalSeconds:0.00} s, {texts.Count / indexTime.TotalSeconds:0} mentions/s (one thread, window {Window}), {indexAllocated / (double)texts.Count:0} bytes allocated per mention"));
Console.WriteLine($"same collapsed pairs from both: {sameAnswers} ({indexCollapsed.Count})");
foreach (var (copy, original) in collapsed.Where(c => c.Copy != c.Original).Take(25))
{
    Console.WriteLine($"  copy:     {copy}");
    Console.WriteLine($"  original: {original}");
}

return sameAnswers ? 0 : 1;

(TimeSpan Elapsed, long Allocated) Run(List<string> stream, bool useIndex, List<(string Copy, string Original)> found)
{
    var window = new List<StoredFingerprint>(Window);
    var index = new NearDuplicateIndex(detector, Window);
    var byId = new Dictionary<Guid, string>();
    var before = GC.GetAllocatedBytesForCurrentThread();
    var clock = Stopwatch.StartNew();
    foreach (var text in stream)
    {
        var fingerprint = SimHash.Compute(text);
        var words = SimHash.DistinctWords(text);
        var original = useIndex ? index.FindOriginal(null, fingerprint, words) : detector.FindOriginal(null, fingerprint, words, window);
        if (original is not null)
        {
            found.Add((text, byId[original.Id]));
            continue;
        }

        var stored = new StoredFingerprint(Guid.NewGuid(), null, fingerprint, words);
        byId[stored.Id] = text;
        if (useIndex)
        {
            index.Add(stored, DateTimeOffset.UnixEpoch);
        }
        else
        {
            if (window.Count == Window)
            {
                window.RemoveAt(0);
            }

            window.Add(stored);
        }
    }

    clock.Stop();
    return (clock.Elapsed, GC.GetAllocatedBytesForCurrentThread() - before);
}
