namespace CmBot.Bot.Slack.Inbound;

/// <summary>Wakes the inbox processor as soon as a batch with work is committed: no polling on a timer.</summary>
public sealed class SlackInboxSignal : IDisposable
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
            // Already signalled: the processor will see this work in the same pass.
        }
    }

    /// <summary>Waits for a notification or until <paramref name="timeout"/> (the next sweep or retry) elapses.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _signal.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _signal.Dispose();
}
