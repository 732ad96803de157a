using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CmBot.Bot.Storage;

/// <summary>Lets <c>dotnet ef migrations add X --context SqliteCmBotDbContext</c> build the model without the host.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteCmBotDbContext>
{
    public SqliteCmBotDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteCmBotDbContext>().UseSqlite("Data Source=design.db").Options);
}

/// <summary>Same for <c>--context PostgresCmBotDbContext</c>; no server is contacted to add a migration.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresCmBotDbContext>
{
    public PostgresCmBotDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresCmBotDbContext>().UseNpgsql("Host=localhost;Database=cmbot_design").Options);
}
