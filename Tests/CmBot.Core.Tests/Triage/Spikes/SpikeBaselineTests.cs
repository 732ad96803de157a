using CmBot.Core.Triage.Spikes;
using Microsoft.Extensions.Time.Testing;

namespace CmBot.Core.Tests.Triage.Spikes;

public sealed class SpikeBaselineTests
{
    // Tuesday 2026-11-24 10:00 UTC.
    private static readonly DateTimeOffset Tuesday10 = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    private static int Spikes(SpikeDetector detector, FakeTimeProvider clock, int count, TimeSpan every)
    {
        var spikes = 0;
        for (var i = 0; i < count; i++)
        {
            spikes += detector.Observe("acme") is null ? 0 : 1;
            clock.Advance(every);
        }

        return spikes;
    }

    /// <summary>Three weeks of 40 mentions an hour on Tuesdays 10:00, then the clock moves to the fourth Tuesday.</summary>
    private static SpikeDetector Learned(FakeTimeProvider clock)
    {
        var detector = new SpikeDetector(SpikeOptions.Default with { Cooldown = TimeSpan.Zero }, clock);
        for (var week = 0; week < 3; week++)
        {
            clock.SetUtcNow(Tuesday10.AddDays(7 * week));
            Spikes(detector, clock, 40, TimeSpan.FromSeconds(90));
        }

        clock.SetUtcNow(Tuesday10.AddDays(21));
        return detector;
    }

    [Fact]
    public void Restore_SavedBaseline_UsualBurstStaysUsual()
    {
        var clock = new FakeTimeProvider(Tuesday10);
        var saved = Learned(clock).TakeChanges();

        var restarted = new SpikeDetector(SpikeOptions.Default with { Cooldown = TimeSpan.Zero }, clock);
        restarted.Restore(saved);
        var otherClock = new FakeTimeProvider(Tuesday10.AddDays(21));
        var forgetful = new SpikeDetector(SpikeOptions.Default with { Cooldown = TimeSpan.Zero }, otherClock);

        Assert.Equal(0, Spikes(restarted, clock, 40, TimeSpan.FromSeconds(90)));
        Assert.True(Spikes(forgetful, otherClock, 40, TimeSpan.FromSeconds(90)) > 0);
    }

    [Fact]
    public void TakeChanges_NothingObservedSince_ReturnsNothing()
    {
        var clock = new FakeTimeProvider(Tuesday10);
        var detector = Learned(clock);

        var first = detector.TakeChanges();
        var second = detector.TakeChanges();
        detector.Observe("acme");

        var changed = Assert.Single(first);
        Assert.Equal("acme", changed.Key);
        Assert.Equal(168, changed.Baseline.Count);
        Assert.True(changed.Learned[SpikeDetector.HourOfWeek(Tuesday10)]);
        Assert.Empty(second);
        Assert.Equal(1, detector.ChangedCount);
    }

    [Fact]
    public void Restore_KeyAlreadyObserved_KeepsLiveState()
    {
        var clock = new FakeTimeProvider(Tuesday10);
        var saved = Learned(clock).TakeChanges();
        var detector = new SpikeDetector(SpikeOptions.Default, clock);
        detector.Observe("acme");

        detector.Restore(saved);

        Assert.Equal(SpikeOptions.Default.ColdStartPerWindow, detector.Usual("acme", SpikeDetector.HourOfWeek(Tuesday10)));
    }
}
