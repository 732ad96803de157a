using CmBot.Bot.Chat;
using CmBot.Bot.Storage;
using CmBot.Core.Audit;
using CmBot.Core.Chat;
using CmBot.Core.Common;
using CmBot.Core.People;
using Microsoft.EntityFrameworkCore;

namespace CmBot.Bot.Actions;

/// <summary>
/// The single entry point for clicks from every platform: finds the person, runs the verb's handler in one
/// unit of work, records refusals in the audit log, and wakes the outbox.
/// </summary>
public sealed partial class ActionDispatcher(
    IServiceScopeFactory scopes,
    PeopleDirectory people,
    WriteGate gate,
    OutboxSignal signal,
    ILogger<ActionDispatcher> logger)
{
    public async Task<ActionOutcome> DispatchAsync(ChatAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (!ActionVerbs.All.Contains(action.Verb))
        {
            return ActionOutcome.Refused($"Unknown action '{action.Verb}'.");
        }

        var person = people.FindById(action.PersonId) ?? Person.Unknown(action.PersonId);
        using var _ = await gate.EnterAsync(cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CmBotDbContext>();
        var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
        var handler = scope.ServiceProvider.GetServices<IActionHandler>().Single(h => h.Verbs.Contains(action.Verb));
        try
        {
            var outcome = await handler.HandleAsync(action, person, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            signal.Notify();
            LogAction(action.Verb, action.TargetId, person.Id, action.Where.Platform, outcome.Succeeded);
            return outcome;
        }
        catch (DomainRuleException ex)
        {
            db.ChangeTracker.Clear();
            await audit.AppendAsync(person.Id, AuditActions.ActionRefused, "action", action.TargetId, new { verb = action.Verb, code = ex.Code, reason = ex.Message }, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            LogRefused(action.Verb, action.TargetId, person.Id, ex.Code, ex.Message);
            return ActionOutcome.Refused(ex.Message);
        }
        catch (DbUpdateException ex)
        {
            // Another instance changed the same incident or draft meanwhile (its gate is not ours): the version check,
            // or the outbox key of the card version both queued, refused this save. Nothing was written.
            LogConflict(ex, action.Verb, action.TargetId, person.Id);
            return ActionOutcome.Refused("Someone else changed this at the same moment; please try again.");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Action {Verb} on {TargetId} by {PersonId} from {Platform}: succeeded={Succeeded}")]
    private partial void LogAction(string verb, string targetId, string personId, string platform, bool succeeded);

    [LoggerMessage(Level = LogLevel.Information, Message = "Action {Verb} on {TargetId} by {PersonId} refused: a concurrent change was saved first")]
    private partial void LogConflict(Exception exception, string verb, string targetId, string personId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Action {Verb} on {TargetId} by {PersonId} refused ({Code}): {Reason}")]
    private partial void LogRefused(string verb, string targetId, string personId, string code, string reason);
}

/// <summary>Handles one or more verbs. Runs inside the dispatcher's unit of work; the dispatcher saves.</summary>
public interface IActionHandler
{
    IReadOnlyCollection<string> Verbs { get; }

    Task<ActionOutcome> HandleAsync(ChatAction action, Person person, CancellationToken cancellationToken);
}
