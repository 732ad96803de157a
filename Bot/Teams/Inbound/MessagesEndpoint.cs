using System.Text.Json;
using CmBot.Bot.Teams.Activities;
using CmBot.Bot.Teams.Auth;
using Microsoft.Extensions.Options;

namespace CmBot.Bot.Teams.Inbound;

/// <summary>
/// <c>POST /api/messages</c>, where Teams delivers activities. Every request is authenticated (401 and a log line
/// otherwise), malformed ones get 400, unknown activity types are accepted and ignored, and a failure while
/// handling is logged and answered without a 500 (Teams would only retry into the same failure).
/// </summary>
public static partial class MessagesEndpoint
{
    public const string Route = "/api/messages";

    /// <summary>Teams activities are a few KB; cards posted back by Action.Execute stay far below this.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    public static IEndpointRouteBuilder MapTeamsInbound(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost(Route, HandleAsync);
        return app;
    }

    internal static async Task<IResult> HandleAsync(
        HttpContext context,
        BotFrameworkAuthenticator authenticator,
        IOptions<TeamsOptions> options,
        IServiceProvider services,
        ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger("CmBot.Teams.Inbound");
        var cancellationToken = context.RequestAborted;
        var authorization = context.Request.Headers.Authorization.ToString();
        var caller = await authenticator.AuthenticateAsync(authorization, cancellationToken);

        // A local emulator sends no token at all; a request that carries one must carry a valid one.
        var emulator = !caller.IsAuthenticated
            && string.IsNullOrWhiteSpace(authorization)
            && options.Value.Auth.AllowUnauthenticatedLoopback
            && LoopbackEmulator.IsLoopbackRequest(context);
        if (!caller.IsAuthenticated && !emulator)
        {
            LogRefused(logger, caller.Failure!, null, null, context.Connection.RemoteIpAddress?.ToString());
            return Unauthorized(context);
        }

        var body = await ReadBodyAsync(context.Request, cancellationToken);
        if (body is null)
        {
            LogMalformed(logger, $"body larger than {MaxBodyBytes} bytes");
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        Activity? activity;
        try
        {
            activity = JsonSerializer.Deserialize<Activity>(body, ActivityJson.Options);
        }
        catch (JsonException ex)
        {
            LogMalformed(logger, $"not an activity: {ex.Message}");
            return Results.BadRequest();
        }

        var problem = activity is null ? "empty body" : Malformed(activity);
        if (activity is null || problem is not null)
        {
            LogMalformed(logger, problem ?? "empty body");
            return Results.BadRequest();
        }

        if (emulator)
        {
            if (!LoopbackEmulator.IsLoopbackUrl(activity.ServiceUrl))
            {
                LogRefused(logger, $"no token, and serviceUrl '{activity.ServiceUrl}' is not loopback ({LoopbackEmulator.SettingKey} covers local emulators only)", null, activity.Id, context.Connection.RemoteIpAddress?.ToString());
                return Unauthorized(context);
            }

            LogEmulator(logger, activity.Type, activity.Id, activity.ServiceUrl);
        }
        else if (caller.Authorize(activity.ChannelId, activity.ServiceUrl) is { } refusal)
        {
            LogRefused(logger, refusal, caller.KeyId, activity.Id, context.Connection.RemoteIpAddress?.ToString());
            return Unauthorized(context);
        }

        try
        {
            return await ActivityRouter.RouteAsync(activity, services, logger, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, ex, activity.Type, activity.Id);
            return activity.Type == ActivityNames.Invoke
                ? Results.Json(CardActionHandler.CardResponse(new Core.Chat.Card { Title = "CmBot" }, new Cards.CardNotice("CmBot could not handle this action; please try again.", IsWarning: true)))
                : Results.Ok();
        }
    }

    /// <summary>Why an authenticated activity cannot be handled, or null.</summary>
    private static string? Malformed(Activity activity)
    {
        if (string.IsNullOrEmpty(activity.Type))
        {
            return "no type";
        }

        if (!Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var serviceUrl) || (serviceUrl.Scheme != Uri.UriSchemeHttps && serviceUrl.Scheme != Uri.UriSchemeHttp))
        {
            return "no absolute serviceUrl";
        }

        return activity.Type is ActivityNames.Message or ActivityNames.Invoke or ActivityNames.ConversationUpdate && string.IsNullOrEmpty(activity.Conversation?.Id)
            ? $"{activity.Type} without conversation id"
            : null;
    }

    private static IResult Unauthorized(HttpContext context)
    {
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return Results.Unauthorized();
    }

    /// <summary>Reads at most <see cref="MaxBodyBytes"/>; null when the body is larger.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams request refused with 401: {Reason} (key {KeyId}, activity {ActivityId}, from {RemoteIp})")]
    private static partial void LogRefused(ILogger logger, string reason, string? keyId, string? activityId, string? remoteIp);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams activity {Type} {ActivityId} accepted WITHOUT a token from a loopback emulator (serviceUrl {ServiceUrl})")]
    private static partial void LogEmulator(ILogger logger, string? type, string? activityId, string? serviceUrl);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams request refused with 400: {Reason}")]
    private static partial void LogMalformed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Teams activity {Type} {ActivityId} could not be handled")]
    private static partial void LogFailed(ILogger logger, Exception exception, string? type, string? activityId);
}
