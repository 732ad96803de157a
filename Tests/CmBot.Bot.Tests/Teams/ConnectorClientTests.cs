using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CmBot.Bot.Chat;
using CmBot.Bot.Teams;
using CmBot.Bot.Teams.Outbound;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CmBot.Bot.Tests.Teams;

/// <summary>
/// The connector client against recorded and scripted answers, in memory (no socket): the request it builds for a
/// reply is the one the recorded botbuilder-js bot sent, tokens are fetched once, refusals map to the outbox's terms.
/// </summary>
public sealed class ConnectorClientTests
{
    private static readonly Uri TokenEndpoint = new("http://127.0.0.1:9/botframework.com/oauth2/v2.0/token");

    [Fact]
    public async Task Reply_RecordedChannelThread_SamePathAndRecordedIdReturned()
    {
        var recording = TeamsFixtures.ReadObject("connector/20191020025611908-reply-integrationBot.json");
        var stub = new StubHandler((request, _) => request.RequestUri!.AbsolutePath.EndsWith("/token", StringComparison.Ordinal)
            ? Json(HttpStatusCode.OK, """{"token_type":"Bearer","expires_in":3600,"access_token":"token-1"}""")
            : Json((HttpStatusCode)(int)recording["status"]!, recording["response"]!.ToJsonString()));
        var client = Client(stub);

        var id = await client.ReplyAsync(
            new Uri("https://smba.trafficmanager.net/amer/"),
            "19:097e6717fd7245bdbeba6baa13840db8@thread.skype;messageid=1571540169848",
            "1571540169848",
            OutboundActivities.CardMessage(new JsonObject { ["type"] = "AdaptiveCard" }, "Total of 3 members", replyToId: "1571540169848"),
            "72f988bf-86f1-41af-91ab-2d7cd011db47",
            TestContext.Current.CancellationToken);

        Assert.Equal((string?)recording["response"]!["id"], id);
        var call = stub.Requests.Single(r => r.Path.Contains("/v3/", StringComparison.Ordinal));
        Assert.Equal((string?)recording["method"], call.Method);
        Assert.Equal((string?)recording["path"], call.Path);
        Assert.Equal("Bearer token-1", call.Authorization);
        var body = JsonNode.Parse(call.Body)!;
        Assert.Equal("message", (string?)body["type"]);
        Assert.Equal((string?)recording["body"]!["replyToId"], (string?)body["replyToId"]);
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)body["attachments"]![0]!["contentType"]);
    }

    [Fact]
    public async Task Send_ManyCalls_OneTokenRequest()
    {
        var stub = new StubHandler((request, _) => request.RequestUri!.AbsolutePath.EndsWith("/token", StringComparison.Ordinal)
            ? Json(HttpStatusCode.OK, """{"token_type":"Bearer","expires_in":3600,"access_token":"token-1"}""")
            : Json(HttpStatusCode.Created, """{"id":"1"}"""));
        var client = Client(stub);

        for (var i = 0; i < 5; i++)
        {
            await client.SendAsync(new Uri("https://smba.trafficmanager.net/emea/"), $"19:c{i}@thread.tacv2", new JsonObject { ["type"] = "message" }, "t", TestContext.Current.CancellationToken);
        }

        Assert.Single(stub.Requests, r => r.Path.EndsWith("/token", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Send_TokenRefusedOnce_NewTokenAndRetried()
    {
        var calls = 0;
        var stub = new StubHandler((request, _) =>
        {
            if (request.RequestUri!.AbsolutePath.EndsWith("/token", StringComparison.Ordinal))
            {
                return Json(HttpStatusCode.OK, $$"""{"token_type":"Bearer","expires_in":3600,"access_token":"token-{{Guid.NewGuid():N}}"}""");
            }

            return ++calls == 1 ? Json(HttpStatusCode.Unauthorized, "{}") : Json(HttpStatusCode.Created, """{"id":"7"}""");
        });

        var id = await Client(stub).SendAsync(new Uri("https://smba.trafficmanager.net/emea/"), "19:c@thread.tacv2", new JsonObject { ["type"] = "message" }, "t", TestContext.Current.CancellationToken);

        Assert.Equal("7", id);
        Assert.Equal(2, stub.Requests.Count(r => r.Path.EndsWith("/token", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, "30", false, 30)]
    [InlineData(HttpStatusCode.NotFound, null, true, null)]
    [InlineData(HttpStatusCode.Forbidden, null, true, null)]
    [InlineData(HttpStatusCode.BadRequest, null, true, null)]
    [InlineData(HttpStatusCode.InternalServerError, null, false, null)]
    public async Task Send_Refused_MappedForTheOutbox(HttpStatusCode status, string? retryAfter, bool permanent, int? retryAfterSeconds)
    {
        var stub = new StubHandler((request, _) =>
        {
            if (request.RequestUri!.AbsolutePath.EndsWith("/token", StringComparison.Ordinal))
            {
                return Json(HttpStatusCode.OK, """{"token_type":"Bearer","expires_in":3600,"access_token":"t"}""");
            }

            var response = Json(status, """{"error":{"code":"ConversationNotFound","message":"no such conversation"}}""");
            if (retryAfter is not null)
            {
                response.Headers.TryAddWithoutValidation("Retry-After", retryAfter);
            }

            return response;
        });

        var failure = await Assert.ThrowsAsync<ChatDeliveryException>(() =>
            Client(stub).SendAsync(new Uri("https://smba.trafficmanager.net/emea/"), "19:c@thread.tacv2", new JsonObject { ["type"] = "message" }, "t", TestContext.Current.CancellationToken));

        Assert.Equal(permanent, failure.Permanent);
        Assert.Equal(retryAfterSeconds is null ? null : TimeSpan.FromSeconds(retryAfterSeconds.Value), failure.RetryAfter);
        Assert.Single(stub.Requests, r => r.Path.Contains("/v3/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Token_HttpsAuthority_FromMsalCachedAndScopedToBotFramework()
    {
        var stub = new StubHandler((request, body) => request.RequestUri!.AbsolutePath switch
        {
            "/common/discovery/instance" => Json(HttpStatusCode.OK, """{"tenant_discovery_endpoint":"https://login.microsoftonline.com/botframework.com/v2.0/.well-known/openid-configuration","api-version":"1.1","metadata":[{"preferred_network":"login.microsoftonline.com","preferred_cache":"login.windows.net","aliases":["login.microsoftonline.com","login.windows.net"]}]}"""),
            "/botframework.com/oauth2/v2.0/token" when body.Contains("client_credentials", StringComparison.Ordinal) && body.Contains("api.botframework.com", StringComparison.Ordinal) =>
                Json(HttpStatusCode.OK, """{"token_type":"Bearer","expires_in":3599,"ext_expires_in":3599,"access_token":"msal-token"}"""),
            _ => Json(HttpStatusCode.NotFound, "{}"),
        });
        var options = Options.Create(new TeamsOptions { Enabled = true, AppId = FakeBotFrameworkIdentity.AppId, AppPassword = "secret" });
        using var tokens = new BotTokenProvider(options, new StubFactory(stub), TimeProvider.System);

        var first = await tokens.GetTokenAsync(TestContext.Current.CancellationToken);
        var second = await tokens.GetTokenAsync(TestContext.Current.CancellationToken);

        Assert.Equal("msal-token", first);
        Assert.Equal("msal-token", second);
        Assert.Single(stub.Requests, r => r.Path.EndsWith("/token", StringComparison.Ordinal));
    }

    private static TeamsConnectorClient Client(StubHandler stub)
    {
        var options = Options.Create(new TeamsOptions
        {
            Enabled = true,
            AppId = FakeBotFrameworkIdentity.AppId,
            AppPassword = "secret",
            TokenEndpoint = TokenEndpoint,
        });
        var factory = new StubFactory(stub);
        var tokens = new BotTokenProvider(options, factory, TimeProvider.System);
        var limits = new TeamsRateLimits(options, TimeProvider.System);
        return new TeamsConnectorClient(factory.CreateClient("connector"), tokens, limits, TimeProvider.System, NullLogger<TeamsConnectorClient>.Instance);
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    private sealed record Seen(string Method, string Path, string? Authorization, string Body);

    /// <summary>Answers every request with the given function and remembers what was asked.</summary>
    private sealed class StubHandler(Func<HttpRequestMessage, string, HttpResponseMessage> answer) : HttpMessageHandler
    {
        public List<Seen> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
            lock (Requests)
            {
                Requests.Add(new Seen(request.Method.Method, request.RequestUri!.AbsolutePath, request.Headers.Authorization?.ToString(), body));
            }

            return answer(request, body);
        }
    }

    private sealed class StubFactory(StubHandler handler) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
    }
}
