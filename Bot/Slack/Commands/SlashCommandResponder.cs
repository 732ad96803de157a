using System.Diagnostics;
using System.Text.Json.Nodes;
using CmBot.Bot.Actions;
using CmBot.Bot.Chat;
using CmBot.Bot.Hosting;
using CmBot.Bot.Silences;
using CmBot.Bot.Slack.Inbound;
using CmBot.Bot.Reporting.OnDemand;
using CmBot.Core.Chat;
using CmBot.Core.Chat.Commands;
using CmBot.Core.People;
using CmBot.Core.Routing;
using Microsoft.Extensions.Options;

namespace CmBot.Bot.Slack.Commands;

/// <summary>
/// Answers <c>/cm</c>: parses the text, reads or acts, and lays the answer out ephemerally. Acting goes
/// through the one <see cref="ActionDispatcher"/>, so a command is role-checked and audited exactly like a click.
/// A singleton with its own scopes, so either transport (HTTP request or Socket Mode loop) can call it.
/// </summary>
public sealed partial class SlashCommandResponder(
    IServiceScopeFactory scopes,
    IServiceProvider services,
    ActionDispatcher dispatcher,
    PeopleDirectory people,
    ActiveSilences silences,
    SilenceSettings silenceSettings,
    IOptions<CmBotOptions> options,
    ILogger<SlashCommandResponder> logger,
    IEnumerable<IChatPlatform> platforms,
    ReportRequests? requests = null) : ISlashCommandResponder
{
    /// <summary>The platform name actions from Slack carry in their <see cref="ChatLocation"/>.</summary>
    public const string Platform = "slack";

    private static readonly IReadOnlyDictionary<string, string> NoInputs = new Dictionary<string, string>();

    public Task<JsonObject> RespondAsync(string text, Person person, string channelId, CancellationToken cancellationToken) =>
        RespondAsync(text, person, channelId, null, cancellationToken);

    public async Task<JsonObject> RespondAsync(string text, Person person, string channelId, string? triggerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(channelId);
        var texts = CommandTexts.For(options.Value.Language);
        var command = CommandParser.Parse(text, silenceSettings.MaxDuration);
        LogCommand(command.GetType().Name, person.Id, channelId);
        EphemeralReply? reply = command switch
        {
            HelpCommand help => CommandReplies.Help(texts, help.Problem),
            StatusCommand => CommandReplies.Status(texts, await ReadAsync<ActiveIncidentsQuery, ActiveIncidents>(q => q.ReadAsync(cancellationToken)), NameOf),
            AcknowledgeCommand ack => await ActAsync(texts, ActionVerbs.Acknowledge, ack.IncidentNumber, person, channelId, cancellationToken),
            DraftCommand draft => await ActAsync(texts, ActionVerbs.Draft, draft.IncidentNumber, person, channelId, cancellationToken),
            SilenceCommand silence => await SilenceAsync(texts, silence, person, channelId, cancellationToken),
            SilenceFormCommand => await OpenSilenceFormAsync(channelId, triggerId, person, cancellationToken) ? null : CommandReplies.Help(texts, new CommandProblem(CommandProblemKind.MissingSilenceArguments)),
            SilencesCommand => CommandReplies.Silences(SilenceTexts.For(options.Value.Language), await silences.GetAsync(cancellationToken), NameOf),
            UnsilenceCommand end => await DispatchAsync(texts, new ChatAction(ActionVerbs.SilenceEnd, end.Id, person.Id, new ChatLocation(Platform, channelId), NoInputs), person, cancellationToken),
            ReportCommand report => await ReportAsync(texts, report, person, channelId, cancellationToken),
            _ => throw new UnreachableException($"No answer for {command.GetType().Name}."),
        };
        return reply?.ToJson() ?? [];
    }

    private Task<EphemeralReply> SilenceAsync(CommandTexts texts, SilenceCommand silence, Person person, string channelId, CancellationToken cancellationToken)
    {
        var inputs = new Dictionary<string, string>
        {
            [CardInputs.SilenceMatch] = silence.Match,
            [CardInputs.SilenceDuration] = SilenceTexts.Typed(silence.Duration),
        };
        if (silence.Reason is { } reason)
        {
            inputs[CardInputs.SilenceReason] = reason;
        }

        return DispatchAsync(texts, new ChatAction(ActionVerbs.SilenceCreate, "new", person.Id, new ChatLocation(Platform, channelId), inputs), person, cancellationToken);
    }

    /// <summary>
    /// Opens the silence form with the command's trigger_id (valid 3 s). Someone already known not to be in the team
    /// is not shown a form they could not submit: they get the help, and the refusal when they type it in full.
    /// </summary>
    private async Task<bool> OpenSilenceFormAsync(string channelId, string? triggerId, Person person, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(triggerId) || services.GetService<SlackReplies>() is not { } replies || people.FindById(person.Id) is null)
        {
            return false;
        }

        var view = SlackModals.Silence(new SlackModalMetadata(SlackModals.NewSilenceTarget, channelId), silenceSettings.AllowedChoices, SilenceTexts.For(options.Value.Language));
        return await replies.OpenViewAsync(triggerId, view, cancellationToken);
    }

    private async Task<EphemeralReply> DispatchAsync(CommandTexts texts, ChatAction action, Person person, CancellationToken cancellationToken)
    {
        // Someone not in people.yaml acts under their chat id (Person.Unknown keeps it as the name), as a click does,
        // so refusals name them as an admin would look them up; never under a declared person's id.
        if (people.FindById(person.Id) is null && people.FindById(person.Name) is null)
        {
            action = action with { PersonId = person.Name };
        }

        var outcome = await dispatcher.DispatchAsync(action, cancellationToken);
        var notInTeam = people.FindById(person.Id) is null ? person.Name : null;
        return CommandReplies.Outcome(texts, outcome, notInTeam);
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
