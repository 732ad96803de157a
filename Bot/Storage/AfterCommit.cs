namespace CmBot.Bot.Storage;

/// <summary>
/// Work a unit of work may leave until after its commit: scheduling the Quartz triggers that wake an incident up
/// later (escalation steps, repeat checks). The triggers live in their own transactions, so doing them first only
/// makes the commit, and the alert waiting behind it, later. A scope that calls <see cref="Begin"/> must call
/// <see cref="RunAsync"/> after its commit (a failed commit never reaches it, so the work is dropped with the scope);
/// anywhere else the work runs at once, as before. If the process dies
/// between the commit and the triggers, or a trigger cannot be stored, the recovery services plan the missing ones
/// again at the next start, and <see cref="Jobs.TriggerSweep"/> every few minutes while the host runs.
/// </summary>
public sealed class AfterCommit
{
    private List<Func<CancellationToken, Task>>? _deferred;

    /// <summary>From now on, <see cref="RunOrDeferAsync"/> keeps the work for <see cref="RunAsync"/>.</summary>
    public void Begin() => _deferred ??= [];

    /// <summary>Runs <paramref name="work"/> now, or after the commit when this scope began deferring.</summary>
    public Task RunOrDeferAsync(Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (_deferred is null)
        {
            return work(cancellationToken);
        }

        _deferred.Add(work);
        return Task.CompletedTask;
    }

    /// <summary>Runs what was deferred, in order, and stops deferring. Call it once the commit has succeeded.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var deferred = _deferred;
        _deferred = null;
        foreach (var work in deferred ?? [])
        {
            await work(cancellationToken).ConfigureAwait(false);
        }
    }
}
