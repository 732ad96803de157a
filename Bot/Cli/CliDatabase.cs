using CmBot.Bot.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CmBot.Bot.Cli;

/// <summary>
/// Opens the database the host is configured with, for tools that read it: never creates or migrates it, and
/// says clearly when it is missing or older than this version of CmBot.
/// </summary>
public static class CliDatabase
{
    public static async Task<CmBotDbContext> OpenExistingAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var database = services.GetRequiredService<DatabaseConnection>();
        if (database.Provider == StorageProvider.Sqlite)
        {
            var file = new SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
            if (!File.Exists(file))
            {
                throw new DatabaseMissingException($"There is no CmBot database at {Path.GetFullPath(file)}: run the host once, or point CmBot:DataFolder (or CMBOT_DATA, or Storage:ConnectionString) at its data.");
            }
        }

        var db = services.GetRequiredService<CmBotDbContext>();
        if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            throw new DatabaseMissingException("The CmBot database is not migrated to this version: start the host once to upgrade it, then run this again.");
        }

        return db;
    }
}

/// <summary>The tools' database is missing or older than this CmBot: exit code 3, with what to do.</summary>
public sealed class DatabaseMissingException(string message) : Exception(message);
