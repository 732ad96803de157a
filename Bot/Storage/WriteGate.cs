namespace CmBot.Bot.Storage;

/// <summary>
/// Serialises the units of work that append to the audit chain within this process, so sequence numbers and
/// previous-hash links are assigned one at a time (on SQLite, the only writer process, that is all it takes). Across
/// instances on PostgreSQL the chain is serialised by <see cref="PostgresAuditChain"/>'s advisory lock, taken by the
/// save itself; this gate still orders the instance's own units of work, which keeps them from refusing each other's
/// optimistic-concurrency checks.
/// </summary>
public sealed class WriteGate : IDisposable
{
    private readonly SemaphoreSlim _semaphore = new(1, 1);

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _semaphore.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Release(_semaphore);
    }

    public void Dispose() => _semaphore.Dispose();

    private sealed class Release(SemaphoreSlim semaphore) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                semaphore.Release();
            }
        }
    }
}
