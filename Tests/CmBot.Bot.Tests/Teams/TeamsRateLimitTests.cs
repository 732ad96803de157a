using System.Threading.RateLimiting;
using CmBot.Bot.Chat;
using CmBot.Bot.Teams;
using CmBot.Bot.Teams.Outbound;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CmBot.Bot.Tests.Teams;

/// <summary>The per-thread and per-tenant limits, on a fake clock: no test waits.</summary>
public sealed class TeamsRateLimitTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);

    private static TimeSpan RetryAfter(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.Zero;

    [Fact]
    public void Acquire_SeventhThenEighthInOneSecond_EighthWaitsForTheFirstToAgeOut()
    {
        var clock = new FakeTimeProvider(Start);
        using var limiter = new SlidingLogRateLimiter(TeamsRateLimits.ThreadRules, clock);

        for (var i = 0; i < 7; i++)
        {
            using (var granted = limiter.AttemptAcquire())
            {
                Assert.True(granted.IsAcquired);
            }

            clock.Advance(TimeSpan.FromMilliseconds(100));
        }

        using var refused = limiter.AttemptAcquire();
        Assert.False(refused.IsAcquired);
        Assert.Equal(TimeSpan.FromMilliseconds(300) + TeamsRateLimits.Margin, RetryAfter(refused));
    }

    [Fact]
    public void Acquire_SlowAnswers_WindowCountsFromWhenEachCallWasAnswered()
    {
        var clock = new FakeTimeProvider(Start);
        using var limiter = new SlidingLogRateLimiter(TeamsRateLimits.ThreadRules, clock);
        var held = Enumerable.Range(0, 7).Select(_ => limiter.AttemptAcquire()).ToList();
        Assert.All(held, l => Assert.True(l.IsAcquired));

        // The server may have counted them as late as their answers: 400 ms after they left.
        clock.Advance(TimeSpan.FromMilliseconds(400));
        held.ForEach(l => l.Dispose());
        clock.Advance(TimeSpan.FromSeconds(1));
        using var tooEarly = limiter.AttemptAcquire();

        Assert.False(tooEarly.IsAcquired);
        Assert.Equal(TeamsRateLimits.Margin, RetryAfter(tooEarly));
    }

    [Fact]
    public void Acquire_BurstAcrossSecondBoundary_NeverMoreThanEightInTwoSeconds()
    {
        var clock = new FakeTimeProvider(Start);
        using var limiter = new SlidingLogRateLimiter(TeamsRateLimits.ThreadRules, clock);
        var grants = new List<DateTimeOffset>();

        // Try every 10 ms for 10 s: whatever is granted must respect every rule in every window.
        for (var step = 0; step < 1000; step++)
        {
            using (var lease = limiter.AttemptAcquire())
            {
                if (lease.IsAcquired)
                {
                    grants.Add(clock.GetUtcNow());
                }
            }

            clock.Advance(TimeSpan.FromMilliseconds(10));
        }

        // Checked against Teams' own windows (without the client's margin).
        foreach (var (permits, window) in new[] { (7, TimeSpan.FromSeconds(1)), (8, TimeSpan.FromSeconds(2)), (60, TimeSpan.FromSeconds(30)) })
        {
            Assert.All(grants, g => Assert.True(grants.Count(o => o >= g && o < g + window) <= permits, $"more than {permits} in {window} from {g:O}"));
        }

        Assert.InRange(grants.Count, 32, 40);
    }

    [Fact]
    public void Acquire_SixtyInThirtySeconds_SixtyFirstWaitsForTheWindow()
    {
        var clock = new FakeTimeProvider(Start);
        using var limiter = new SlidingLogRateLimiter(TeamsRateLimits.ThreadRules, clock);
        var granted = 0;
        while (granted < 60)
        {
            using var lease = limiter.AttemptAcquire();
            if (lease.IsAcquired)
            {
                granted++;
            }
            else
            {
                clock.Advance(RetryAfter(lease));
            }
        }

        clock.Advance(TimeSpan.FromSeconds(2));
        using var sixtyFirst = limiter.AttemptAcquire();

        Assert.False(sixtyFirst.IsAcquired);
        Assert.True(RetryAfter(sixtyFirst) > TimeSpan.FromSeconds(2), $"waits {RetryAfter(sixtyFirst)}");
    }

    [Fact]
    public async Task AcquireAsync_HourlyBudgetSpent_HandedToOutboxWithRetryAfter()
    {
        var clock = new FakeTimeProvider(Start);
        using var limits = new TeamsRateLimits(Options.Create(new TeamsOptions()), clock);
        for (var i = 0; i < 1800; i++)
        {
            // 1800 sends spread over 31 minutes: within every short-window rule, then the hour is spent.
            (await limits.AcquireAsync("19:busy@thread.tacv2", "tenant", TestContext.Current.CancellationToken)).Dispose();
            clock.Advance(TimeSpan.FromSeconds(1.04));
        }

        var refused = await Assert.ThrowsAsync<ChatDeliveryException>(() => limits.AcquireAsync("19:busy@thread.tacv2", "tenant", TestContext.Current.CancellationToken));

        Assert.False(refused.Permanent);
        Assert.True(refused.RetryAfter > TimeSpan.FromMinutes(20), $"retry after {refused.RetryAfter}");
        (await limits.AcquireAsync("19:other@thread.tacv2", "tenant", TestContext.Current.CancellationToken)).Dispose();
    }

    [Fact]
    public async Task AcquireAsync_TenantLimit_SharedAcrossThreads()
    {
        var clock = new FakeTimeProvider(Start);
        using var limits = new TeamsRateLimits(Options.Create(new TeamsOptions { TenantRequestsPerSecond = 3 }), clock);
        for (var i = 0; i < 3; i++)
        {
            (await limits.AcquireAsync($"19:thread-{i}@thread.tacv2", "contoso", TestContext.Current.CancellationToken)).Dispose();
        }

        var fourth = limits.AcquireAsync("19:thread-9@thread.tacv2", "contoso", TestContext.Current.CancellationToken);
        var otherTenant = limits.AcquireAsync("19:thread-9@thread.tacv2", "fabrikam", TestContext.Current.CancellationToken);

        Assert.True(otherTenant.IsCompletedSuccessfully);
        Assert.False(fourth.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1) + TeamsRateLimits.Margin);
        (await fourth).Dispose();
        (await otherTenant).Dispose();
    }
}
