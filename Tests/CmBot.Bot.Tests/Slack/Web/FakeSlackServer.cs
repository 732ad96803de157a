using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CmBot.Bot.Tests.Slack.Web;

/// <summary>
/// A fake Slack Web API on 127.0.0.1 (Kestrel, port 0). It answers with Slack's recorded responses
/// (Fixtures/Slack/web-api), enforces a per-channel token bucket on chat.postMessage with 429 + Retry-After,
/// checks the bearer token, keeps posted messages with their metadata, and fails on demand.
/// </summary>
public sealed class FakeSlackServer : IAsyncDisposable
{
    public const string BotToken = "xoxb-test";
    public const string AppToken = "xapp-test";
    public const string KnownUser = "W012A3CDE";

    private readonly WebApplication _app;

    private FakeSlackServer(WebApplication app, FakeSlackState state)
    {
        _app = app;
        State = state;
    }

    public FakeSlackState State { get; }
    public Uri BaseUrl { get; private set; } = null!;
    public Uri ApiBaseUrl => new(BaseUrl, "api/");

    /// <param name="channelRate">chat.postMessage per channel per second (Slack: about 1); 0 turns limits off.</param>
    /// <param name="channelBurst">how many posts a quiet channel takes at once.</param>
    public static async Task<FakeSlackServer> StartAsync(double channelRate = 1, int channelBurst = 3)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var server = new FakeSlackServer(app, new FakeSlackState(channelRate, channelBurst));
        var handler = new FakeSlackHandler(server);
        app.MapPost("/api/{method}", (HttpContext context, string method) => handler.HandleAsync(context, method));
        app.MapPost("/upload/{fileId}", async (HttpContext context, string fileId) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            server.State.Uploads[fileId] = buffer.ToArray();
            server.State.Requests.Enqueue(new FakeSlackRequest(DateTimeOffset.UtcNow, "upload", null, null, 200, null, null,
                context.Request.Headers.Authorization.ToString() is { Length: > 0 } auth ? auth : null, context.Request.ContentType, []));
            return Results.Text("OK - " + buffer.Length);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address.EndsWith('/') ? address : address + "/");
        return server;
    }

    public static JsonObject Fixture(string name) =>
        JsonNode.Parse(File.ReadAllText(FixturePath(name)))!.AsObject();

    public static string FixturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Slack", "web-api", name);

    /// <summary>Requests of one method, in arrival order.</summary>
    public IReadOnlyList<FakeSlackRequest> Calls(string method) => [.. State.Requests.Where(r => r.Method == method)];

    /// <summary>Puts a message in a channel as if an earlier run had posted it (with CmBot's metadata key).</summary>
    public FakeSlackMessage Seed(string channel, string text, string? metadataKey, string? threadTs = null) =>
        State.Store(new FakeSlackMessage(
            FakeSlackState.ChannelIdOf(channel), State.NewTs(DateTimeOffset.UtcNow), text, threadTs,
            metadataKey is null ? null : new JsonObject { ["event_type"] = "cmbot_card", ["event_payload"] = new JsonObject { ["key"] = metadataKey } },
            null));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    internal static async Task<JsonObject> ReadArgsAsync(HttpRequest request)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync();
            var args = new JsonObject();
            foreach (var (key, value) in form)
            {
                var text = value.ToString();
                args[key] = text.StartsWith('[') || text.StartsWith('{') ? JsonNode.Parse(text) : text;
            }

            return args;
        }

        try
        {
            return await JsonNode.ParseAsync(request.Body) as JsonObject ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
