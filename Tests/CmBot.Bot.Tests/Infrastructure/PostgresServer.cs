using System.Text;
using Npgsql;

namespace CmBot.Bot.Tests.Infrastructure;

/// <summary>
/// Provides a PostgreSQL server for tests.
/// <list type="bullet">
/// <item>If <c>CMBOT_TEST_POSTGRES</c> is set, that connection string is used as-is.</item>
/// <item>Otherwise a private throwaway cluster is started once per test process from the
/// locally installed server binaries (initdb/pg_ctl/postgres), listening on 127.0.0.1 on a
/// free port, and stopped/deleted again when the process exits (see <see cref="PrivateCluster"/>).</item>
/// <item>If neither is available, <see cref="TryStartAsync"/> returns <see langword="null"/>
/// and <see cref="UnavailableReason"/> says why (tests should call <c>Assert.Skip</c>).</item>
/// </list>
/// When the test process runs as root, the cluster runs as the unprivileged OS user
/// <c>cmbot_pg</c> (created if missing), because PostgreSQL refuses to run as root.
/// </summary>
public sealed class PostgresServer
{
    /// <summary>Environment variable holding an external server's connection string.</summary>
    public const string EnvironmentVariable = "CMBOT_TEST_POSTGRES";

    /// <summary>Unprivileged OS user that runs the private cluster when tests run as root.</summary>
    public const string ServiceUser = "cmbot_pg";

    private const string MissingMessage =
        "PostgreSQL tests skipped: set CMBOT_TEST_POSTGRES or install Debian's postgresql package (apt-get install postgresql).";

    private static readonly Lazy<Task<PostgresServer?>> Instance =
        new(StartOrConnectAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    private static string? unavailableReason;

    private PostgresServer(string connectionString)
    {
        ConnectionString = connectionString;
    }

    /// <summary>
    /// One sentence explaining why no server is available, or <see langword="null"/> when one is
    /// (or when <see cref="TryStartAsync"/> has not completed yet).
    /// </summary>
    public static string? UnavailableReason => Volatile.Read(ref unavailableReason);

    /// <summary>Connection string for the <c>postgres</c> database as superuser.</summary>
    public string ConnectionString { get; }

    /// <summary>
    /// Returns the shared server, starting the private cluster on first use; <see langword="null"/>
    /// when neither <c>CMBOT_TEST_POSTGRES</c> nor server binaries exist (see <see cref="UnavailableReason"/>).
    /// Throws when binaries exist but the cluster fails to start (the message carries the server output).
    /// </summary>
    public static Task<PostgresServer?> TryStartAsync() => Instance.Value;

    /// <summary>
    /// Returns the shared server or ends the current test as skipped (xunit v3 <c>Assert.Skip</c>)
    /// when none is available.
    /// </summary>
    public static async Task<PostgresServer> GetOrSkipAsync()
    {
        var server = await TryStartAsync().ConfigureAwait(false);
        if (server is null)
        {
            Assert.Skip(UnavailableReason ?? MissingMessage);
        }

        return server;
    }

    /// <summary>
    /// Creates a fresh, empty database (dropping any existing database of that name first)
    /// and returns a connection string for it.
    /// </summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (Encoding.UTF8.GetByteCount(name) > 63)
        {
            throw new ArgumentException("PostgreSQL database names are limited to 63 bytes.", nameof(name));
        }

        var quoted = "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        var connection = new NpgsqlConnection(ConnectionString);
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, "DROP DATABASE IF EXISTS " + quoted + " WITH (FORCE)", cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, "CREATE DATABASE " + quoted, cancellationToken).ConfigureAwait(false);
        }

        var builder = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name };
        return builder.ConnectionString;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
#pragma warning disable CA2100 // The only dynamic part is a properly quoted identifier.
        var command = new NpgsqlCommand(sql, connection);
#pragma warning restore CA2100
        await using (command.ConfigureAwait(false))
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<PostgresServer?> StartOrConnectAsync()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return new PostgresServer(fromEnvironment);
        }

        var binDir = PostgresBinaries.FindBinDirectory();
        if (binDir is null)
        {
            Volatile.Write(ref unavailableReason, MissingMessage);
            return null;
        }

        var cluster = new PrivateCluster(binDir);
        var connectionString = await cluster.StartAsync().ConfigureAwait(false);
        return new PostgresServer(connectionString);
    }
}
