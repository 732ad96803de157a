using System.Net;
using CmBot.Bot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CmBot.Bot.Tests.Teams;

/// <summary>One host and one fake identity server shared by the token checks (they only read).</summary>
public sealed class TeamsAuthFixture : IAsyncLifetime
{
    public FakeBotFrameworkIdentity Identity { get; private set; } = null!;
    public TestStore Store { get; private set; } = null!;
    public CmBotHost Host { get; private set; } = null!;
    public ListLoggerProvider Logs { get; } = new();

    public async ValueTask InitializeAsync()
    {
        Identity = await FakeBotFrameworkIdentity.StartAsync();
        Store = await TestStore.CreateAsync(TestStore.Sqlite, CancellationToken.None);
        Host = TeamsTestHost.Create(Store, Identity, services: s => s.AddSingleton<ILoggerProvider>(Logs), sendOutbox: false);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Identity.DisposeAsync();
        Store.Dispose();
    }
}

/// <summary>
/// Every request to /api/messages is authenticated as the Bot Framework documents: the recorded Teams message is
/// accepted with a token from the (fake) Bot Framework identity, and refused with 401 and a log line otherwise.
/// </summary>
public sealed class TeamsAuthTests(TeamsAuthFixture fixture) : IClassFixture<TeamsAuthFixture>
{
    private const string ServiceUrl = "https://smba.trafficmanager.net/amer/";

    private static readonly string Message = TeamsFixtures.Read("activities/message.channel.mention.json");

    [Fact]
    public async Task Messages_ValidToken_200()
    {
        using var client = fixture.Host.CreateClient();

        var response = await client.PostActivityAsync(Message, fixture.Identity.Token(ServiceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Messages_ServiceUrlDiffersOnlyInCase_200()
    {
        using var client = fixture.Host.CreateClient();

        var response = await client.PostActivityAsync(Message, fixture.Identity.Token(ServiceUrl.ToUpperInvariant()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Messages_NoAuthorizationHeader_401()
    {
        using var client = fixture.Host.CreateClient();

        var response = await client.PostActivityAsync(Message, token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Contains(fixture.Logs.Lines, l => l.Contains("refused with 401: no Authorization header", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("wrong-audience", "another audience")]
    [InlineData("wrong-issuer", "issuer 'https://evil.example' is not accepted")]
    [InlineData("expired", "has expired")]
    [InlineData("not-yet-valid", "not valid yet")]
    [InlineData("alg-none", "unsigned (alg none)")]
    [InlineData("unknown-key", "signed by an unknown key")]
    [InlineData("key-not-endorsed-for-msteams", "is not endorsed for channel 'msteams'")]
    [InlineData("serviceurl-mismatch", "serviceurl claim does not match")]
    [InlineData("no-serviceurl-claim", "no serviceurl claim")]
    [InlineData("not-a-jwt", "not a JWT")]
    public async Task Messages_RefusedToken_401AndLogLine(string what, string reason)
    {
        var identity = fixture.Identity;
        var now = DateTimeOffset.UtcNow;
        var token = what switch
        {
            "wrong-audience" => identity.Token(ServiceUrl, audience: Guid.NewGuid().ToString()),
            "wrong-issuer" => identity.Token(ServiceUrl, issuer: "https://evil.example"),
            "expired" => identity.Token(ServiceUrl, notBefore: now.AddHours(-2), expires: now.AddMinutes(-6)),
            "not-yet-valid" => identity.Token(ServiceUrl, notBefore: now.AddMinutes(10), expires: now.AddHours(1)),
            "alg-none" => FakeBotFrameworkIdentity.UnsignedToken(ServiceUrl),
            "unknown-key" => identity.Token(ServiceUrl, key: FakeBotFrameworkIdentity.UnpublishedKey),
            "key-not-endorsed-for-msteams" => identity.Token(ServiceUrl, key: FakeBotFrameworkIdentity.SkypeOnlyKey),
            "serviceurl-mismatch" => identity.Token("https://smba.trafficmanager.net/emea/"),
            "no-serviceurl-claim" => identity.Token(ServiceUrl, withServiceUrl: false),
            _ => "not.a-jwt",
        };
        using var client = fixture.Host.CreateClient();

        var response = await client.PostActivityAsync(Message, token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(fixture.Logs.Lines, l => l.StartsWith("Warning: Teams request refused with 401", StringComparison.Ordinal) && l.Contains(reason, StringComparison.Ordinal));
        Assert.DoesNotContain(fixture.Logs.Lines, l => l.Contains(token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Messages_ExpiredWithinClockSkew_200()
    {
        var now = DateTimeOffset.UtcNow;
        using var client = fixture.Host.CreateClient();

        var response = await client.PostActivityAsync(Message, fixture.Identity.Token(ServiceUrl, notBefore: now.AddHours(-1), expires: now.AddMinutes(-3)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Messages_ActivityFromAnotherChannel_401()
    {
        var body = TeamsTestHost.Activity("message.channel.mention.json", a => a["channelId"] = "webchat");
        using var client = fixture.Host.CreateClient();

        var response = await client.PostActivityAsync(body, fixture.Identity.Token(ServiceUrl, key: FakeBotFrameworkIdentity.SkypeOnlyKey));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{}")]
    [InlineData("""{"type":"message","channelId":"msteams","serviceUrl":"https://smba.trafficmanager.net/amer/"}""")]
    [InlineData("""{"type":"message","channelId":"msteams","serviceUrl":"https://smba.trafficmanager.net/amer/","conversation":{"id":"19:x"},"entities":"oops"}""")]
    public async Task Messages_MalformedActivity_400(string body)
    {
        using var client = fixture.Host.CreateClient();

        var response = await client.PostActivityAsync(body, fixture.Identity.Token(ServiceUrl));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}

/// <summary>
/// The real 2019 Teams request (botbuilder-js recording) with its real Bot Framework token, checked against the
/// recorded Bot Framework key set: accepted with the clock pinned inside the token's lifetime, refused today.
/// </summary>
public sealed class TeamsRecordedTokenTests
{
    private const string RecordedAppId = "eac5e5c6-ab14-4f50-80cb-49213fe51b1a";

    [Theory]
    [InlineData(true, HttpStatusCode.OK)]
    [InlineData(false, HttpStatusCode.Unauthorized)]
    public async Task Messages_RecordedTokenAndKeys_AcceptedOnlyWithinLifetime(bool pinClock, HttpStatusCode expected)
    {
        var ct = TestContext.Current.CancellationToken;
        var vector = TeamsFixtures.ReadObject("auth/jwt-vector.json");
        var header = (string)vector["authorization_header"]!;
        await using var identity = await FakeBotFrameworkIdentity.StartAsync(jwks: TeamsFixtures.Read("auth/jwks.botframework.json"));
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2019-10-20T03:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var host = TeamsTestHost.Create(
            store,
            identity,
            services: s =>
            {
                if (pinClock)
                {
                    s.AddSingleton<TimeProvider>(clock);
                }
            },
            appId: RecordedAppId,
            sendOutbox: false);
        using var client = host.CreateClient();

        var response = await client.PostActivityAsync(TeamsFixtures.Read("activities/message.channel.mention.json"), header["Bearer ".Length..]);

        Assert.Equal(expected, response.StatusCode);
    }
}
