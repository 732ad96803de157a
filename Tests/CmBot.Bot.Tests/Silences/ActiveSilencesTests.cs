using CmBot.Bot.Silences;
using CmBot.Bot.Tests.Infrastructure;
using CmBot.Core.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CmBot.Bot.Tests.Silences;

/// <summary>The in-memory set the router reads: loaded from the table, kept current by this process, dropped by time.</summary>
public sealed class ActiveSilencesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Silence New(FakeTimeProvider clock, TimeSpan duration) =>
        Silence.Create(Guid.NewGuid(), SilenceMatch.Parse("kettle"), "camille", clock.GetUtcNow(), duration, "test");

    [Fact]
    public async Task GetAsync_RowsInTheTable_ActiveOnesLoadedExpiredOnesLeftOutThenExpireByTime()
    {
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, Ct);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
        await using var host = new CmBotHost(store, [new("Feeds:Replay:Enabled", "false")], s => s.AddSingleton<TimeProvider>(clock));
        var hour = New(clock, TimeSpan.FromHours(1));
        var day = New(clock, TimeSpan.FromDays(1));
        var over = New(clock, TimeSpan.FromHours(1)).EndEarly("hugo", clock.GetUtcNow());
        await host.QueryAsync(db =>
        {
            db.AddRange(StoredSilence.From(hour, "test"), StoredSilence.From(day, "test"), StoredSilence.From(over, "test"));
            return db.SaveChangesAsync(Ct);
        });
        var silences = host.Services.GetRequiredService<ActiveSilences>();
        await silences.RefreshAsync(Ct);

        var now = await silences.GetAsync(Ct);
        clock.Advance(TimeSpan.FromHours(1));
        var later = await silences.GetAsync(Ct);

        Assert.Equal(new[] { hour.Id, day.Id }.Order(), now.Select(s => s.Id).Order());
        Assert.Equal([day.Id], later.Select(s => s.Id));
        Assert.Equal("topic=~.*kettle.*", Assert.Single(later).Describe());
    }

    [Fact]
    public async Task UpsertAsync_NotYetCommitted_SurvivesAReloadThenEndedOneLeaves()
    {
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, Ct);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
        await using var host = new CmBotHost(store, [new("Feeds:Replay:Enabled", "false")], s => s.AddSingleton<TimeProvider>(clock));
        var silences = host.Services.GetRequiredService<ActiveSilences>();
        var silence = New(clock, TimeSpan.FromHours(2));

        await silences.UpsertAsync(silence, Ct);
        await silences.RefreshAsync(Ct);
        var afterReload = await silences.GetAsync(Ct);
        await silences.UpsertAsync(silence.EndEarly("hugo", clock.GetUtcNow()), Ct);
        var afterEnd = await silences.GetAsync(Ct);
        clock.Advance(ActiveSilences.LocalOverlay + TimeSpan.FromSeconds(1));
        await silences.UpsertAsync(New(clock, TimeSpan.FromHours(1)), Ct);
        await silences.RefreshAsync(Ct);

        Assert.Equal([silence.Id], afterReload.Select(s => s.Id));
        Assert.Empty(afterEnd);
        Assert.Single(await silences.GetAsync(Ct));
    }
}
