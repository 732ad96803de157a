using Npgsql;

namespace CmBot.Bot.Tests.Infrastructure;

// Test names follow Method_Condition_Result.
#pragma warning disable CA1707

public sealed class PostgresServerTests
{
    [Fact]
    public async Task CreateDatabaseAsync_ServerAvailable_SelectOneReturnsOne()
    {
        var server = await PostgresServer.TryStartAsync();
        if (server is null)
        {
            Assert.Skip(PostgresServer.UnavailableReason ?? "PostgreSQL is not available.");
        }

        var cancellationToken = TestContext.Current.CancellationToken;
        var connectionString = await server.CreateDatabaseAsync("cmbot_infra_smoke", cancellationToken);

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("select 1", connection);
        var result = await command.ExecuteScalarAsync(cancellationToken);

        Assert.Equal("cmbot_infra_smoke", connection.Database);
        Assert.Equal(1, Convert.ToInt32(result, System.Globalization.CultureInfo.InvariantCulture));
    }
}
