using CmBot.Bot.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CmBot.Bot.Storage;

/// <summary>The database CmBot and Quartz share, resolved once from configuration.</summary>
public sealed record DatabaseConnection(StorageProvider Provider, string ConnectionString, SqliteDurability Durability = SqliteDurability.Normal);

public static class StorageExtensions
{
    public static DatabaseConnection ResolveDatabase(IConfiguration configuration, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var storage = new StorageOptions();
        try
        {
            configuration.GetSection(StorageOptions.Section).Bind(storage);
        }
        catch (InvalidOperationException ex)
        {
            throw new ConfigurationException($"Storage:Provider must be 'Sqlite' or 'Postgres', Storage:SqliteDurability 'Normal' or 'Full' ({ex.Message}).", ex);
        }

        if (storage.Provider == StorageProvider.Postgres)
        {
            return string.IsNullOrWhiteSpace(storage.ConnectionString)
                ? throw new ConfigurationException("Storage:ConnectionString is required when Storage:Provider is 'Postgres'.")
                : new DatabaseConnection(StorageProvider.Postgres, storage.ConnectionString);
        }

        if (!string.IsNullOrWhiteSpace(storage.ConnectionString))
        {
            return new DatabaseConnection(StorageProvider.Sqlite, storage.ConnectionString, storage.SqliteDurability);
        }

        var dataFolder = Environment.GetEnvironmentVariable("CMBOT_DATA") is { Length: > 0 } env
            ? env
            : configuration[$"{CmBotOptions.Section}:{nameof(CmBotOptions.DataFolder)}"] ?? "./data";
        var file = Path.Combine(CmBotOptions.Resolve(contentRoot, dataFolder), "cmbot.db");
        var builder = new SqliteConnectionStringBuilder { DataSource = file, DefaultTimeout = 30, Pooling = true };
        return new DatabaseConnection(StorageProvider.Sqlite, builder.ToString(), storage.SqliteDurability);
    }

    /// <summary>Registers the DbContext on SQLite (default) or PostgreSQL.</summary>
    public static IHostApplicationBuilder AddStorage(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var database = ResolveDatabase(builder.Configuration, builder.Environment.ContentRootPath);
        builder.Services.AddSingleton(database);

        // Pooled: a scope takes a context whose internal services (state manager, change detector, ...) are already
        // built, instead of building them for each unit of work (a new alert's ingest and each of its sends is one).
        // The contexts hold no state of their own, and EF Core resets what it tracked when one goes back to the pool.
        if (database.Provider == StorageProvider.Postgres)
        {
            builder.Services.AddDbContextPool<CmBotDbContext, PostgresCmBotDbContext>(o => o.UseNpgsql(database.ConnectionString));
        }
        else
        {
            var durability = new SqliteDurabilityInterceptor(database.Durability);
            builder.Services.AddDbContextPool<CmBotDbContext, SqliteCmBotDbContext>(o => o.UseSqlite(database.ConnectionString).AddInterceptors(durability));
        }

        builder.Services.AddSingleton<WriteGate>();
        builder.Services.AddScoped<AfterCommit>();
        builder.Services.AddHostedService<StorageInitializer>();
        if (database.Provider == StorageProvider.Sqlite)
        {
            // After the initializer: hosted services start in registration order, and the file exists by then.
            builder.Services.AddHostedService<SqliteCheckpointer>();
        }

        return builder;
    }

    /// <summary>Creates the data folder and the database, applies migrations, and switches SQLite to WAL.</summary>
    public static async Task InitializeStorageAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        var database = services.GetRequiredService<DatabaseConnection>();
        if (database.Provider == StorageProvider.Sqlite)
        {
            var file = new SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
            if (Path.GetDirectoryName(Path.GetFullPath(file)) is { } folder)
            {
                Directory.CreateDirectory(folder);
            }
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CmBotDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
        if (database.Provider == StorageProvider.Sqlite)
        {
            // WAL lets the sandbox read while the outbox and the feeds write; the mode is stored in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}
