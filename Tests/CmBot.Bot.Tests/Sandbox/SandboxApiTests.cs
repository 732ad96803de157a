using System.Net;
using System.Net.Http.Json;
using CmBot.Bot.Tests.Infrastructure;

namespace CmBot.Bot.Tests.Sandbox;

public sealed class SandboxApiTests
{
    [Theory]
    [InlineData("{}")]
    [InlineData("{\"personId\":\"camille\",\"verb\":\"incident.explode\",\"targetId\":\"x\"}")]
    [InlineData("{\"personId\":\"mallory\",\"verb\":\"incident.ack\",\"targetId\":\"x\"}")]
    [InlineData("not json")]
    public async Task PostAction_MalformedRequest_400(string body)
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using var host = new CmBotHost(store, [new("Feeds:Replay:Enabled", "false")]);
        using var client = host.CreateClient();

        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        var response = await client.PostAsync("/sandbox/api/actions", content, ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task PostAction_UnknownIncident_403WithReason()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using var host = new CmBotHost(store, [new("Feeds:Replay:Enabled", "false")]);

        var (status, message) = await host.ActAsync("camille", "incident.ack", Guid.NewGuid().ToString());

        Assert.Equal(403, status);
        Assert.Contains("does not exist", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetState_FreshHost_ListsChannelsAndPeople()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using var host = new CmBotHost(store, [new("Feeds:Replay:Enabled", "false")]);
        using var client = host.CreateClient();

        var state = await client.GetFromJsonAsync<CmBot.Bot.Sandbox.SandboxStateView>("/sandbox/api/state", ct);

        Assert.NotNull(state);
        Assert.Equal(["#cm-alerts", "#legal", "#direction"], state.Channels.Select(c => c.Name));
        Assert.Contains(state.People, p => p.Id == "ines" && p.Roles.Contains("legal"));
        Assert.Contains(state.People, p => p.Id == "camille" && p.Roles.Contains("community-manager"));
    }

    [Fact]
    public async Task Healthz_Running_Healthy()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using var host = new CmBotHost(store, [new("Feeds:Replay:Enabled", "false")]);
        using var client = host.CreateClient();

        Assert.Equal("Healthy", await client.GetStringAsync("/healthz", ct));
    }

    [Fact]
    public async Task SandboxDisabled_ApiNotMappedAndHostServes()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using var host = new CmBotHost(store, [new("Feeds:Replay:Enabled", "false"), new("Sandbox:Enabled", "false")]);
        using var client = host.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/sandbox/api/state", ct)).StatusCode);
        Assert.Equal("Healthy", await client.GetStringAsync("/healthz", ct));
    }
}
