namespace CmBot.Bot.Storage;

public enum StorageProvider
{
    Sqlite,
    Postgres,
}

/// <summary>When a SQLite commit waits for the disk (SQLite's <c>PRAGMA synchronous</c>, in WAL mode).</summary>
public enum SqliteDurability
{
    /// <summary>A commit survives a crash or kill of CmBot at once; the disk flush happens at checkpoints, so a power
    /// cut can lose the last moments of work (never corrupt the file). SQLite's recommended setting for WAL.</summary>
    Normal,

    /// <summary>Every commit waits for an fsync of the write-ahead log (about 4 ms on a typical virtual disk).</summary>
    Full,
}

/// <summary>The <c>Storage</c> section. SQLite in the data folder unless PostgreSQL is configured.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>Required for PostgreSQL; for SQLite, defaults to <c>{DataFolder}/cmbot.db</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>SQLite only: <c>Normal</c> (default) or <c>Full</c>; see <see cref="SqliteDurability"/>.</summary>
    public SqliteDurability SqliteDurability { get; set; } = SqliteDurability.Normal;
}
