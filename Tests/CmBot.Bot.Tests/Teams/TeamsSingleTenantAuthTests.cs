using System.Net;
using CmBot.Bot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CmBot.Bot.Tests.Teams;

/// <summary>A host configured as a single-tenant bot (Teams:TenantId) against the fake identity's tenant endpoint.</summary>
public sealed class TeamsSingleTenantFixture : IAsyncLifetime
{
    public const string Tenant = "0c1d2e3f-4a5b-4c6d-8e7f-901a2b3c4d5e";
    public const string OtherTenant = "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a";

    public FakeBotFrameworkIdentity Identity { get; private set; } = null!;
    public TestStore Store { get; private set; } = null!;
    public CmBotHost Host { get; private set; } = null!;
    public ListLoggerProvider Logs { get; } = new();

    public async ValueTask InitializeAsync()
    {
        Identity = await FakeBotFrameworkIdentity.StartAsync();
        Store = await TestStore.CreateAsync(TestStore.Sqlite, CancellationToken.None);
        Host = TeamsTestHost.Create(
            Store,
            Identity,
            extra:
            [
                new("Teams:TenantId", Tenant),
                new("Teams:EntraOpenIdMetadataUrl", Identity.TenantMetadataUrl(Tenant).AbsoluteUri),
            ],
            services: s => s.AddSingleton<ILoggerProvider>(Logs),
            sendOutbox: false);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Identity.DisposeAsync();
        Store.Dispose();
    }
}

/// <summary>
/// Single-tenant Entra ID bots: tokens issued by the configured tenant (v2.0 and v1.0 issuers), signed by a key
/// of that tenant's published key set, are accepted; tokens from another tenant, or for the tenant but signed by a
/// key the tenant does not publish, are refused with 401; Bot Framework channel tokens are still accepted.
/// </summary>
public sealed class TeamsSingleTenantAuthTests(TeamsSingleTenantFixture fixture) : IClassFixture<TeamsSingleTenantFixture>
{
    private const string ServiceUrl = "https://smba.trafficmanager.net/amer/";
    private const string Tenant = TeamsSingleTenantFixture.Tenant;

    private static readonly string Message = TeamsFixtures.Read("activities/message.channel.mention.json");

    [Theory]
    [InlineData("v2.0")]
    [InlineData("v1.0")]
    public async Task Messages_TokenFromConfiguredTenant_200(string version)
    {
        var issuer = version == "v2.0" ? FakeBotFrameworkIdentity.TenantIssuer(Tenant) : FakeBotFrameworkIdentity.TenantIssuerV1(Tenant);
        var token = fixture.Identity.Token(ServiceUrl, issuer: issuer, key: FakeBotFrameworkIdentity.EntraKey);
        using var client = fixture.Host.CreateClient();

        var response = await client.PostActivityAsync(Message, token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Messages_BotFrameworkChannelToken_StillAccepted()
    {
        using var client = fixture.Host.CreateClient();

        var response = await client.PostActivityAsync(Message, fixture.Identity.Token(ServiceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("other-tenant-v2", "is not accepted")]
    [InlineData("other-tenant-v1", "is not accepted")]
    [InlineData("tenant-issuer-bot-framework-key", "signed by an unknown key")]
    [InlineData("tenant-token-wrong-audience", "another audience")]
    [InlineData("tenant-token-expired", "has expired")]
    [InlineData("tenant-token-serviceurl-mismatch", "serviceurl claim does not match")]
    public async Task Messages_RefusedTenantToken_401AndLogLine(string what, string reason)
    {
        var identity = fixture.Identity;
        var issuer = FakeBotFrameworkIdentity.TenantIssuer(Tenant);
        const string entra = FakeBotFrameworkIdentity.EntraKey;
        var now = DateTimeOffset.UtcNow;
        var token = what switch
        {
            "other-tenant-v2" => identity.Token(ServiceUrl, issuer: FakeBotFrameworkIdentity.TenantIssuer(TeamsSingleTenantFixture.OtherTenant), key: entra),
            "other-tenant-v1" => identity.Token(ServiceUrl, issuer: FakeBotFrameworkIdentity.TenantIssuerV1(TeamsSingleTenantFixture.OtherTenant), key: entra),
            "tenant-issuer-bot-framework-key" => identity.Token(ServiceUrl, issuer: issuer, key: FakeBotFrameworkIdentity.TeamsKey),
            "tenant-token-wrong-audience" => identity.Token(ServiceUrl, audience: Guid.NewGuid().ToString(), issuer: issuer, key: entra),
            "tenant-token-expired" => identity.Token(ServiceUrl, issuer: issuer, key: entra, notBefore: now.AddHours(-2), expires: now.AddMinutes(-6)),
            "tenant-token-serviceurl-mismatch" => identity.Token("https://smba.trafficmanager.net/emea/", issuer: issuer, key: entra),
            _ => throw new ArgumentOutOfRangeException(nameof(what)),
        };
        using var client = fixture.Host.CreateClient();

        var response = await client.PostActivityAsync(Message, token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(fixture.Logs.Lines, l => l.StartsWith("Warning: Teams request refused with 401", StringComparison.Ordinal) && l.Contains(reason, StringComparison.Ordinal));
    }
}
