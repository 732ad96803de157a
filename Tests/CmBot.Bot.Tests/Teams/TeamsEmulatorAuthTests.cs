using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CmBot.Bot.Hosting;
using CmBot.Bot.Teams;
using CmBot.Bot.Teams.Auth;
using CmBot.Bot.Teams.Outbound;
using CmBot.Bot.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CmBot.Bot.Tests.Teams;

/// <summary>
/// <c>Teams:Auth:AllowUnauthenticatedLoopback</c>, the switch for local emulators such as the Microsoft 365 Agents
/// Playground: off, an unsigned request is refused; on, it is accepted only from a loopback peer (no proxy header)
/// for a loopback serviceUrl; a bad token is still refused; the switch stops start-up outside Development/Testing;
/// replies to a loopback connector go without a bot token.
/// </summary>
public sealed class TeamsEmulatorAuthTests
{
    private const string PlaygroundServiceUrl = "http://localhost:56150/_connector";

    /// <summary>The test server has no socket: this header sets the peer address the endpoint sees.</summary>
    private const string PeerHeader = "X-Test-Peer-Address";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Messages_NoTokenSwitchOff_401()
    {
        await using var t = await TestBed.StartAsync(allowLoopback: false);

        var response = await t.PostAsync(Message(PlaygroundServiceUrl), peer: "127.0.0.1");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(t.Logs.Lines, l => l.Contains("refused with 401: no Authorization header", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("127.0.0.1", PlaygroundServiceUrl)]
    [InlineData("::1", "http://127.0.0.1:56150/_connector")]
    [InlineData("::ffff:127.0.0.1", "http://[::1]:56150/_connector/")]
    public async Task Messages_NoTokenSwitchOnLoopback_200AndLogged(string peer, string serviceUrl)
    {
        await using var t = await TestBed.StartAsync(allowLoopback: true);

        var response = await t.PostAsync(Message(serviceUrl), peer);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(t.Logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("WITHOUT a token from a loopback emulator", StringComparison.Ordinal));
        Assert.Contains(t.Logs.Lines, l => l.Contains("AllowUnauthenticatedLoopback is on", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("https://smba.trafficmanager.net/amer/")]
    [InlineData("http://10.0.0.5:56150/_connector")]
    [InlineData("http://localhost.evil.example/_connector")]
    public async Task Messages_NoTokenSwitchOnRemoteServiceUrl_401(string serviceUrl)
    {
        await using var t = await TestBed.StartAsync(allowLoopback: true);

        var response = await t.PostAsync(Message(serviceUrl), peer: "127.0.0.1");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(t.Logs.Lines, l => l.Contains("is not loopback", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("192.168.1.20", null)]
    [InlineData(null, null)]
    [InlineData("127.0.0.1", "X-Forwarded-For")]
    [InlineData("127.0.0.1", "Forwarded")]
    public async Task Messages_NoTokenSwitchOnNotFromThisMachine_401(string? peer, string? proxyHeader)
    {
        await using var t = await TestBed.StartAsync(allowLoopback: true);

        var response = await t.PostAsync(Message(PlaygroundServiceUrl), peer, proxyHeader: proxyHeader);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(t.Logs.Lines, l => l.Contains("refused with 401: no Authorization header", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Messages_BadTokenSwitchOnLoopback_401()
    {
        await using var t = await TestBed.StartAsync(allowLoopback: true);

        var response = await t.PostAsync(Message(PlaygroundServiceUrl), peer: "127.0.0.1", token: t.Identity.Token(PlaygroundServiceUrl, audience: "someone-else"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(t.Logs.Lines, l => l.Contains("another audience", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void EnsureAllowed_SwitchOnOutsideDevelopment_ConfigurationException(string environment)
    {
        var error = Assert.Throws<ConfigurationException>(() => LoopbackEmulator.EnsureAllowed(Configuration(true), new Environment(environment)));

        Assert.Contains("Teams:Auth:AllowUnauthenticatedLoopback", error.Message, StringComparison.Ordinal);
        Assert.Contains(environment, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckConfig_SwitchOnInProduction_ExitsNamingKey()
    {
        var result = await BotProcess.RunUntilExitAsync(
            new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["Teams__Enabled"] = "true",
                ["Teams__AppId"] = FakeBotFrameworkIdentity.AppId,
                ["Teams__AppPassword"] = "s3cr3t-app-password",
                ["Teams__Channels__Alerts"] = "19:a",
                ["Teams__Auth__AllowUnauthenticatedLoopback"] = "true",
            },
            TimeSpan.FromSeconds(60),
            ["check-config"],
            Ct);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Teams:Auth:AllowUnauthenticatedLoopback=true", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("'Production'", result.StandardError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Development", true)]
    [InlineData("Testing", true)]
    [InlineData("Production", false)]
    public void EnsureAllowed_AllowedCombination_Passes(string environment, bool on)
    {
        var exception = Record.Exception(() => LoopbackEmulator.EnsureAllowed(Configuration(on), new Environment(environment)));

        Assert.Null(exception);
    }

    [Fact]
    public void Defaults_SwitchOff()
    {
        Assert.False(new TeamsOptions().Auth.AllowUnauthenticatedLoopback);
    }

    [Theory]
    [InlineData(true, "http://localhost:56150/_connector", false)]
    [InlineData(true, "https://smba.trafficmanager.net/amer/", true)]
    [InlineData(false, "http://localhost:56150/_connector", true)]
    public async Task Send_LoopbackConnector_TokenOnlyWhenNeeded(bool allowLoopback, string serviceUrl, bool expectToken)
    {
        var handler = new RecordingHandler();
        var options = Options.Create(new TeamsOptions
        {
            Enabled = true,
            AppId = FakeBotFrameworkIdentity.AppId,
            AppPassword = "secret",
            TokenEndpoint = new Uri("http://127.0.0.1:9/botframework.com/oauth2/v2.0/token"),
            Auth = new TeamsAuthOptions { AllowUnauthenticatedLoopback = allowLoopback },
        });
        var factory = new HandlerFactory(handler);
        using var tokens = new BotTokenProvider(options, factory, TimeProvider.System);
        var client = new TeamsConnectorClient(factory.CreateClient("connector"), tokens, new TeamsRateLimits(options, TimeProvider.System), TimeProvider.System, NullLogger<TeamsConnectorClient>.Instance);

        var id = await client.SendAsync(new Uri(serviceUrl), "cmbot-e2e", new JsonObject { ["type"] = "message", ["text"] = "hi" }, "t", Ct);

        Assert.Equal("1", id);
        Assert.Equal(expectToken ? 1 : 0, handler.TokenRequests);
        var send = Assert.Single(handler.Sends);
        Assert.Equal(expectToken ? "Bearer token-1" : null, send);
    }

    private static string Message(string serviceUrl) =>
        TeamsTestHost.Activity("message.channel.mention.json", a => a["serviceUrl"] = serviceUrl);

    private static IConfiguration Configuration(bool on) =>
        new ConfigurationBuilder().AddInMemoryCollection([new(LoopbackEmulator.SettingKey, on ? "true" : "false")]).Build();

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "CmBot.Bot";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    /// <summary>Answers token requests with token-1 and activity posts with id 1; keeps each post's Authorization.</summary>
    private sealed class RecordingHandler : HttpMessageHandler
    {
        public int TokenRequests { get; private set; }

        public List<string?> Sends { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.AbsolutePath.EndsWith("/token", StringComparison.Ordinal))
            {
                TokenRequests++;
                return Task.FromResult(Json("""{"token_type":"Bearer","expires_in":3600,"access_token":"token-1"}"""));
            }

            Sends.Add(request.Headers.Authorization?.ToString());
            return Task.FromResult(Json("""{"id":"1"}"""));
        }

        private static HttpResponseMessage Json(string body) =>
            new(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
    }

    private sealed class HandlerFactory(HttpMessageHandler handler) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
    }

    /// <summary>Sets the connection's peer address from <see cref="PeerHeader"/> before the endpoints run.</summary>
    private sealed class PeerAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                context.Connection.RemoteIpAddress = context.Request.Headers.TryGetValue(PeerHeader, out var peer) ? IPAddress.Parse(peer.ToString()) : null;
                context.Request.Headers.Remove(PeerHeader);
                return following(context);
            });
            next(app);
        };
    }

    private sealed class TestBed : IAsyncDisposable
    {
        private TestBed(FakeBotFrameworkIdentity identity, TestStore store, CmBotHost host, ListLoggerProvider logs)
        {
            Identity = identity;
            Store = store;
            Host = host;
            Logs = logs;
            Client = host.CreateClient();
        }

        public FakeBotFrameworkIdentity Identity { get; }
        public TestStore Store { get; }
        public CmBotHost Host { get; }
        public ListLoggerProvider Logs { get; }
        public HttpClient Client { get; }

        public static async Task<TestBed> StartAsync(bool allowLoopback)
        {
            var identity = await FakeBotFrameworkIdentity.StartAsync();
            var store = await TestStore.CreateAsync(TestStore.Sqlite, Ct);
            var logs = new ListLoggerProvider();
            var host = TeamsTestHost.Create(
                store,
                identity,
                [new(LoopbackEmulator.SettingKey, allowLoopback ? "true" : "false")],
                s =>
                {
                    s.AddSingleton<ILoggerProvider>(logs);
                    s.AddSingleton<IStartupFilter, PeerAddressFilter>();
                },
                sendOutbox: false);
            return new TestBed(identity, store, host, logs);
        }

        public async Task<HttpResponseMessage> PostAsync(string body, string? peer, string? token = null, string? proxyHeader = null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            if (peer is not null)
            {
                request.Headers.Add(PeerHeader, peer);
            }

            if (proxyHeader is not null)
            {
                request.Headers.Add(proxyHeader, "203.0.113.9");
            }

            if (token is not null)
            {
                request.Headers.Authorization = new("Bearer", token);
            }

            return await Client.SendAsync(request, Ct);
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await Host.DisposeAsync();
            await Identity.DisposeAsync();
            Store.Dispose();
        }
    }
}
