using System.Diagnostics;
using System.Text.Json.Nodes;
using CmBot.Bot.Actions;
using CmBot.Bot.Chat;
using CmBot.Bot.Hosting;
using CmBot.Bot.Reporting.OnDemand;
using CmBot.Core.Chat;
using CmBot.Core.Chat.Commands;
using CmBot.Core.People;
using Microsoft.Extensions.Options;

namespace CmBot.Bot.Slack.Commands;

/// <summary>
/// Answers <c>/cm</c>: parses the text, reads or acts, and lays the answer out ephemerally. Acting goes
/// through the one <see cref="ActionDispatcher"/>, so a command is role-checked and audited exactly like a click.
/// A singleton with its own scopes, so either transport (HTTP request or Socket Mode loop) can call it.
/// </summary>
public sealed partial class SlashCommandResponder(
    IServiceScopeFactory scopes,
    ActionDispatcher dispatcher,
    PeopleDirectory people,
    IOptions<CmBotOptions> options,
    ILogger<SlashCommandResponder> logger,
    IEnumerable<IChatPlatform> platforms,
    ReportRequests? requests = null) : ISlashCommandResponder
{
    /// <summary>The platform name actions from Slack carry in their <see cref="ChatLocation"/>.</summary>
    public const string Platform = "slack";

    private static readonly IReadOnlyDictionary<string, string> NoInputs = new Dictionary<string, string>();

    public async Task<JsonObject> RespondAsync(string text, Person person, string channelId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(channelId);
        var texts = CommandTexts.For(options.Value.Language);
        var command = CommandParser.Parse(text);
        LogCommand(command.GetType().Name, person.Id, channelId);
        var reply = command switch
        {
            HelpCommand help => CommandReplies.Help(texts, help.Problem),
            StatusCommand => CommandReplies.Status(texts, await ReadAsync<ActiveIncidentsQuery, ActiveIncidents>(q => q.ReadAsync(cancellationToken)), NameOf),
            AcknowledgeCommand ack => await ActAsync(texts, ActionVerbs.Acknowledge, ack.IncidentNumber, person, channelId, cancellationToken),
            DraftCommand draft => await ActAsync(texts, ActionVerbs.Draft, draft.IncidentNumber, person, channelId, cancellationToken),
            SilenceCommand silence => CommandReplies.SilenceUnavailable(texts, silence),
            ReportCommand report => await ReportAsync(texts, report, person, channelId, cancellationToken),
            _ => throw new UnreachableException($"No answer for {command.GetType().Name}."),
        };
        return reply.ToJson();
    }

    /// <summary>The headline figures at once, and the full digest with its charts posted in the channel by a queued job.</summary>
    private async Task<EphemeralReply> ReportAsync(CommandTexts texts, ReportCommand report, Person person, string channelId, CancellationToken cancellationToken)
    {
        var figures = await ReadAsync<ActivityReportQuery, Core.Chat.Commands.ActivityReport>(q => q.ReadAsync(report.Period, cancellationToken));
        var posting = channelId.Length > 0 && requests is not null && platforms.Any(p => p.Name == Platform);
        if (posting)
        {
            await requests!.RequestAsync(Platform, channelId, report.Period, person.Id, cancellationToken);
        }

        return CommandReplies.Report(texts, figures, posting);
    }

    private async Task<EphemeralReply> ActAsync(CommandTexts texts, string verb, int number, Person person, string channelId, CancellationToken cancellationToken)
    {
        var incidentId = await ReadAsync<ActiveIncidentsQuery, Guid?>(q => q.FindIdAsync(number, cancellationToken));
        if (incidentId is null)
        {
            return CommandReplies.NoSuchIncident(texts, number);
        }

        var action = new ChatAction(verb, incidentId.Value.ToString(), person.Id, new ChatLocation(Platform, channelId), NoInputs);
        var outcome = await dispatcher.DispatchAsync(action, cancellationToken);

        // Person.Unknown keeps the chat user id as its name: that is what an admin adds to people.yaml.
        var notInTeam = people.FindById(person.Id) is null ? person.Name : null;
        return CommandReplies.Outcome(texts, outcome, notInTeam);
    }

    private async Task<TResult> ReadAsync<TQuery, TResult>(Func<TQuery, Task<TResult>> read)
        where TQuery : notnull
    {
        await using var scope = scopes.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<TQuery>());
    }

    private string NameOf(string personId) => people.FindById(personId)?.Name ?? personId;

    [LoggerMessage(Level = LogLevel.Information, Message = "Slash command {Command} from {PersonId} in {Channel}")]
    private partial void LogCommand(string command, string personId, string channel);
}
