using CmBot.Bot.Slack;
using CmBot.Bot.Slack.Inbound;
using CmBot.Bot.Slack.Web;
using CmBot.Bot.Tests.Infrastructure;
using CmBot.Bot.Tests.Slack.Inbound;
using CmBot.Bot.Tests.Slack.SocketMode;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace CmBot.Bot.Tests.Slack.Corpus;

/// <summary>
/// The real host in Socket Mode against <see cref="FakeSocketModeServer"/>, with CmBot's own inbound handling (only the
/// processor is removed: these tests look at acceptance and acks), one connection shared by the corpus cases.
/// </summary>
public sealed class SocketModeCorpusHost : IAsyncLifetime
{
    private TestStore? _store;
    private FakeSocketModeServer? _server;

    public CmBotHost Host { get; private set; } = null!;
    internal FakeSocketModeConnection Connection { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        _store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        _server = await FakeSocketModeServer.StartAsync(ct);
        var api = new FakeSocketModeApi(_server);
        KeyValuePair<string, string?>[] settings =
        [
            new("Feeds:Replay:Enabled", "false"),
            new("Slack:Enabled", "true"),
            new("Slack:Mode", "SocketMode"),
            new("Slack:BotToken", "xoxb-test"),
            new("Slack:AppToken", "xapp-test"),
            new("Slack:SigningSecret", "test-secret"),
            new("Slack:Channels:Alerts", "C111"),
            new("Slack:SocketConnections", "1"),
        ];
        Host = new CmBotHost(_store, settings, services =>
        {
            services.RemoveAll<ISlackApi>();
            services.AddSingleton<ISlackApi>(api);
            services.RemoveAll<ISlackUserDirectory>();
            services.AddSingleton<ISlackUserDirectory>(new FakeSlackApi());
            services.Remove(services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(SlackInboxProcessor)));
        });
        _ = Host.Services;
        Connection = await _server.NextConnectionAsync(ct);
        await Connection.SendAsync(SocketModeFixtures.Hello, ct);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _store?.Dispose();
    }
}
