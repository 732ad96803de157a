using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CmBot.Core.Mentions;

namespace CmBot.Benchmarks;

/// <summary>
/// The bounded run of issue 6: writes a replay file of N mentions (the sample replay's mentions repeated with new
/// ids), then streams it line by line through full triage on one thread, printing throughput and managed memory
/// every tenth of the way. Memory must stay flat: nothing is kept per mention.
/// </summary>
public static class StreamRun
{
    public static int Run(int count)
    {
        var seed = TriageSetup.ReplayMentions();
        var triager = TriageSetup.CreateTriager();
        var file = Path.Combine(Path.GetTempPath(), $"cmbot-stream-{Environment.ProcessId}.jsonl");
        try
        {
            using (var writer = new StreamWriter(file))
            {
                for (var i = 0; i < count; i++)
                {
                    var m = seed[i % seed.Count];
                    writer.WriteLine(JsonSerializer.Serialize(new { id = $"s-{i}", source = m.Source, author = m.Author, reach = m.AuthorReach, lang = m.Language, text = m.Text }));
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"replay file: {count:N0} mentions, {new FileInfo(file).Length / 1_048_576.0:0.0} MiB"));
            var watch = Stopwatch.StartNew();
            var step = Math.Max(1, count / 10);
            var done = 0;
            var p1 = 0;
            long firstMemory = 0;
            foreach (var line in File.ReadLines(file))
            {
                using var json = JsonDocument.Parse(line);
                var root = json.RootElement;
                var mention = new MentionInput(root.GetProperty("source").GetString()!, root.GetProperty("id").GetString()!, "about:blank",
                    root.GetProperty("author").GetString()!, root.GetProperty("reach").GetInt32(), root.GetProperty("text").GetString()!,
                    root.GetProperty("lang").GetString(), DateTimeOffset.UnixEpoch);
                p1 += triager.Assess(mention).NeedsIncident ? 1 : 0;
                if (++done % step == 0)
                {
                    var memory = GC.GetTotalMemory(forceFullCollection: false);
                    firstMemory = firstMemory == 0 ? memory : firstMemory;
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{done,10:N0} mentions  {done / watch.Elapsed.TotalSeconds,10:N0}/s  managed heap {memory / 1_048_576.0,7:0.0} MiB  working set {Environment.WorkingSet / 1_048_576.0,7:0.0} MiB"));
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"total: {done:N0} mentions in {watch.Elapsed.TotalSeconds:0.0}s = {done / watch.Elapsed.TotalSeconds:N0} mentions/s on one thread (incl. JSON parsing); {p1:N0} at P2 or above; gen2 GCs {GC.CollectionCount(2)}"));
            return 0;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
