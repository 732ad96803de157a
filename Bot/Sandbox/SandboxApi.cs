using System.Globalization;
using System.Text.Json;
using CmBot.Bot.Actions;
using CmBot.Bot.Chat;
using CmBot.Bot.Hosting;
using CmBot.Bot.Storage;
using CmBot.Core.Chat;
using CmBot.Core.People;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CmBot.Bot.Sandbox;

/// <summary>The sandbox page's HTTP API: read the channels, click a button, listen for changes.</summary>
public static partial class SandboxApi
{
    public static IEndpointRouteBuilder MapSandbox(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.ServiceProvider.GetService<SandboxHub>() is null)
        {
            // Sandbox:Enabled is false: AddSandbox registered nothing, so there is nothing to serve.
            return app;
        }

        var api = app.MapGroup("/sandbox/api");
        api.MapGet("/state", GetStateAsync);
        api.MapPost("/actions", PostActionAsync);
        api.MapGet("/events", StreamEventsAsync);
        return app;
    }

    internal static async Task<IResult> GetStateAsync(CmBotDbContext db, PeopleDirectory people, IOptions<CmBotOptions> options, CancellationToken cancellationToken)
    {
        var messages = await db.SandboxMessages.AsNoTracking().OrderBy(m => m.Id).ToListAsync(cancellationToken);
        var channels = new[] { SandboxChatPlatform.DefaultChannels.Alerts, SandboxChatPlatform.DefaultChannels.Legal, SandboxChatPlatform.DefaultChannels.Direction }
            .Select(name => new SandboxChannelView(
                name,
                messages.Where(m => m.Channel == name && m.ThreadId is null)
                    .OrderByDescending(m => m.Id)
                    .Select(root => ToView(root, messages.Where(r => r.ThreadId == root.Id).OrderBy(r => r.Id).Select(r => ToView(r, [])).ToList()))
                    .ToList()))
            .ToList();
        var timeline = await db.PublicPosts.AsNoTracking().OrderByDescending(p => p.Id)
            .Select(p => new PublicPostView(p.Id, p.Author, p.Text, p.InReplyTo, p.PublishedAt))
            .ToListAsync(cancellationToken);
        var team = people.All.Select(p => new PersonView(p.Id, p.Name, p.Roles.Select(RoleNames.Key).ToList())).ToList();
        return Results.Ok(new SandboxStateView(options.Value.Language, options.Value.Brand, team, channels, timeline));
    }

    internal static async Task<IResult> PostActionAsync(
        [FromBody] SandboxActionRequest? request,
        ActionDispatcher dispatcher,
        PeopleDirectory people,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger("CmBot.Sandbox");
        if (request is null || string.IsNullOrWhiteSpace(request.PersonId) || string.IsNullOrWhiteSpace(request.Verb) || string.IsNullOrWhiteSpace(request.TargetId))
        {
            LogBadRequest(logger, "personId, verb and targetId are required");
            return Results.Problem(statusCode: 400, title: "Bad action", detail: "personId, verb and targetId are required.");
        }

        if (!ActionVerbs.All.Contains(request.Verb))
        {
            LogBadRequest(logger, $"unknown verb '{request.Verb}'");
            return Results.Problem(statusCode: 400, title: "Bad action", detail: $"Unknown verb '{request.Verb}'.");
        }

        if (people.FindById(request.PersonId) is null)
        {
            LogBadRequest(logger, $"unknown person '{request.PersonId}'");
            return Results.Problem(statusCode: 400, title: "Bad action", detail: $"Unknown person '{request.PersonId}'.");
        }

        var action = new ChatAction(
            request.Verb,
            request.TargetId,
            request.PersonId,
            new ChatLocation(SandboxChatPlatform.PlatformName, request.Channel ?? string.Empty, request.MessageId),
            request.Inputs ?? new Dictionary<string, string>());
        var outcome = await dispatcher.DispatchAsync(action, cancellationToken);
        return outcome.Succeeded ? Results.Ok(outcome) : Results.Json(outcome, statusCode: StatusCodes.Status403Forbidden);
    }

    internal static async Task StreamEventsAsync(HttpContext context, SandboxHub hub, IHostApplicationLifetime lifetime)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var token = linked.Token;
        context.Response.Headers.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        var reader = hub.Subscribe(token);
        await context.Response.WriteAsync("event: hello\ndata: {}\n\n", token);
        await context.Response.Body.FlushAsync(token);
        try
        {
            await foreach (var what in reader.ReadAllAsync(token))
            {
                await context.Response.WriteAsync($"event: changed\ndata: {JsonSerializer.Serialize(what)}\n\n", token);
                await context.Response.Body.FlushAsync(token);
            }
        }
        catch (OperationCanceledException)
        {
            // The page closed or the host is stopping: nothing to clean up beyond the subscription.
        }
    }

    private static SandboxMessageView ToView(SandboxMessage message, IReadOnlyList<SandboxMessageView> replies) =>
        new(message.Id.ToString(CultureInfo.InvariantCulture), CardJson.Deserialize(message.CardJson), message.CreatedAt, message.UpdatedAt, replies);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sandbox action rejected: {Reason}")]
    private static partial void LogBadRequest(ILogger logger, string reason);
}

public sealed record SandboxActionRequest(
    string? PersonId,
    string? Verb,
    string? TargetId,
    string? Channel,
    string? MessageId,
    Dictionary<string, string>? Inputs);

public sealed record SandboxStateView(
    string Language,
    string Brand,
    IReadOnlyList<PersonView> People,
    IReadOnlyList<SandboxChannelView> Channels,
    IReadOnlyList<PublicPostView> Timeline);

public sealed record PersonView(string Id, string Name, IReadOnlyList<string> Roles);

public sealed record SandboxChannelView(string Name, IReadOnlyList<SandboxMessageView> Messages);

public sealed record SandboxMessageView(string Id, Card Card, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, IReadOnlyList<SandboxMessageView> Replies);

public sealed record PublicPostView(long Id, string Author, string Text, string? InReplyTo, DateTimeOffset PublishedAt);
