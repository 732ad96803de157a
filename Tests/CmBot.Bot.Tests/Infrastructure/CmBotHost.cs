using System.Net.Http.Json;
using CmBot.Bot.Storage;
using CmBot.Bot.Sandbox;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CmBot.Bot.Tests.Infrastructure;

/// <summary>
/// The real host (Program) in memory, on a test store, with its own Quartz scheduler name. Replays the
/// shipped sample feed at start, exactly as <c>dotnet run --project Bot</c> does.
/// </summary>
public sealed class CmBotHost : WebApplicationFactory<Program>
{
    public const int SampleMentions = 240;

    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    public CmBotHost(TestStore store, IEnumerable<KeyValuePair<string, string?>>? extra = null, Action<IServiceCollection>? services = null)
    {
        _services = services;
        ArgumentNullException.ThrowIfNull(store);
        Store = store;
        _settings = new Dictionary<string, string?>(store.Settings())
        {
            ["Scheduling:SchedulerName"] = $"CmBotTest-{Guid.NewGuid():N}",
            ["Logging:LogLevel:Default"] = "Warning",
            ["CmBot:RoutingFile"] = ImmediateRouting.FilePath,
        };
        foreach (var (key, value) in extra ?? [])
        {
            _settings[key] = value;
        }
    }

    public TestStore Store { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_services is not null)
        {
            builder.ConfigureServices(_services);
        }
    }

    public async Task<T> QueryAsync<T>(Func<CmBotDbContext, Task<T>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<CmBotDbContext>());
    }

    /// <summary>Waits until the sample feed is fully ingested and the outbox has nothing left to send.</summary>
    public async Task WaitForReplayAsync(CancellationToken cancellationToken)
    {
        await Eventually.TrueAsync(
            () => QueryAsync(db => db.Mentions.CountAsync(cancellationToken)),
            count => count == SampleMentions,
            TimeSpan.FromSeconds(90),
            "the sample replay to be ingested",
            cancellationToken);
        await WaitForOutboxAsync(cancellationToken);
    }

    public Task WaitForOutboxAsync(CancellationToken cancellationToken) =>
        Eventually.TrueAsync(
            () => QueryAsync(db => db.Outbox.CountAsync(o => o.State == OutboxState.Pending || o.State == OutboxState.Sending, cancellationToken)),
            pending => pending == 0,
            TimeSpan.FromSeconds(30),
            "the outbox to drain",
            cancellationToken);

    public async Task<(int Status, string Message)> ActAsync(string personId, string verb, string targetId, IDictionary<string, string>? inputs = null)
    {
        using var client = CreateClient();
        var response = await client.PostAsJsonAsync(
            "/sandbox/api/actions",
            new SandboxActionRequest(personId, verb, targetId, "#cm-alerts", null, inputs?.ToDictionary()));
        var body = await response.Content.ReadFromJsonAsync<Core.Chat.ActionOutcome>();
        return ((int)response.StatusCode, body?.Message ?? string.Empty);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            // Releases the SQLite file so the data folder can be reopened (restart tests) or deleted.
            SqliteConnection.ClearAllPools();
        }
    }
}
