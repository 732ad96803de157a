using System.Globalization;
using CmBot.Bot.Actions;
using CmBot.Bot.Hosting;
using CmBot.Bot.Silences;
using CmBot.Bot.Reporting;
using CmBot.Bot.Teams.Cards;
using CmBot.Bot.Storage;
using CmBot.Bot.Teams.Activities;
using CmBot.Core.Chat;
using CmBot.Core.Chat.Commands;
using CmBot.Core.Routing;
using CmBot.Core.Incidents;
using CmBot.Core.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CmBot.Bot.Teams.Inbound;

/// <summary>
/// Answers a message addressed to the bot (in a channel, a group chat or 1:1): help, the open incidents, or an
/// action on an incident by its number, run through the same dispatcher as a button.
/// </summary>
public sealed class CommandHandler(
    ActionDispatcher dispatcher,
    CmBotDbContext db,
    TeamsPeople teamsPeople,
    PeopleDirectory people,
    TeamsReplies replies,
    ActiveSilences silences,
    SilenceSettings silenceSettings,
    ReportService reports,
    ReportingSettings reporting,
    IOptions<CmBotOptions> options)
{
    private const int StatusLimit = 10;

    public async Task HandleAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var command = TeamsCommand.Parse(TeamsCommand.TextWithoutBotMention(activity), silenceSettings.MaxDuration);
        if (command.Kind == TeamsCommandKind.Report)
        {
            await ReportAsync(activity, command.Period!.Value, cancellationToken);
            return;
        }

        var card = command.Kind switch
        {
            TeamsCommandKind.Status => await StatusAsync(cancellationToken),
            TeamsCommandKind.Acknowledge => await ActAsync(activity, ActionVerbs.Acknowledge, command.IncidentNumber!.Value, cancellationToken),
            TeamsCommandKind.Draft => await ActAsync(activity, ActionVerbs.Draft, command.IncidentNumber!.Value, cancellationToken),
            TeamsCommandKind.Silence when command.Parsed is SilenceCommand silence => await DispatchAsync(activity, ActionVerbs.SilenceCreate, "new", SilenceInputs(silence), cancellationToken),
            TeamsCommandKind.Unsilence when command.Parsed is UnsilenceCommand end => await DispatchAsync(activity, ActionVerbs.SilenceEnd, end.Id, new Dictionary<string, string>(), cancellationToken),
            TeamsCommandKind.Silences => await SilencesAsync(cancellationToken),
            TeamsCommandKind.Help when command.Parsed is HelpCommand { Problem: { } problem } => Help(CommandTexts.For(options.Value.Language).NotUnderstood(problem)),
            TeamsCommandKind.Unknown => Help($"Unknown command '{command.Word}'."),
            _ => Help(null),
        };
        await replies.EnqueueAsync(activity, card, cancellationToken);
    }

    private static Card Help(string? status) => new()
    {
        Title = "CmBot commands",
        Status = status,
        Facts =
        [
            new CardFact(TeamsCommand.StatusWord, "the open incidents, most severe first"),
            new CardFact($"{TeamsCommand.AckWord} <number>", "acknowledge an incident"),
            new CardFact($"{TeamsCommand.DraftWord} <number>", "start a reply draft for an incident"),
            new CardFact($"{TeamsCommand.SilenceWord} <match> <duration> [reason]", "mute alerts matching a word or topic=…, risk=…, source=… for 30m, 2h, 1d…"),
            new CardFact(TeamsCommand.SilencesWord, "the active silences"),
            new CardFact($"{TeamsCommand.UnsilenceWord} <id>", "end a silence now"),
            new CardFact($"{TeamsCommand.ReportWord} [7d|30d]", "the digest of the period with its charts"),
            new CardFact(TeamsCommand.HelpWord, "this list"),
        ],
    };

    /// <summary>The digest card, then one card per chart (inline PNG sized under Teams' message limit), in order.</summary>
    private async Task ReportAsync(Activity activity, TimeSpan period, CancellationToken cancellationToken)
    {
        var report = await reports.BuildAsync(period, cancellationToken);
        await replies.EnqueueAsync(activity, report.Card, cancellationToken);
        var charts = ReportCards.Charts(report.Kpis, options.Value.Language, reporting.Zone);
        for (var i = 0; i < charts.Count; i++)
        {
            await replies.EnqueueAsync(activity, charts[i], cancellationToken, part: i + 1);
        }
    }

    private async Task<Card> StatusAsync(CancellationToken cancellationToken)
    {
        var open = await db.Incidents.AsNoTracking()
            .Where(i => i.Status == IncidentStatus.Open || i.Status == IncidentStatus.Acknowledged)
            .OrderBy(i => i.Severity).ThenByDescending(i => i.Number)
            .Take(StatusLimit)
            .ToListAsync(cancellationToken);
        return new Card
        {
            Title = "Open incidents",
            Status = open.Count == 0 ? "Nothing open." : null,
            Facts = open.Select(i => new CardFact(
                string.Create(CultureInfo.InvariantCulture, $"#{i.Number} {i.Severity}"),
                i.AcknowledgedBy is { } by ? $"{i.Title} — acknowledged by {people.FindById(by)?.Name ?? by}" : $"{i.Title} — open")).ToList(),
        };
    }

    private async Task<Card> ActAsync(Activity activity, string verb, int number, CancellationToken cancellationToken)
    {
        var incidentId = await db.Incidents.AsNoTracking().Where(i => i.Number == number).Select(i => (Guid?)i.Id).FirstOrDefaultAsync(cancellationToken);
        if (incidentId is null)
        {
            return new Card { Title = string.Create(CultureInfo.InvariantCulture, $"Incident #{number} does not exist.") };
        }

        return await DispatchAsync(activity, verb, incidentId.Value.ToString(), new Dictionary<string, string>(), cancellationToken);
    }

    private static Dictionary<string, string> SilenceInputs(SilenceCommand silence)
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

        return inputs;
    }

    private async Task<Card> SilencesAsync(CancellationToken cancellationToken)
    {
        var texts = SilenceTexts.For(options.Value.Language);
        var active = (await silences.GetAsync(cancellationToken)).OrderBy(s => s.EndsAt).Take(StatusLimit).ToList();
        return new Card
        {
            Title = texts.ListTitle,
            Status = active.Count == 0 ? texts.ListEmpty : null,
            Facts = [.. active.Select(s => new CardFact(s.ShortId, texts.ListLine(s, people.FindById(s.CreatedBy)?.Name ?? s.CreatedBy)))],
        };
    }

    private async Task<Card> DispatchAsync(Activity activity, string verb, string targetId, Dictionary<string, string> inputs, CancellationToken cancellationToken)
    {
        var person = teamsPeople.Find(activity.From);
        var action = new ChatAction(
            verb,
            targetId,
            TeamsPeople.ActorId(person, activity.From),
            new ChatLocation(TeamsOptions.PlatformName, TeamsOutbox.Lane(activity.Conversation!.Id!), activity.Id),
            inputs);
        var outcome = await dispatcher.DispatchAsync(action, cancellationToken);
        return new Card { Title = outcome.Message, Status = outcome.Succeeded ? null : "Refused" };
    }
}
