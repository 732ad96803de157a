using System.Diagnostics;
using System.Globalization;
using CmBot.Core.Mentions;

// Streams the VADER human-rated texts (tweets, Amazon reviews, movie reviews, NYT editorials) through the same
// de-duplication the ingestor runs: fingerprint, then compare with up to 5,000 earlier originals (the ingestor's
// window bound). Prints throughput and what was collapsed, so a person can judge the precision.
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
var window = new List<StoredFingerprint>(Window);
var collapsed = new List<(string Copy, string Original)>();
var byId = new Dictionary<Guid, string>();
var exactRepeats = texts.Count - texts.Distinct(StringComparer.Ordinal).Count();

// Warm up the JIT on a small slice, then measure the whole stream once.
foreach (var text in texts.Take(200))
{
    detector.FindOriginal(null, SimHash.Compute(text), SimHash.DistinctWords(text), []);
}

var before = GC.GetAllocatedBytesForCurrentThread();
var clock = Stopwatch.StartNew();
foreach (var text in texts)
{
    var fingerprint = SimHash.Compute(text);
    var words = SimHash.DistinctWords(text);
    var original = detector.FindOriginal(null, fingerprint, words, window);
    if (original is not null)
    {
        collapsed.Add((text, byId[original.Id]));
        continue;
    }

    var stored = new StoredFingerprint(Guid.NewGuid(), null, fingerprint, words);
    byId[stored.Id] = text;
    if (window.Count == Window)
    {
        window.RemoveAt(0);
    }

    window.Add(stored);
}

clock.Stop();
var fingerprintClock = Stopwatch.StartNew();
long sink = 0;
foreach (var text in texts)
{
    sink ^= SimHash.Compute(text) + SimHash.DistinctWords(text);
}

fingerprintClock.Stop();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fingerprints alone: {texts.Count / fingerprintClock.Elapsed.TotalSeconds:0} texts/s ({sink & 1})"));
var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"texts: {texts.Count}, exact repeats in the data: {exactRepeats}, collapsed as copies: {collapsed.Count}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"time: {clock.Elapsed.TotalSeconds:0.00} s, {texts.Count / clock.Elapsed.TotalSeconds:0} mentions/s (one thread, window {Window}), {allocated / (double)texts.Count:0} bytes allocated per mention"));
foreach (var (copy, original) in collapsed.Where(c => c.Copy != c.Original).Take(25))
{
    Console.WriteLine($"  copy:     {copy}");
    Console.WriteLine($"  original: {original}");
}

return 0;
