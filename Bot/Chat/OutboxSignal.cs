namespace CmBot.Bot.Chat;

/// <summary>Wakes the outbox dispatcher as soon as work is committed: no polling on a timer.</summary>
public sealed class OutboxSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        try
        {
            if (_signal.CurrentCount == 0)
            {
                _signal.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: the dispatcher will see this work in the same pass.
        }
    }

    /// <summary>Waits for a notification or until <paramref name="timeout"/> (a scheduled retry) elapses.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _signal.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _signal.Dispose();
}
