namespace CmBot.Bot.Storage;

public enum StorageProvider
{
    Sqlite,
    Postgres,
}

/// <summary>The <c>Storage</c> section. SQLite in the data folder unless PostgreSQL is configured.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>Required for PostgreSQL; for SQLite, defaults to <c>{DataFolder}/cmbot.db</c>.</summary>
    public string? ConnectionString { get; set; }
}
