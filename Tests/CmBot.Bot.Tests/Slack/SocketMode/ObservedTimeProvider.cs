using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace CmBot.Bot.Tests.Slack.SocketMode;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also reports each timer created (with its due time), so a test can
/// wait until the code under test is really waiting before it moves the clock.
/// </summary>
internal sealed class ObservedTimeProvider : TimeProvider
{
    private readonly FakeTimeProvider _fake = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

    public override TimeZoneInfo LocalTimeZone => _fake.LocalTimeZone;

    public override long TimestampFrequency => _fake.TimestampFrequency;

    public void Advance(TimeSpan by) => _fake.Advance(by);

    /// <summary>The due time of the next timer created.</summary>
    public async Task<TimeSpan> NextTimerAsync(CancellationToken cancellationToken) => await _timers.Reader.ReadAsync(cancellationToken);

    public override DateTimeOffset GetUtcNow() => _fake.GetUtcNow();

    public override long GetTimestamp() => _fake.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        // Reported only once it exists, so that advancing the clock right after cannot miss it.
        var timer = _fake.CreateTimer(callback, state, dueTime, period);
        _timers.Writer.TryWrite(dueTime);
        return timer;
    }
}
