using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CmBot.Bot.Tests.Slack.Web;

/// <summary>One request the fake received, as Slack would see it.</summary>
public sealed record FakeSlackRequest(
    DateTimeOffset At,
    string Method,
    string? Channel,
    string? ChannelId,
    int Status,
    string? Error,
    TimeSpan? RetryAfter,
    string? Authorization,
    string? ContentType,
    JsonObject Args);

/// <summary>A failure to answer with instead of the normal result, for the next call of <see cref="Method"/>.</summary>
public sealed record FakeSlackFault(string Method)
{
    /// <summary>Slack's error code in an HTTP 200 <c>{"ok":false}</c> answer.</summary>
    public string? Error { get; init; }

    /// <summary>An HTTP status without Slack JSON (a 503 from a proxy); 429 uses the recorded rate-limit body.</summary>
    public int? Status { get; init; }

    public int? RetryAfterSeconds { get; init; }

    /// <summary>Waits this long before answering (longer than the client's timeout: it gives up).</summary>
    public TimeSpan? Delay { get; init; }

    /// <summary>Does the work anyway before the fault (a post that went through although the answer was lost).</summary>
    public bool ApplyAnyway { get; init; }

    /// <summary>Answer this raw body (a recorded fixture) instead of the built one.</summary>
    public string? Body { get; init; }
}

/// <summary>A message the fake holds, with the metadata it was posted with.</summary>
public sealed record FakeSlackMessage(string ChannelId, string Ts, string Text, string? ThreadTs, JsonObject? Metadata, JsonArray? Blocks)
{
    /// <summary>The file this message shares (files.completeUploadExternal), if any.</summary>
    public string? FileId { get; init; }

    public string? MetadataKey => Metadata?["event_payload"]?["key"]?.GetValue<string>();

    public JsonObject ToJson(bool withMetadata)
    {
        var json = new JsonObject
        {
            ["type"] = "message", ["subtype"] = "bot_message", ["text"] = Text, ["ts"] = Ts, ["bot_id"] = "B0FAKEBOT1", ["user"] = "U0FAKEBOT1",
        };
        if (ThreadTs is not null)
        {
            json["thread_ts"] = ThreadTs;
        }

        if (Blocks is not null)
        {
            json["blocks"] = Blocks.DeepClone();
        }

        if (withMetadata && Metadata is not null)
        {
            json["metadata"] = Metadata.DeepClone();
        }

        return json;
    }
}

/// <summary>
/// What the fake Slack remembers: messages per channel, per-channel token buckets for posting (Slack's ~1 msg/s
/// with short bursts; the rate is configurable so tests stay short), faults to inject, and every request.
/// </summary>
public sealed partial class FakeSlackState(double channelRate, int channelBurst)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (double Tokens, DateTimeOffset Stamp)> _buckets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<FakeSlackMessage>> _messages = new(StringComparer.Ordinal);
    private long _lastMicros;

    public double ChannelRate { get; } = channelRate;
    public int ChannelBurst { get; } = channelBurst;
    public ConcurrentQueue<FakeSlackRequest> Requests { get; } = new();
    public ConcurrentDictionary<string, string> ChannelNames { get; } = new(StringComparer.Ordinal);
    public ConcurrentDictionary<string, byte[]> Uploads { get; } = new(StringComparer.Ordinal);

    /// <summary>Completed uploads: file id to the channel it was shared in ("" when kept private).</summary>
    public ConcurrentDictionary<string, string> FileShares { get; } = new(StringComparer.Ordinal);
    private int _files;
    private ConcurrentQueue<FakeSlackFault> Faults { get; } = new();

    public static string ChannelIdOf(string channel)
    {
        if (ChannelIdPattern().IsMatch(channel))
        {
            return channel;
        }

        // A user id as channel posts in the app's direct messages with that user, as Slack does.
        if (UserIdPattern().IsMatch(channel))
        {
            return "D" + channel[1..];
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(channel.TrimStart('#')));
        return "C" + Convert.ToHexString(hash)[..10];
    }

    public string NewFileId() => string.Create(CultureInfo.InvariantCulture, $"F0FAKE{Interlocked.Increment(ref _files):D5}");

    public void Inject(FakeSlackFault fault) => Faults.Enqueue(fault);

    /// <summary>The first queued fault for <paramref name="method"/>, if any (faults for other methods stay queued).</summary>
    public FakeSlackFault? TakeFault(string method)
    {
        lock (_lock)
        {
            var all = new List<FakeSlackFault>();
            while (Faults.TryDequeue(out var f))
            {
                all.Add(f);
            }

            var index = all.FindIndex(f => f.Method == method);
            FakeSlackFault? taken = null;
            if (index >= 0)
            {
                taken = all[index];
                all.RemoveAt(index);
            }

            all.ForEach(Faults.Enqueue);
            return taken;
        }
    }

    /// <summary>Seconds until this channel may post again (0 = now, and the token is spent), as Slack's limiter.</summary>
    public int Admit(string channelId, DateTimeOffset now)
    {
        if (ChannelRate <= 0)
        {
            return 0;
        }

        lock (_lock)
        {
            var (tokens, stamp) = _buckets.TryGetValue(channelId, out var bucket) ? bucket : (ChannelBurst, now);
            tokens = Math.Min(ChannelBurst, tokens + ((now - stamp).TotalSeconds * ChannelRate));
            if (tokens >= 1)
            {
                _buckets[channelId] = (tokens - 1, now);
                return 0;
            }

            _buckets[channelId] = (tokens, now);
            return Math.Max(1, (int)Math.Ceiling(((1 - tokens) / ChannelRate) - 1e-9));
        }
    }

    public string NewTs(DateTimeOffset now)
    {
        lock (_lock)
        {
            var micros = Math.Max(now.ToUnixTimeMilliseconds() * 1000, _lastMicros + 1);
            _lastMicros = micros;
            return string.Create(CultureInfo.InvariantCulture, $"{micros / 1_000_000}.{micros % 1_000_000:D6}");
        }
    }

    public FakeSlackMessage Store(FakeSlackMessage message)
    {
        lock (_lock)
        {
            if (!_messages.TryGetValue(message.ChannelId, out var list))
            {
                _messages[message.ChannelId] = list = [];
            }

            list.Add(message);
            return message;
        }
    }

    public bool Replace(string channelId, string ts, Func<FakeSlackMessage, FakeSlackMessage> change)
    {
        lock (_lock)
        {
            var list = _messages.GetValueOrDefault(channelId);
            var index = list?.FindIndex(m => m.Ts == ts) ?? -1;
            if (index < 0)
            {
                return false;
            }

            list![index] = change(list[index]);
            return true;
        }
    }

    public IReadOnlyList<FakeSlackMessage> Messages(string channel)
    {
        lock (_lock)
        {
            return [.. _messages.GetValueOrDefault(ChannelIdOf(channel)) ?? []];
        }
    }

    public IReadOnlyList<FakeSlackMessage> AllMessages()
    {
        lock (_lock)
        {
            return [.. _messages.Values.SelectMany(m => m)];
        }
    }

    [GeneratedRegex("^[CGD][A-Z0-9]{8,}$")]
    private static partial Regex ChannelIdPattern();

    [GeneratedRegex("^[UW][A-Z0-9]{8,}$")]
    private static partial Regex UserIdPattern();
}
