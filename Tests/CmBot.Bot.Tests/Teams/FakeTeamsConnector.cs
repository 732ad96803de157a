using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CmBot.Bot.Tests.Teams;

/// <summary>
/// A Bot Connector and token endpoint on 127.0.0.1 that behaves like Teams where it matters: it enforces the
/// per-thread limits (7 per second, 8 per 2 seconds, 60 per 30 seconds) with 429 + Retry-After, can be told to fail
/// the next calls (429, 503, 403...), requires the bot token, and keeps every message so tests can check what a
/// channel shows: one entry per activity id, replaced in place by PUT.
/// </summary>
public sealed class FakeTeamsConnector : IAsyncDisposable
{
    public const string Secret = "test-client-secret";

    private static readonly (int Permits, TimeSpan Window)[] ThreadLimits =
        [(7, TimeSpan.FromSeconds(1)), (8, TimeSpan.FromSeconds(2)), (60, TimeSpan.FromSeconds(30))];

    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<DateTimeOffset>> _calls = new(StringComparer.Ordinal);
    private WebApplication? _app;
    private int _nextId = 1000;
    private int _tokens;

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Failures to answer instead of the next activity calls: status and optional Retry-After seconds.</summary>
    public ConcurrentQueue<(int Status, int? RetryAfterSeconds)> Failures { get; } = new();

    /// <summary>Every accepted call in arrival order.</summary>
    public ConcurrentQueue<ConnectorCall> Calls { get; } = new();

    /// <summary>What each activity shows now, by activity id.</summary>
    public ConcurrentDictionary<string, FakeMessage> Messages { get; } = new(StringComparer.Ordinal);

    /// <summary>Calls refused because they went over a thread limit (the client should make none).</summary>
    public int LimitRefusals { get; private set; }

    public int InjectedFailures { get; private set; }

    public int TokenRequests => Volatile.Read(ref _tokens);

    public static async Task<FakeTeamsConnector> StartAsync()
    {
        var fake = new FakeTeamsConnector();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/botframework.com/oauth2/v2.0/token", (Delegate)((HttpContext c) => fake.TokenAsync(c)));
        app.MapPost("/v3/conversations", (Delegate)((HttpContext c) => fake.CreateConversationAsync(c)));
        app.MapPost("/v3/conversations/{conversation}/activities", (HttpContext c, string conversation) => fake.ActivityAsync(c, "send", conversation, null));
        app.MapPost("/v3/conversations/{conversation}/activities/{activityId}", (HttpContext c, string conversation, string activityId) => fake.ActivityAsync(c, "reply", conversation, activityId));
        app.MapPut("/v3/conversations/{conversation}/activities/{activityId}", (HttpContext c, string conversation, string activityId) => fake.ActivityAsync(c, "update", conversation, activityId));
        await app.StartAsync();
        fake._app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        return fake;
    }

