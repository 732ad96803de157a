namespace CmBot.Bot.Tests.Infrastructure;

/// <summary>
/// A throwaway database for one test: a SQLite file in a temporary data folder, or a fresh PostgreSQL
/// database on the test cluster (skipped with a clear reason when PostgreSQL is not available).
/// </summary>
public sealed class TestStore : IDisposable
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    private TestStore(string provider, string dataFolder, string? postgresConnection)
    {
        Provider = provider;
        DataFolder = dataFolder;
        PostgresConnection = postgresConnection;
    }

    public string Provider { get; }
    public string DataFolder { get; }
    public string? PostgresConnection { get; }

    public static async Task<TestStore> CreateAsync(string provider, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), "cmbot-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        if (provider == Sqlite)
        {
            return new TestStore(provider, folder, null);
        }

        var server = await PostgresServer.GetOrSkipAsync();
        var connection = await server.CreateDatabaseAsync($"cmbot_{Guid.NewGuid():N}", cancellationToken);
        return new TestStore(provider, folder, connection);
    }

    /// <summary>The configuration keys that point the host at this store.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings()
    {
        yield return new("CmBot:DataFolder", DataFolder);
        if (PostgresConnection is not null)
        {
            yield return new("Storage:Provider", "Postgres");
            yield return new("Storage:ConnectionString", PostgresConnection);
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a pooled SQLite connection; the temp folder is cleaned by the OS.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
