using System.Diagnostics;
using System.Globalization;
using System.Buffers;
using System.Text.Json;
using CmBot.Core.Mentions;

namespace CmBot.Benchmarks;

/// <summary>
/// The bounded run of issue 6: writes a replay file of N mentions (the sample replay's mentions repeated with new
/// ids), then streams it line by line through full triage on one thread, printing throughput and managed memory
/// every tenth of the way. Memory must stay flat: nothing is kept per mention. Lines are read as UTF-8 bytes into one
/// reused buffer and parsed with <see cref="Utf8JsonReader"/> (no <see cref="JsonDocument"/>, no line string).
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
            foreach (var line in new Utf8Lines(file))
            {
                var mention = ParseMention(line.Span);
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

    /// <summary>One replay line to a mention; unknown properties are skipped.</summary>
    public static MentionInput ParseMention(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line);
        string? id = null, source = null, author = null, text = null, lang = null;
        var reach = 0;
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A replay line must be a JSON object.");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("text"u8))
            {
                reader.Read();
                text = reader.GetString();
            }
            else if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                id = reader.GetString();
            }
            else if (reader.ValueTextEquals("source"u8))
            {
                reader.Read();
                source = reader.GetString();
            }
            else if (reader.ValueTextEquals("author"u8))
            {
                reader.Read();
                author = reader.GetString();
            }
            else if (reader.ValueTextEquals("lang"u8))
            {
                reader.Read();
                lang = reader.TokenType == JsonTokenType.Null ? null : reader.GetString();
            }
            else if (reader.ValueTextEquals("reach"u8))
            {
                reader.Read();
                reach = reader.GetInt32();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return new MentionInput(source ?? throw new JsonException("source missing"), id ?? throw new JsonException("id missing"), "about:blank",
            author ?? throw new JsonException("author missing"), reach, text ?? throw new JsonException("text missing"), lang, DateTimeOffset.UnixEpoch);
    }

    /// <summary>The lines of a UTF-8 file as byte ranges of one reused, pooled buffer (valid until the next line).</summary>
    private sealed class Utf8Lines(string path) : IEnumerable<ReadOnlyMemory<byte>>
    {
        public IEnumerator<ReadOnlyMemory<byte>> GetEnumerator()
        {
            var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
            try
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
                int start = 0, end = 0;
                while (true)
                {
                    var newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
                    if (newline >= 0)
                    {
                        if (newline > 0)
                        {
                            yield return buffer.AsMemory(start, newline);
                        }

                        start += newline + 1;
                        continue;
                    }

                    // No full line left: keep the tail, grow the buffer if the line does not fit, and read on.
                    var tail = end - start;
                    if (tail == buffer.Length)
                    {
                        var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        buffer.AsSpan(start, tail).CopyTo(bigger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = bigger;
                    }
                    else
                    {
                        buffer.AsSpan(start, tail).CopyTo(buffer);
                    }

                    start = 0;
                    end = tail;
                    var read = stream.Read(buffer, end, buffer.Length - end);
                    if (read == 0)
                    {
                        if (end > 0)
                        {
                            yield return buffer.AsMemory(0, end);
                        }

                        yield break;
                    }

                    end += read;
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
