using CmBot.Bot.Slack;
using CmBot.Bot.Slack.SocketMode;
using Microsoft.Extensions.Options;

namespace CmBot.Bot.Tests.Slack.SocketMode;

/// <summary>
/// The Socket Mode service wired to a local Slack (server + apps.connections.open) and a recording inbound,
/// with short timings so reconnects happen within a test's few seconds.
/// </summary>
internal sealed class SocketModeRig : IAsyncDisposable
{
    private SocketModeRig(FakeSocketModeServer server, FakeSocketModeApi api, RecordingSlackInbound inbound, LogBook logs, SocketModeService service)
    {
        Server = server;
        Api = api;
        Inbound = inbound;
        Logs = logs;
        Service = service;
    }

    public FakeSocketModeServer Server { get; }
    public FakeSocketModeApi Api { get; }
    public RecordingSlackInbound Inbound { get; }
    public LogBook Logs { get; }
    public SocketModeService Service { get; }

    public static SocketModeOptions FastOptions() => new()
    {
        ReconnectInitialDelay = TimeSpan.FromMilliseconds(20),
        ReconnectMaxDelay = TimeSpan.FromMilliseconds(200),
        HelloTimeout = TimeSpan.FromSeconds(5),
        CloseTimeout = TimeSpan.FromSeconds(2),
    };

    /// <summary>Starts the server and the service; the service begins connecting at once.</summary>
    public static async Task<SocketModeRig> StartAsync(
        CancellationToken cancellationToken,
        int connections = 1,
        Action<SocketModeOptions>? configure = null,
        TimeProvider? time = null,
        Func<double>? jitter = null,
        IEnumerable<Exception>? failFirst = null)
    {
        var server = await FakeSocketModeServer.StartAsync(cancellationToken);
        var api = new FakeSocketModeApi(server);
        foreach (var failure in failFirst ?? [])
        {
            api.Failures.Enqueue(failure);
        }

        var inbound = new RecordingSlackInbound();
        var logs = new LogBook();
        var options = FastOptions();
        configure?.Invoke(options);
        var slack = new SlackOptions { Enabled = true, Mode = SlackMode.SocketMode, SocketConnections = connections };
        var handler = new SocketModeEnvelopeHandler(inbound, logs.For<SocketModeEnvelopeHandler>());
        var service = new SocketModeService(api, handler, Options.Create(slack), Options.Create(options), time ?? TimeProvider.System, logs.For<SocketModeService>())
        {
            Jitter = jitter ?? Random.Shared.NextDouble,
        };
        await service.StartAsync(cancellationToken);
        return new SocketModeRig(server, api, inbound, logs, service);
    }

    /// <summary>Takes the next connection and says hello on it, as Slack does.</summary>
    public async Task<FakeSocketModeConnection> NextReadyConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = await Server.NextConnectionAsync(cancellationToken);
        await connection.SendAsync(SocketModeFixtures.Hello, cancellationToken);
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        Server.StartReadingAll();
        await Service.StopAsync(CancellationToken.None);
        Service.Dispose();
        await Server.DisposeAsync();

        // Shown with a failing test: what an operator would have read.
        foreach (var (level, text) in Logs.Lines)
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"{level}: {text}");
        }
    }
}

/// <summary>A test's time limit: every wait in a Socket Mode test ends within 10 s, pass or fail.</summary>
internal static class TestTimeout
{
    public static CancellationTokenSource Start()
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        source.CancelAfter(TimeSpan.FromSeconds(10));
        return source;
    }
}
