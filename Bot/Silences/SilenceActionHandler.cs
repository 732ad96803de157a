using CmBot.Bot.Actions;
using CmBot.Bot.Chat;
using CmBot.Bot.Hosting;
using CmBot.Bot.Storage;
using CmBot.Core.Audit;
using CmBot.Core.Chat;
using CmBot.Core.Chat.Commands;
using CmBot.Core.Common;
using CmBot.Core.Incidents;
using CmBot.Core.People;
using CmBot.Core.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CmBot.Bot.Silences;

/// <summary>
/// Creates and ends silences from chat, through the one dispatcher (so every platform's command, form and button is
/// role-checked, and a refusal audited, the same way): "Mute topic" on an alert card, <c>silence.create</c> with the
/// typed match, duration and reason, <c>silence.end</c> with a silence's id.
/// </summary>
public sealed partial class SilenceActionHandler(
    CmBotDbContext db,
    AuditLog audit,
    ActiveSilences silences,
    SilenceSettings settings,
    CardPublisher cards,
    TimeProvider time,
    IOptions<CmBotOptions> options,
    ILogger<SilenceActionHandler> logger) : IActionHandler
{
    public IReadOnlyCollection<string> Verbs { get; } = [ActionVerbs.MuteTopic, ActionVerbs.SilenceCreate, ActionVerbs.SilenceEnd];

    private SilenceTexts Texts => SilenceTexts.For(options.Value.Language);

    public async Task<ActionOutcome> HandleAsync(ChatAction action, Person person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(person);
        return action.Verb switch
        {
            ActionVerbs.MuteTopic => await MuteTopicAsync(action, person, cancellationToken),
            ActionVerbs.SilenceCreate => await CreateAsync(action, person, cancellationToken),
            _ => await EndAsync(action, person, cancellationToken),
        };
    }

    private async Task<ActionOutcome> MuteTopicAsync(ChatAction action, Person person, CancellationToken cancellationToken)
    {
        var incident = Guid.TryParse(action.TargetId, out var id) && await db.Incidents.FindAsync([id], cancellationToken) is { } found
            ? found
            : throw new DomainRuleException("not-found", $"Incident '{action.TargetId}' does not exist.");
        SilenceRules.Check(person, settings.MuteTopicDuration, settings.MaxDuration, Texts);
        if (!incident.IsActive)
        {
            throw new DomainRuleException("state", $"Incident #{incident.Number} is closed.");
        }

        var silence = Silence.Create(Guid.NewGuid(), [SilenceMatch.Topic(incident.Key)], person.Id, time.GetUtcNow(), settings.MuteTopicDuration, Texts.MutedFromIncident(incident.Number));
        await StoreAsync(silence, action, incident, cancellationToken);

        // The router now finds the silence: the card is edited where it already is, to say so, and nothing new is posted.
        incident.Redraw();
        await cards.IncidentChangedAsync(incident, cancellationToken);
        return ActionOutcome.Done(Texts.Created(silence));
    }

    private async Task<ActionOutcome> CreateAsync(ChatAction action, Person person, CancellationToken cancellationToken)
    {
        // The role first: someone who may not silence learns that, not what was wrong with their input.
        SilenceRules.Check(person, TimeSpan.FromTicks(1), settings.MaxDuration, Texts);
        var typed = action.Input(CardInputs.SilenceDuration)?.Trim() ?? string.Empty;
        if (!CommandDuration.TryParse(typed, out var duration))
        {
            throw new DomainRuleException("input", Texts.BadDuration(typed));
        }

        SilenceRules.Check(person, duration, settings.MaxDuration, Texts);
        IReadOnlyList<LabelMatcher> matchers;
        try
        {
            matchers = SilenceMatch.Parse(action.Input(CardInputs.SilenceMatch));
        }
        catch (FormatException ex)
        {
            throw new DomainRuleException("input", Texts.BadMatch(ex.Message));
        }

        var reason = action.Input(CardInputs.SilenceReason)?.Trim() ?? string.Empty;
        var silence = Silence.Create(Guid.NewGuid(), matchers, person.Id, time.GetUtcNow(), duration, reason.Length > 500 ? reason[..500] : reason);
        await StoreAsync(silence, action, null, cancellationToken);
        return ActionOutcome.Done(Texts.Created(silence));
    }

    private async Task<ActionOutcome> EndAsync(ChatAction action, Person person, CancellationToken cancellationToken)
    {
        SilenceRules.Check(person, TimeSpan.FromTicks(1), settings.MaxDuration, Texts);
        var active = await silences.GetAsync(cancellationToken);
        var silence = (Guid.TryParse(action.TargetId, out var id) ? active.FirstOrDefault(s => s.Id == id) : SilenceRules.FindByShortId(active, action.TargetId))
            ?? throw new DomainRuleException("not-found", Texts.NotFound(action.TargetId));
        var row = await db.Set<StoredSilence>().FindAsync([silence.Id], cancellationToken)
            ?? throw new DomainRuleException("not-found", Texts.NotFound(action.TargetId));
        var ended = silence.EndEarly(person.Id, time.GetUtcNow());
        row.EndsAt = ended.EndsAt;
        row.ExpiredBy = ended.ExpiredBy;
        row.ExpiredAt = ended.ExpiredAt;
        await audit.AppendAsync(
            person.Id, AuditActions.SilenceExpired, Subjects.Silence, silence.Id.ToString(),
            new { shortId = silence.ShortId, matchers = silence.Describe(), plannedEnd = silence.EndsAt, endedAt = ended.EndsAt, platform = action.Where.Platform },
            cancellationToken);
        await silences.UpsertAsync(ended, cancellationToken);
        LogEnded(silence.ShortId, person.Id);
        return ActionOutcome.Done(Texts.Ended(ended));
    }

    private async Task StoreAsync(Silence silence, ChatAction action, Incident? incident, CancellationToken cancellationToken)
    {
        var what = silence.Describe();
        db.Set<StoredSilence>().Add(StoredSilence.From(silence, $"{action.Verb}/{action.Where.Platform}"));
        await audit.AppendAsync(
            silence.CreatedBy, AuditActions.SilenceCreated, Subjects.Silence, silence.Id.ToString(),
            new
            {
                shortId = silence.ShortId,
                matchers = what,
                startsAt = silence.StartsAt,
                endsAt = silence.EndsAt,
                reason = silence.Reason,
                platform = action.Where.Platform,
                channel = action.Where.Channel,
                incident = incident?.Number,
            },
            cancellationToken);
        await silences.UpsertAsync(silence, cancellationToken);
        LogCreated(silence.ShortId, what, silence.EndsAt, silence.CreatedBy);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Silence {ShortId} on {Matchers} until {EndsAt} created by {PersonId}")]
    private partial void LogCreated(string shortId, string matchers, DateTimeOffset endsAt, string personId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Silence {ShortId} ended early by {PersonId}")]
    private partial void LogEnded(string shortId, string personId);
}