    /// <summary>Host settings that send Teams traffic and token requests here.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        new("Teams:ServiceUrl", BaseUrl.AbsoluteUri),
        new("Teams:TokenEndpoint", new Uri(BaseUrl, "botframework.com/oauth2/v2.0/token").AbsoluteUri),
        new("Teams:AppPassword", Secret),
    ];

    private async Task<IResult> TokenAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        if (form["grant_type"] != "client_credentials" || form["client_secret"] != Secret || form["scope"] != "https://api.botframework.com/.default")
        {
            return Results.Json(new JsonObject { ["error"] = "invalid_client" }, statusCode: 401);
        }

        var n = Interlocked.Increment(ref _tokens);
        return Results.Json(new JsonObject { ["token_type"] = "Bearer", ["expires_in"] = 3600, ["access_token"] = $"fake-token-{n}" });
    }

    private async Task<IResult> CreateConversationAsync(HttpContext context)
    {
        var parameters = await ReadAsync(context);
        var channel = (string?)parameters?["channelData"]?["channel"]?["id"];
        var member = (string?)parameters?["members"]?[0]?["id"];
        var conversation = channel ?? $"a:personal-{member}";
        if (Check(context, conversation) is { } refused)
        {
            return refused;
        }

        var activity = parameters?["activity"] as JsonObject;
        var id = activity is null ? null : NextId();
        if (channel is not null && id is not null)
        {
            Keep("create", channel, id, null, activity!);
            return Results.Json(new JsonObject { ["id"] = $"{channel};messageid={id}", ["activityId"] = id });
        }

        Calls.Enqueue(new ConnectorCall("create-personal", conversation, id ?? string.Empty, null, member, null));
        return Results.Json(new JsonObject { ["id"] = conversation, ["serviceUrl"] = BaseUrl.AbsoluteUri });
    }

    private async Task<IResult> ActivityAsync(HttpContext context, string kind, string conversation, string? activityId)
    {
        var activity = await ReadAsync(context);
        if (activity is null)
        {
            return Results.BadRequest();
        }

        if (Check(context, conversation) is { } refused)
        {
            return refused;
        }

        if (kind == "update")
        {
            if (!Messages.ContainsKey(activityId!))
            {
                return Results.Json(new JsonObject { ["error"] = new JsonObject { ["code"] = "ActivityNotFound", ["message"] = "no such activity" } }, statusCode: 404);
            }

            Keep(kind, conversation, activityId!, null, activity);
            return Results.Json(new JsonObject { ["id"] = activityId });
        }

        var id = NextId();
        Keep(kind, conversation, id, activityId, activity);
        return Results.Json(new JsonObject { ["id"] = id }, statusCode: 201);
    }

    /// <summary>Authentication, injected failures and the thread limits, in Teams' order.</summary>
    private IResult? Check(HttpContext context, string conversation)
    {
        if (!context.Request.Headers.Authorization.ToString().StartsWith("Bearer fake-token-", StringComparison.Ordinal))
        {
            return Results.Unauthorized();
        }

        var thread = conversation.Split(";messageid=")[0];
        lock (_lock)
        {
            if (Failures.TryDequeue(out var failure))
            {
                InjectedFailures++;
                return Refuse(context, failure.Status, failure.RetryAfterSeconds);
            }

            var now = DateTimeOffset.UtcNow;
            var calls = _calls.TryGetValue(thread, out var list) ? list : _calls[thread] = [];
            calls.RemoveAll(t => t <= now - TimeSpan.FromSeconds(30));
            if (ThreadLimits.Any(l => calls.Count(t => t > now - l.Window) >= l.Permits))
            {
                LimitRefusals++;
                return Refuse(context, 429, 1);
            }

            calls.Add(now);
            return null;
        }
    }

    private static IResult Refuse(HttpContext context, int status, int? retryAfterSeconds)
    {
        if (retryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        return Results.Json(new JsonObject { ["error"] = new JsonObject { ["code"] = status == 429 ? "Throttled" : "Refused", ["message"] = "fake" } }, statusCode: status);
    }

    private void Keep(string kind, string conversation, string id, string? replyTo, JsonObject activity)
    {
        var card = activity["attachments"]?[0]?["content"] as JsonObject;
        var title = TitleOf(card);
        Calls.Enqueue(new ConnectorCall(kind, conversation, id, replyTo, title, card));
        Messages.AddOrUpdate(
            id,
            _ => new FakeMessage(conversation, replyTo, card, title, 0),
            (_, old) => old with { Card = card, Title = title, Updates = old.Updates + 1 });
    }

    /// <summary>The card's title as a reader sees it: the header's text, markdown escapes removed.</summary>
    public static string? TitleOf(JsonNode? card)
    {
        var header = card?["body"]?[0];
        var text = (string?)header?["text"] ?? (string?)header?["columns"]?[1]?["items"]?[0]?["text"];
        return text?.Replace("\\", string.Empty, StringComparison.Ordinal);
    }

    private string NextId() => Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);

    private static async Task<JsonObject?> ReadAsync(HttpContext context)
    {
        try
        {
            return await JsonNode.ParseAsync(context.Request.Body) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}

/// <summary>One accepted call: create (new channel thread), send, reply, update, create-personal.</summary>
public sealed record ConnectorCall(string Kind, string Conversation, string ActivityId, string? ReplyToId, string? Title, JsonObject? Card);

/// <summary>A message as the channel shows it now.</summary>
public sealed record FakeMessage(string Conversation, string? ReplyToId, JsonObject? Card, string? Title, int Updates);
