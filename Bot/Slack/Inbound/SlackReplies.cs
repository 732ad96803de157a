using System.Text.Json.Nodes;
using CmBot.Bot.Slack.Web;

namespace CmBot.Bot.Slack.Inbound;

/// <summary>
/// The few Web API calls the inbox processor makes for the person in front of the screen: open a modal, answer
/// ephemerally, say hello in a DM. Each is bounded in time (the processor must stay fast for the next click) and a
/// failure is logged, never thrown: the action itself has already been done or refused.
/// </summary>
public sealed partial class SlackReplies(IServiceProvider services, TimeProvider time, ILogger<SlackReplies> logger)
{
    private static readonly TimeSpan ReplyBudget = TimeSpan.FromSeconds(5);

    // A trigger_id is valid for 3 s after the click; past that, views.open fails anyway.
    private static readonly TimeSpan ViewBudget = TimeSpan.FromSeconds(3);

    /// <summary>The Web API client, when one is registered (tests and Slack-less runs may have none).</summary>
    public ISlackApi? Api => services.GetService<ISlackApi>();

    public async Task<bool> OpenViewAsync(string triggerId, JsonObject view, CancellationToken cancellationToken)
    {
        if (Api is not { } api)
        {
            LogNoApi("views.open");
            return false;
        }

        try
        {
            var callbackId = view[SlackModals.CallbackIdField]?.GetValue<string>() ?? "?";
            var viewId = await api.OpenViewAsync(triggerId, view, cancellationToken).WaitAsync(ViewBudget, time, cancellationToken);
            LogViewOpened(viewId, callbackId);
            return true;
        }
        catch (Exception ex) when (ex is SlackApiException or HttpRequestException or TimeoutException)
        {
            LogCallFailed(ex, "views.open", "-");
            return false;
        }
    }

    /// <summary>chat.postEphemeral to one user; in a DM with them when the channel is not known.</summary>
    public async Task EphemeralAsync(string? channel, string user, string text, string? threadTs, CancellationToken cancellationToken)
    {
        if (Api is not { } api)
        {
            LogNoApi("chat.postEphemeral");
            return;
        }

        try
        {
            var where = channel ?? await api.OpenConversationAsync([user], cancellationToken).WaitAsync(ReplyBudget, time, cancellationToken);
            await api.PostEphemeralAsync(where, user, text, null, threadTs, cancellationToken).WaitAsync(ReplyBudget, time, cancellationToken);
        }
        catch (Exception ex) when (ex is SlackApiException or HttpRequestException or TimeoutException)
        {
            LogCallFailed(ex, "chat.postEphemeral", channel ?? "(dm)");
        }
    }

    public async Task MessageAsync(string channel, string text, string? threadTs, CancellationToken cancellationToken)
    {
        if (Api is not { } api)
        {
            LogNoApi("chat.postMessage");
            return;
        }

        try
        {
            await api.PostMessageAsync(channel, text, null, threadTs, null, cancellationToken).WaitAsync(ReplyBudget, time, cancellationToken);
        }
        catch (Exception ex) when (ex is SlackApiException or HttpRequestException or TimeoutException)
        {
            LogCallFailed(ex, "chat.postMessage", channel);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "No Slack Web API client is registered; {Method} skipped")]
    private partial void LogNoApi(string method);

    [LoggerMessage(Level = LogLevel.Information, Message = "Opened Slack modal {ViewId} ({CallbackId})")]
    private partial void LogViewOpened(string viewId, string callbackId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack {Method} to {Channel} failed")]
    private partial void LogCallFailed(Exception exception, string method, string channel);
}
