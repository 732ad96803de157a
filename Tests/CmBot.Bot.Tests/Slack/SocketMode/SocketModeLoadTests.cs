using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace CmBot.Bot.Tests.Slack.SocketMode;

/// <summary>
/// Load runs over loopback: they assert completeness (every envelope accepted once, acked once, on its own
/// connection) and print throughput and ack latency for the record; no timing is asserted.
/// </summary>
public sealed class SocketModeLoadTests
{
    [Theory]
    [InlineData(2, 2000, 0)]
    [InlineData(2, 400, 200)]
    public async Task Envelopes_BurstOrPacedOverConnections_EachAcceptedAndAckedExactlyOnce(int connections, int envelopes, int perSecond)
    {
        using var timeout = TestTimeout.Start();
        var ct = timeout.Token;
        await using var rig = await SocketModeRig.StartAsync(ct, connections);
        var sockets = new FakeSocketModeConnection[connections];
        for (var i = 0; i < connections; i++)
        {
            sockets[i] = await rig.NextReadyConnectionAsync(ct);
            await sockets[i].SendAsync(SocketModeFixtures.AppMentionAs($"warm-{i}"), ct);
            await sockets[i].NextMessageAsync(ct);
        }

        var sentAt = new ConcurrentDictionary<string, long>();
        var latencies = new ConcurrentBag<double>();
        var acks = new ConcurrentDictionary<string, int>();
        var perSocket = envelopes / connections;
        var started = Stopwatch.GetTimestamp();
        var readers = sockets.Select((socket, s) => Task.Run(
            async () =>
            {
                for (var n = 0; n < perSocket; n++)
                {
                    var (ack, at) = await socket.NextTimedMessageAsync(ct);
                    var id = ack.GetProperty("envelope_id").GetString()!;
                    Assert.StartsWith($"s{s}-", id, StringComparison.Ordinal);
                    acks.AddOrUpdate(id, 1, (_, c) => c + 1);
                    latencies.Add(Stopwatch.GetElapsedTime(sentAt[id], at).TotalMilliseconds);
                }
            },
            ct)).ToArray();
        var writers = sockets.Select((socket, s) => Task.Run(
            async () =>
            {
                // Each connection carries its share of the rate.
                var interval = perSecond > 0 ? TimeSpan.FromSeconds(connections / (double)perSecond) : TimeSpan.Zero;
                for (var n = 0; n < perSocket; n++)
                {
                    var id = $"s{s}-{n}";
                    var envelope = SocketModeFixtures.AppMentionAs(id);
                    sentAt[id] = Stopwatch.GetTimestamp();
                    await socket.SendAsync(envelope, ct);
                    if (interval > TimeSpan.Zero)
                    {
                        var due = started + (long)((n + 1) * interval.TotalSeconds * Stopwatch.Frequency);
                        var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                        if (wait > TimeSpan.Zero)
                        {
                            await Task.Delay(wait, ct);
                        }
                    }
                }
            },
            ct)).ToArray();
        await Task.WhenAll(writers.Concat(readers));
        var elapsed = Stopwatch.GetElapsedTime(started);

        Assert.Equal(envelopes, acks.Count);
        Assert.All(acks.Values, count => Assert.Equal(1, count));
        Assert.Equal(envelopes + connections, rig.Inbound.Count);

        var sorted = latencies.Order().ToArray();
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Socket Mode load: {envelopes} envelopes over {connections} connections ({(perSecond > 0 ? $"paced at {perSecond}/s" : "burst")}) in {elapsed.TotalMilliseconds:0} ms = {envelopes / elapsed.TotalSeconds:0} envelopes/s; ack latency p50 {Percentile(sorted, 0.50):0.00} ms, p99 {Percentile(sorted, 0.99):0.00} ms, max {sorted[^1]:0.00} ms"));
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
