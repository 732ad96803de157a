using System.Net.WebSockets;
using CmBot.Bot.Hosting;
using CmBot.Bot.Slack;
using CmBot.Bot.Slack.Inbound;
using CmBot.Bot.Slack.SocketMode;
using CmBot.Bot.Slack.Web;
using CmBot.Bot.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace CmBot.Bot.Tests.Slack.SocketMode;

/// <summary>Socket Mode inside the real host: selected by configuration, validated at start, closed on shutdown.</summary>
public sealed class SocketModeHostTests
{
    private static KeyValuePair<string, string?>[] Settings(string mode, params KeyValuePair<string, string?>[] extra) =>
    [
        new("Feeds:Replay:Enabled", "false"),
        new("Slack:Enabled", "true"),
        new("Slack:Mode", mode),
        new("Slack:BotToken", "xoxb-test"),
        new("Slack:AppToken", "xapp-test"),
        new("Slack:SigningSecret", "test-secret"),
        new("Slack:Channels:Alerts", "C111"),
        new("Slack:SocketConnections", "1"),
        .. extra,
    ];

    private static Action<IServiceCollection> Fakes(ISlackApi api, ISlackInbound inbound) => services =>
    {
        services.RemoveAll<ISlackApi>();
        services.AddSingleton(api);
        services.RemoveAll<ISlackInbound>();
        services.AddSingleton(inbound);
    };

    [Fact]
    public async Task Host_SlackInSocketMode_EnvelopeReachesInboundAndSocketClosesOnShutdown()
    {
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, TestContext.Current.CancellationToken);
        await using var server = await FakeSocketModeServer.StartAsync(TestContext.Current.CancellationToken);
        var api = new FakeSocketModeApi(server);
        var inbound = new RecordingSlackInbound();
        var host = new CmBotHost(store, Settings("SocketMode"), Fakes(api, inbound));
        FakeSocketModeConnection connection;
        await using (host)
        {
            // The host's own start (migrations, first JIT) is not Socket Mode's time: the limit starts after it.
            _ = host.Services;
            using var timeout = TestTimeout.Start();
            var ct = timeout.Token;
            connection = await server.NextConnectionAsync(ct);
            await connection.SendAsync(SocketModeFixtures.Hello, ct);
            await connection.SendAsync(SocketModeFixtures.AppMention, ct);
            var request = await inbound.NextAsync(ct);
            var ack = await connection.NextMessageAsync(ct);

            Assert.Equal(SlackPayloadKind.Event, request.Kind);
            Assert.Equal(SocketModeFixtures.AppMentionEnvelopeId, ack.GetProperty("envelope_id").GetString());
        }

        Assert.Equal(WebSocketCloseStatus.NormalClosure, await connection.ClosedAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("Http", false)]
    [InlineData("SocketMode", true)]
    public void AddSlack_Mode_SocketModeServiceOnlyWhenSelected(string mode, bool expected)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(Settings(mode));

        builder.AddSlack();

        Assert.Equal(expected, builder.Services.Any(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(SocketModeService)));
    }

    [Theory]
    [InlineData("Slack:SocketMode:MaxConcurrentEnvelopes", "0")]
    [InlineData("Slack:SocketMode:KeepAliveInterval", "00:00:00")]
    [InlineData("Slack:SocketMode:ReconnectMaxDelay", "00:00:00.010")]
    public async Task AddSlackSocketMode_InvalidSetting_StartFailsNamingTheKey(string key, string value)
    {
        await using var server = await FakeSocketModeServer.StartAsync(TestContext.Current.CancellationToken);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection([new(key, value)]);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ISlackApi>(new FakeSocketModeApi(server));
        builder.Services.AddSingleton<ISlackInbound>(new RecordingSlackInbound());
        builder.AddSlackSocketMode();
        using var host = builder.Build();

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains(key, ConfigurationErrors.Describe(failure), StringComparison.Ordinal);
    }
}
