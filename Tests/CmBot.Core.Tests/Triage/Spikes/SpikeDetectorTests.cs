using CmBot.Core.Incidents;
using CmBot.Core.Triage;
using CmBot.Core.Triage.Spikes;
using Microsoft.Extensions.Time.Testing;

namespace CmBot.Core.Tests.Triage.Spikes;

public sealed class SpikeDetectorTests
{
    // Tuesday 2026-11-24 10:00 UTC.
    private static readonly DateTimeOffset Tuesday10 = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    private static List<SpikeSignal> Burst(SpikeDetector detector, FakeTimeProvider clock, string key, int count, TimeSpan every)
    {
        var signals = new List<SpikeSignal>();
        for (var i = 0; i < count; i++)
        {
            if (detector.Observe(key) is { } signal)
            {
                signals.Add(signal);
            }

            clock.Advance(every);
        }

        return signals;
    }

    [Fact]
    public void Observe_FourteenMentionsInFifteenMinutesOnColdKey_OneSpikeWithReason()
    {
        var clock = new FakeTimeProvider(Tuesday10);
        var detector = new SpikeDetector(SpikeOptions.Default, clock);

        var signals = Burst(detector, clock, "acme", 14, TimeSpan.FromMinutes(1));

        var spike = Assert.Single(signals);
        Assert.Equal(10, spike.Count);
        Assert.Equal("10 mentions in 15 min, 10x the usual Tuesday 10:00", spike.Describe(french: false));
        Assert.Equal("10 mentions en 15 min, 10x l'habituel du mardi 10:00", spike.Describe(french: true));
    }

    [Fact]
    public void Observe_SteadyTrafficLearnedForThatHour_NoSpike()
    {
        var clock = new FakeTimeProvider(Tuesday10);
        var detector = new SpikeDetector(SpikeOptions.Default with { Cooldown = TimeSpan.Zero }, clock);

        // Three weeks of 40 mentions an hour on Tuesdays 10:00 (10 per 15 minutes), nothing else.
        for (var week = 0; week < 3; week++)
        {
            clock.SetUtcNow(Tuesday10.AddDays(7 * week));
            Burst(detector, clock, "acme", 40, TimeSpan.FromSeconds(90));
        }

        clock.SetUtcNow(Tuesday10.AddDays(21));
        var signals = Burst(detector, clock, "acme", 40, TimeSpan.FromSeconds(90));

        Assert.Empty(signals);
        Assert.InRange(detector.Usual("acme", SpikeDetector.HourOfWeek(Tuesday10)), 9.0, 10.5);
    }

    [Fact]
    public void Observe_BusyTuesdayMorningButQuietNight_SameCountIsSpikeOnlyAtNight()
    {
        var clock = new FakeTimeProvider(Tuesday10);
        var detector = new SpikeDetector(SpikeOptions.Default, clock);
        for (var week = 0; week < 2; week++)
        {
            clock.SetUtcNow(Tuesday10.AddDays(7 * week));
            Burst(detector, clock, "acme", 40, TimeSpan.FromSeconds(90));
        }

        // The quiet hours in between were learned as 0 (an hour without mentions teaches 0).
        clock.SetUtcNow(Tuesday10.AddDays(14));
        var morning = Burst(detector, clock, "acme", 14, TimeSpan.FromMinutes(1));
        clock.SetUtcNow(Tuesday10.AddDays(14).AddHours(13));
        var night = Burst(detector, clock, "acme", 14, TimeSpan.FromMinutes(1));

        Assert.Empty(morning);
        var spike = Assert.Single(night);
        Assert.Equal(SpikeDetector.HourOfWeek(Tuesday10) + 13, spike.HourOfWeek);
    }

    [Fact]
    public void Observe_LongWave_OneSignalPerCooldown()
    {
        var clock = new FakeTimeProvider(Tuesday10);
        var detector = new SpikeDetector(SpikeOptions.Default with { Ratio = 100 }, clock);

        // Two hours at 2 mentions a minute; the cold-start usual (1 per window) keeps the ratio of 100 out of reach.
        Assert.Empty(Burst(detector, clock, "acme", 60, TimeSpan.FromSeconds(30)));

        var wave = new SpikeDetector(SpikeOptions.Default, clock);
        var signals = Burst(wave, clock, "acme", 240, TimeSpan.FromSeconds(30));

        Assert.Equal(2, signals.Count);
        Assert.Equal(TimeSpan.FromHours(1), signals[1].At - signals[0].At);
    }

    [Fact]
    public void Observe_BelowMinimumCount_NoSpike()
    {
        var clock = new FakeTimeProvider(Tuesday10);
        var detector = new SpikeDetector(SpikeOptions.Default, clock);

        Assert.Empty(Burst(detector, clock, "acme", 9, TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void Observe_KeysAreCountedApart()
    {
        var clock = new FakeTimeProvider(Tuesday10);
        var detector = new SpikeDetector(SpikeOptions.Default, clock);
        var signals = new List<SpikeSignal>();
        for (var i = 0; i < 18; i++)
        {
            if (detector.Observe(i % 2 == 0 ? "acme" : "globex") is { } signal)
            {
                signals.Add(signal);
            }

            clock.Advance(TimeSpan.FromSeconds(20));
        }

        Assert.Empty(signals);
    }

    [Fact]
    public void Constructor_RatioNotAboveOne_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SpikeDetector(SpikeOptions.Default with { Ratio = 1 }, TimeProvider.System));
    }

    [Fact]
    public void Observe_PublishedTimesOfAReplay_UsesThemAndNeverRewinds()
    {
        var detector = new SpikeDetector(SpikeOptions.Default, new FakeTimeProvider(Tuesday10.AddDays(30)));
        SpikeSignal? last = null;
        for (var i = 0; i < 10; i++)
        {
            // The eighth item is late (published before the others): it counts at the latest time seen.
            var at = i == 7 ? Tuesday10 : Tuesday10.AddMinutes(i);
            last = detector.Observe("acme", at) ?? last;
        }

        Assert.NotNull(last);
        Assert.Equal(Tuesday10.AddMinutes(9), last.At);
        Assert.Equal(SpikeDetector.HourOfWeek(Tuesday10), last.HourOfWeek);
    }

    [Fact]
    public void Raise_NegativeMention_P1WithSpikeInReason()
    {
        var triage = new TriageResult("en", -0.4, [], "delivery", Severity.P3, "P3: negative");
        var spike = new SpikeSignal("delivery", 14, TimeSpan.FromMinutes(15), 2.8, SpikeDetector.HourOfWeek(Tuesday10), Tuesday10);

        var raised = spike.Raise(triage);

        Assert.Equal(Severity.P1, raised.Severity);
        Assert.Equal("P1: negative + 14 mentions in 15 min, 5x the usual Tuesday 10:00", raised.Reason);
        Assert.True(raised.NeedsIncident);
    }
}
