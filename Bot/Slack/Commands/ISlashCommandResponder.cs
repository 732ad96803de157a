using System.Text.Json.Nodes;
using CmBot.Core.People;

namespace CmBot.Bot.Slack.Commands;

/// <summary>
/// Answers the <c>/cm</c> slash command. The answer is the JSON body of the HTTP response (or Socket Mode ack):
/// <c>{"response_type":"ephemeral","text":...,"blocks":[...]}</c>, so it reaches the user within Slack's 3 seconds.
/// </summary>
public interface ISlashCommandResponder
{
    /// <param name="text">What followed the command ("ack 12", "help", "").</param>
    /// <param name="person">The CmBot person who typed it (<see cref="Person.Unknown"/> when not in people.yaml).</param>
    /// <param name="channelId">Where it was typed.</param>
    Task<JsonObject> RespondAsync(string text, Person person, string channelId, CancellationToken cancellationToken);

    /// <summary>
    /// As above, with the command's trigger_id so the answer may be a modal (<c>/cm silence</c> alone opens the silence
    /// form). An empty object means "a modal was opened": Slack then gets an empty 200 and shows nothing else.
    /// </summary>
    Task<JsonObject> RespondAsync(string text, Person person, string channelId, string? triggerId, CancellationToken cancellationToken) =>
        RespondAsync(text, person, channelId, cancellationToken);
}
