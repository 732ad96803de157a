namespace CmBot.Bot.Hosting;

/// <summary>
/// Wakes a background worker as soon as work is committed, instead of polling on a timer. Several
/// notifications before the worker wakes count as one: it drains everything in the same pass.
/// Each worker has its own subclass so dependency injection tells them apart.
/// </summary>
public abstract class WakeSignal : IDisposable
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
            // Already signalled: the worker will see this work in the same pass.
        }
    }

    /// <summary>Waits for a notification or until <paramref name="timeout"/> (a scheduled retry or sweep) elapses.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _signal.WaitAsync(timeout, cancellationToken);

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _signal.Dispose();
        }
    }
}
