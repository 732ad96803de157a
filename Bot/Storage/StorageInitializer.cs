namespace CmBot.Bot.Storage;

/// <summary>
/// Creates and migrates the database before anything else starts (hosted services start in registration
/// order, and the web server after them), so jobs, the outbox and requests always find their tables.
/// </summary>
public sealed class StorageInitializer(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => services.InitializeStorageAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
