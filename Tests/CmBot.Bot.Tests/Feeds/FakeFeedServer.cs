using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CmBot.Bot.Tests.Feeds;

/// <summary>A request the fake server received.</summary>
public sealed record FeedRequest(string Path, QueryString Query, string? IfNoneMatch, string? IfModifiedSince, string? Authorization)
{
    public string? Param(string name) => Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(Query.Value).TryGetValue(name, out var v) ? v.ToString() : null;
}

/// <summary>One page of a paged API: the JSON body and, for Mastodon, the Link header.</summary>
public sealed record PagedAnswer(byte[] Body, string? Link = null, int Status = StatusCodes.Status200OK);

/// <summary>
/// Serves recorded feed and API payloads on 127.0.0.1 like a real origin: a strong ETag and a Last-Modified per
/// document, 304 when the client's If-None-Match matches, and failures queued on demand (500, 429...).
/// </summary>
public sealed class FakeFeedServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, (byte[] Body, string ContentType, string ETag)> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Func<FeedRequest, PagedAnswer>> _pages = new(StringComparer.Ordinal);
    private WebApplication? _app;

    public Uri BaseUrl { get; private set; } = null!;

    public ConcurrentQueue<FeedRequest> Requests { get; } = new();

    /// <summary>Statuses to answer instead of the next requests.</summary>
    public ConcurrentQueue<int> Failures { get; } = new();

    public static DateTimeOffset LastModified { get; } = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Feeds", name);

    public static async Task<FakeFeedServer> StartAsync()
    {
        var fake = new FakeFeedServer();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        fake._app = app;
        fake.BaseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return fake;
    }

    /// <summary>Serves <paramref name="body"/> at <paramref name="path"/>; a new body gets a new ETag.</summary>
    public void Serve(string path, byte[] body, string contentType)
    {
        ArgumentNullException.ThrowIfNull(body);
        var etag = $"\"{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(body))[..16]}\"";
        _routes[path] = (body, contentType, etag);
    }

    /// <summary>Answers <paramref name="path"/> from the request (query parameters), like a paged API.</summary>
    public void ServePages(string path, Func<FeedRequest, PagedAnswer> answer) => _pages[path] = answer;

    public void ServeFile(string path, string fixture, string contentType) => Serve(path, File.ReadAllBytes(Fixture(fixture)), contentType);

    public Uri Url(string path) => new(BaseUrl, path);

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var received = new FeedRequest(request.Path.Value ?? "/", request.QueryString, request.Headers.IfNoneMatch.ToString() is { Length: > 0 } e ? e : null,
            request.Headers.IfModifiedSince.ToString() is { Length: > 0 } m ? m : null, request.Headers.Authorization.ToString() is { Length: > 0 } a ? a : null);
        Requests.Enqueue(received);
        if (Failures.TryDequeue(out var status))
        {
            context.Response.StatusCode = status;
            await context.Response.WriteAsync("failure injected by the test");
            return;
        }

        if (_pages.TryGetValue(request.Path.Value ?? "/", out var pages))
        {
            var answer = pages(received);
            context.Response.StatusCode = answer.Status;
            if (answer.Link is not null)
            {
                context.Response.Headers["Link"] = answer.Link;
            }

            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(answer.Body);
            return;
        }

        if (!_routes.TryGetValue(request.Path.Value ?? "/", out var route))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        context.Response.Headers.ETag = route.ETag;
        context.Response.Headers.LastModified = LastModified.ToString("R");
        if (request.Headers.IfNoneMatch.ToString() == route.ETag)
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        context.Response.ContentType = route.ContentType;
        context.Response.ContentLength = route.Body.Length;
        await context.Response.Body.WriteAsync(route.Body);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
