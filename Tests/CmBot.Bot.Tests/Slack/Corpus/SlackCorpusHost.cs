using CmBot.Bot.Tests.Infrastructure;
using CmBot.Bot.Tests.Slack.Inbound;

namespace CmBot.Bot.Tests.Slack.Corpus;

/// <summary>
/// One Slack-enabled host shared by every case of <see cref="SlackCorpusContractTests"/> (a host per file would
/// start ~70 hosts on a shared machine). Cases run one after another within the class, so each case reads the
/// inbox rows and log lines added since it started.
/// </summary>
public sealed class SlackCorpusHost : IAsyncLifetime
{
    private TestStore? _store;

    public FakeSlackApi Api { get; } = new();
    public CapturedLogs Logs { get; } = new();
    public CmBotHost Host { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _store = await TestStore.CreateAsync(TestStore.Sqlite, TestContext.Current.CancellationToken);
        Host = SlackHost.Create(_store, Api, logs: Logs);
        Client = Host.CreateClient();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
        _store?.Dispose();
    }
}
