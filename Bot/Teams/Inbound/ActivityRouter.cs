using CmBot.Bot.Hosting;
using CmBot.Bot.Teams.Activities;
using Microsoft.Extensions.Options;

namespace CmBot.Bot.Teams.Inbound;

/// <summary>Sends an authenticated activity to its handler and turns the result into the HTTP answer Teams expects.</summary>
public static partial class ActivityRouter
{
    public static async Task<IResult> RouteAsync(Activity activity, IServiceProvider services, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(services);
        var conversations = services.GetRequiredService<ConversationReferences>();
        switch (activity.Type)
        {
            case ActivityNames.Message:
                await conversations.TouchAsync(activity, cancellationToken);
                await services.GetRequiredService<CommandHandler>().HandleAsync(activity, cancellationToken);
                return Results.Ok();
            case ActivityNames.ConversationUpdate:
                await ConversationUpdateAsync(activity, conversations, cancellationToken);
                return Results.Ok();
            case ActivityNames.Invoke when activity.Name == ActivityNames.AdaptiveCardAction:
                await conversations.TouchAsync(activity, cancellationToken);
                var response = await services.GetRequiredService<CardActionHandler>().HandleAsync(activity, cancellationToken);
                return response is null ? Results.BadRequest() : Results.Json(response);
            case ActivityNames.Invoke:
                LogIgnored(logger, activity.Type, activity.Name);
                return InvokeAnswers.For(activity.Name, services.GetRequiredService<IOptions<CmBotOptions>>().Value.Language) is { } answer
                    ? Results.Json(answer)
                    : Results.Ok();
            case ActivityNames.MessageReaction:
                await services.GetRequiredService<ReactionHandler>().HandleAsync(activity, cancellationToken);
                return Results.Ok();
            default:
                LogIgnored(logger, activity.Type, activity.Name);
                return Results.Ok();
        }
    }

    private static async Task ConversationUpdateAsync(Activity activity, ConversationReferences conversations, CancellationToken cancellationToken)
    {
        var bot = activity.Recipient?.Id;
        if (bot is not null && (activity.MembersAdded ?? []).Any(m => m.Id == bot))
        {
            await conversations.InstalledAsync(activity, cancellationToken);
        }
        else if (bot is not null && (activity.MembersRemoved ?? []).Any(m => m.Id == bot))
        {
            await conversations.RemovedAsync(activity, cancellationToken);
        }
        else
        {
            await conversations.TouchAsync(activity, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Teams activity {Type} {Name} accepted and ignored")]
    private static partial void LogIgnored(ILogger logger, string? type, string? name);
}
