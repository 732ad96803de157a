using CmBot.Bot.Slack.SocketMode;
using Microsoft.Extensions.Time.Testing;

namespace CmBot.Bot.Tests.Slack.SocketMode;

/// <summary>The reconnect delay as a pure computation, and when a healthy connection resets it.</summary>
public sealed class ReconnectBackoffTests
{
    private static readonly TimeSpan Initial = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan HealthyAfter = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(5, 16)]
    [InlineData(6, 30)]
    [InlineData(1000, 30)]
    public void Compute_FailuresInARow_StepDoublesUpToTheCap(int attempt, int stepSeconds)
    {
        var shortest = ReconnectBackoff.Compute(attempt, 0, Initial, Max);
        var longest = ReconnectBackoff.Compute(attempt, 0.999_999, Initial, Max);

        Assert.Equal(TimeSpan.FromSeconds(stepSeconds) / 2, shortest);
        Assert.InRange(longest, TimeSpan.FromSeconds(stepSeconds) - TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(stepSeconds));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.25)]
    [InlineData(0.5)]
    [InlineData(0.75)]
    public void Compute_Jitter_SpreadsBetweenHalfAndFullStepNeverZero(double jitter)
    {
        var delay = ReconnectBackoff.Compute(3, jitter, Initial, Max);

        Assert.Equal(TimeSpan.FromSeconds(2) + (TimeSpan.FromSeconds(2) * jitter), delay);
    }

    [Theory]
    [InlineData(0, 0.5)]
    [InlineData(1, -0.1)]
    [InlineData(1, 1.0)]
    public void Compute_OutOfRangeArguments_Throws(int attempt, double jitter) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ReconnectBackoff.Compute(attempt, jitter, Initial, Max));

    [Fact]
    public void NextDelay_ConnectionsDroppingQuickly_KeepsGrowing()
    {
        var time = new FakeTimeProvider();
        var backoff = new ReconnectBackoff(Initial, Max, HealthyAfter, () => 0);

        var first = backoff.NextDelay(time.GetUtcNow());
        backoff.Connected(time.GetUtcNow());
        time.Advance(TimeSpan.FromSeconds(5));
        var second = backoff.NextDelay(time.GetUtcNow());

        Assert.Equal(TimeSpan.FromMilliseconds(500), first);
        Assert.Equal(TimeSpan.FromSeconds(1), second);
        Assert.Equal(2, backoff.Failures);
    }

    [Fact]
    public void NextDelay_AfterAHealthyConnection_StartsAgainFromTheInitialDelay()
    {
        var time = new FakeTimeProvider();
        var backoff = new ReconnectBackoff(Initial, Max, HealthyAfter, () => 0);
        for (var i = 0; i < 6; i++)
        {
            backoff.NextDelay(time.GetUtcNow());
        }

        backoff.Connected(time.GetUtcNow());
        time.Advance(HealthyAfter);
        var delay = backoff.NextDelay(time.GetUtcNow());

        Assert.Equal(TimeSpan.FromMilliseconds(500), delay);
        Assert.Equal(1, backoff.Failures);
    }

    [Fact]
    public void NextDelay_FailedOpensWithoutConnecting_NotResetByElapsedTime()
    {
        var time = new FakeTimeProvider();
        var backoff = new ReconnectBackoff(Initial, Max, HealthyAfter, () => 0);

        backoff.NextDelay(time.GetUtcNow());
        time.Advance(TimeSpan.FromMinutes(10));
        var delay = backoff.NextDelay(time.GetUtcNow());

        Assert.Equal(TimeSpan.FromSeconds(1), delay);
    }
}
