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

namespace CmBot.Bot.Tests.Publishing;

/// <summary>
/// A Mastodon instance on 127.0.0.1 that answers the three calls the connector makes, with the documented
/// response shapes (Status, StatusSource, Search v2): it requires the bearer token, honours Idempotency-Key like
/// Mastodon does (same key, same status), and can be told to lose the response of a post it did create.
/// </summary>
public sealed class FakeMastodon : IAsyncDisposable
{
    public const string Token = "test-mastodon-token";
    public const string RemoteUrl = "https://social.example/@lucie/113554420000000001";
    public const string ResolvedId = "113554420000000777";

    private readonly Lock _lock = new();
    private readonly Dictionary<string, JsonObject> _byKey = new(StringComparer.Ordinal);
    private WebApplication? _app;
    private long _next = 113554421000000000;

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Every status created, by id (a duplicate post would show up here).</summary>
    public ConcurrentDictionary<string, JsonObject> Statuses { get; } = new(StringComparer.Ordinal);

    /// <summary>When above zero, the next posts are created but answered 503, as if the connection broke.</summary>
    public int LoseNextResponses { get; set; }

    /// <summary>When set, the source read back differs from what was posted (an edit on the platform).</summary>
    public string? EditedSource { get; set; }

    public int PostRequests { get; private set; }

    public static async Task<FakeMastodon> StartAsync()
    {
        var fake = new FakeMastodon();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            if (context.Request.Headers.Authorization != $"Bearer {Token}")
            {
                context.Response.StatusCode = 401;
                await context.Response.WriteAsJsonAsync(new { error = "The access token is invalid" });
                return;
            }

            await next();
        });
        app.MapGet("/api/v2/search", (Delegate)((HttpContext c) => Search(c)));
        app.MapPost("/api/v1/statuses", (Delegate)((HttpContext c) => fake.PostAsync(c)));
        app.MapGet("/api/v1/statuses/{id}/source", (string id) => fake.Source(id));
        await app.StartAsync();
        fake._app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.BaseUrl = new Uri(address + "/");
        return fake;
    }

    private static IResult Search(HttpContext context)
    {
        var q = context.Request.Query["q"].ToString();
        var found = q == RemoteUrl && context.Request.Query["resolve"] == "true"
            ? new JsonArray(Status(ResolvedId, "<p>Ma bouilloire fuit</p>", null, RemoteUrl))
            : [];
        return Results.Json(new JsonObject { ["accounts"] = new JsonArray(), ["statuses"] = found, ["hashtags"] = new JsonArray() });
    }

    private async Task<IResult> PostAsync(HttpContext context)
    {
        var body = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
        var key = context.Request.Headers["Idempotency-Key"].ToString();
        JsonObject status;
        bool lose;
        lock (_lock)
        {
            PostRequests++;
            if (key.Length == 0 || !_byKey.TryGetValue(key, out status!))
            {
                var id = (++_next).ToString(CultureInfo.InvariantCulture);
                status = Status(id, $"<p>{System.Net.WebUtility.HtmlEncode((string?)body["status"])}</p>", (string?)body["in_reply_to_id"], $"https://brand.example/@lumio/{id}");
                status["_source"] = (string?)body["status"];
                Statuses[id] = status;
                if (key.Length > 0)
                {
                    _byKey[key] = status;
                }
            }

            lose = LoseNextResponses > 0;
            if (lose)
            {
                LoseNextResponses--;
            }
        }

        return lose
            ? Results.Json(new { error = "Service Unavailable" }, statusCode: 503)
            : Results.Json(Without(status, "_source"));
    }

    private IResult Source(string id) =>
        Statuses.TryGetValue(id, out var status)
            ? Results.Json(new JsonObject { ["id"] = id, ["text"] = EditedSource ?? (string?)status["_source"], ["spoiler_text"] = string.Empty })
            : Results.Json(new { error = "Record not found" }, statusCode: 404);

    private static JsonObject Without(JsonObject status, string field)
    {
        var copy = status.DeepClone().AsObject();
        copy.Remove(field);
        return copy;
    }

    /// <summary>The fields of Mastodon's documented Status entity the connector and a reader care about.</summary>
    private static JsonObject Status(string id, string content, string? inReplyTo, string url) => new()
    {
        ["id"] = id,
        ["created_at"] = "2026-11-26T15:10:00.000Z",
        ["in_reply_to_id"] = inReplyTo,
        ["in_reply_to_account_id"] = inReplyTo is null ? null : "109837422000000001",
        ["sensitive"] = false,
        ["spoiler_text"] = string.Empty,
        ["visibility"] = "public",
        ["language"] = "fr",
        ["uri"] = url,
        ["url"] = url,
        ["replies_count"] = 0,
        ["reblogs_count"] = 0,
        ["favourites_count"] = 0,
        ["content"] = content,
        ["reblog"] = null,
        ["account"] = new JsonObject { ["id"] = "109837422000000001", ["username"] = "lumio", ["acct"] = "lumio", ["display_name"] = "Lumio" },
        ["media_attachments"] = new JsonArray(),
        ["mentions"] = new JsonArray(),
        ["tags"] = new JsonArray(),
        ["emojis"] = new JsonArray(),
    };

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
