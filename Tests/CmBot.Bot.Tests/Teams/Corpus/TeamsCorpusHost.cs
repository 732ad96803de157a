using CmBot.Bot.Tests.Infrastructure;
using CmBot.Bot.Tests.Slack.Inbound;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CmBot.Bot.Tests.Teams.Corpus;

/// <summary>
/// One Teams-enabled host (fake Bot Framework identity, outbox not sent: the recorded activities name real Microsoft
/// hosts) shared by every case of <see cref="TeamsCorpusContractTests"/>; cases run one after another.
/// </summary>
public sealed class TeamsCorpusHost : IAsyncLifetime
{
    private TestStore? _store;

    public FakeBotFrameworkIdentity Identity { get; private set; } = null!;
    public CapturedLogs Logs { get; } = new();
    public CmBotHost Host { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Identity = await FakeBotFrameworkIdentity.StartAsync();
        _store = await TestStore.CreateAsync(TestStore.Sqlite, TestContext.Current.CancellationToken);
        Host = TeamsTestHost.Create(_store, Identity, services: s => s.AddSingleton<ILoggerProvider>(Logs), sendOutbox: false);
        Client = Host.CreateClient();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
        await Identity.DisposeAsync();
        _store?.Dispose();
    }
}
