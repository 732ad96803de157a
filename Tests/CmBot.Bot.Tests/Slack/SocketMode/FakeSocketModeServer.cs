using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CmBot.Bot.Tests.Slack.SocketMode;

/// <summary>
/// Slack's Socket Mode end on 127.0.0.1 (Kestrel, a free port): every WebSocket opened on <c>/link</c> is handed
/// to the test as a <see cref="FakeSocketModeConnection"/>, which the test scripts (hello, envelopes, disconnect,
/// drop) and reads acks from.
/// </summary>
internal sealed class FakeSocketModeServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<FakeSocketModeConnection> _accepted = Channel.CreateUnbounded<FakeSocketModeConnection>();
    private readonly List<FakeSocketModeConnection> _all = [];
    private readonly CancellationTokenSource _stopping = new();
    private int _count;

    private FakeSocketModeServer(WebApplication app)
    {
        _app = app;
    }

    public Uri BaseUrl { get; private set; } = new("ws://127.0.0.1/");

    public static async Task<FakeSocketModeServer> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeSocketModeServer(app);
        app.UseWebSockets();
        app.Map("/link", server.AcceptAsync);
        await app.StartAsync(cancellationToken);
        var http = new Uri(app.Urls.Single());
        server.BaseUrl = new Uri($"ws://127.0.0.1:{http.Port}/");
        return server;
    }

    /// <summary>A fresh URL, as apps.connections.open hands out (the ticket tells connections apart).</summary>
    public Uri UrlFor(int ticket) => new(BaseUrl, $"link/?ticket={ticket}&app_id=A111");

    /// <summary>How many WebSockets were opened so far.</summary>
    public int Accepted => Volatile.Read(ref _count);

    /// <summary>The next WebSocket the client opens.</summary>
    public async Task<FakeSocketModeConnection> NextConnectionAsync(CancellationToken cancellationToken) =>
        await _accepted.Reader.ReadAsync(cancellationToken);

    /// <summary>True when a connection was opened and not yet taken by <see cref="NextConnectionAsync"/>.</summary>
    public bool HasPendingConnection => _accepted.Reader.Count > 0;

    private async Task AcceptAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var socket = await context.WebSockets.AcceptWebSocketAsync();
        var number = Interlocked.Increment(ref _count);
        var ticket = context.Request.Query["ticket"].ToString();
        var connection = new FakeSocketModeConnection(socket, context, number, ticket, context.Request.QueryString.Value ?? string.Empty);
        lock (_all)
        {
            _all.Add(connection);
        }

        await _accepted.Writer.WriteAsync(connection, _stopping.Token);

        // The request (and so the socket) lives until the connection ends or the server stops.
        await connection.Done.WaitAsync(_stopping.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>Makes every connection read, so that the client's closes are answered rather than timing out.</summary>
    public void StartReadingAll()
    {
        lock (_all)
        {
            foreach (var connection in _all)
            {
                connection.StartReading();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        FakeSocketModeConnection[] all;
        lock (_all)
        {
            all = [.. _all];
        }

        foreach (var connection in all)
        {
            connection.Dispose();
        }

        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        _stopping.Dispose();
    }
}
