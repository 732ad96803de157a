using System.Text.Json.Nodes;
using CmBot.Bot.Hosting;
using CmBot.Bot.Slack.Commands;
using CmBot.Bot.Slack.Payloads;
using CmBot.Core.People;
using Microsoft.Extensions.Options;

namespace CmBot.Bot.Slack.Inbound;

/// <summary>
/// The answer to a slash command, returned in the HTTP response (or Socket Mode ack) so it reaches the person within
/// Slack's 3 seconds: from the registered <see cref="ISlashCommandResponder"/>, else a short help. Both the identity
/// lookup and the responder are bounded in time.
/// </summary>
public sealed partial class SlackCommandAnswers(
    IServiceProvider services,
    SlackIdentity identity,
    IOptions<CmBotOptions> options,
    TimeProvider time,
    ILogger<SlackCommandAnswers> logger)
{
    private static readonly TimeSpan IdentityBudget = TimeSpan.FromMilliseconds(800);
    private static readonly TimeSpan AnswerBudget = TimeSpan.FromMilliseconds(2000);

    /// <summary>The JSON body of the answer, or null for an empty 200 (the responder opened a modal instead).</summary>
    public async Task<string?> AnswerAsync(SlackSlashCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var texts = SlackInboundTexts.For(options.Value.Language);
        if (services.GetService<ISlashCommandResponder>() is not { } responder)
        {
            return Ephemeral(texts.Help);
        }

        var userId = command.UserId ?? string.Empty;
        Person person;
        try
        {
            person = await identity.ResolveAsync(userId, cancellationToken).WaitAsync(IdentityBudget, time, cancellationToken);
        }
        catch (TimeoutException)
        {
            // The lookup goes on and fills the cache for the next command; this one runs as unknown.
            person = Person.Unknown(userId);
        }

        try
        {
            var answer = await responder.RespondAsync(command.Text ?? string.Empty, person, command.ChannelId ?? string.Empty, command.TriggerId, cancellationToken)
                .WaitAsync(AnswerBudget, time, cancellationToken);
            return answer.Count == 0 ? null : answer.ToJsonString();
        }
        catch (TimeoutException)
        {
            LogSlow(command.Command ?? "?", userId);
            return Ephemeral(texts.Busy);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Never a 500 to Slack: the person gets a sentence, the admin the stack trace.
            LogFailed(ex, command.Command ?? "?", userId);
            return Ephemeral(texts.Failed);
        }
    }

    private static string Ephemeral(string text) => new JsonObject
    {
        [SlackResponseFields.ResponseType] = SlackResponseFields.Ephemeral,
        [SlackResponseFields.Text] = text,
    }.ToJsonString();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slash command {Command} by {SlackUserId} took too long; answered 'busy'")]
    private partial void LogSlow(string command, string slackUserId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Slash command {Command} by {SlackUserId} failed")]
    private partial void LogFailed(Exception exception, string command, string slackUserId);
}
