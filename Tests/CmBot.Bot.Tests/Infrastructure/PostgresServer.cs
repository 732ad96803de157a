using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;

namespace CmBot.Bot.Tests.Infrastructure;

/// <summary>
/// Provides a PostgreSQL server for tests.
/// <list type="bullet">
/// <item>If <c>CMBOT_TEST_POSTGRES</c> is set, that connection string is used as-is.</item>
/// <item>Otherwise a private throwaway cluster is started once per test process from the
/// locally installed server binaries (initdb/pg_ctl/postgres), listening on 127.0.0.1 on a
/// free port, and stopped/deleted again when the process exits.</item>
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

    private static readonly TimeSpan ShortTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);

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

        var binDir = FindBinDirectory();
        if (binDir is null)
        {
            Volatile.Write(ref unavailableReason, MissingMessage);
            return null;
        }

        var cluster = new PrivateCluster(binDir);
        var connectionString = await cluster.StartAsync().ConfigureAwait(false);
        return new PostgresServer(connectionString);
    }

    /// <summary>Directory holding initdb, pg_ctl and postgres, symlinks resolved; null when absent.</summary>
    internal static string? FindBinDirectory()
    {
        var candidates = new List<string> { "/usr/local/bin" };

        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(
                Directory.GetDirectories("/usr/lib/postgresql")
                    .Select(dir => (dir, version: ParseVersion(Path.GetFileName(dir))))
                    .OrderByDescending(entry => entry.version)
                    .Select(entry => Path.Combine(entry.dir, "bin")));
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        candidates.AddRange(path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));

        foreach (var candidate in candidates)
        {
            var initdb = ResolveExecutable(Path.Combine(candidate, "initdb"));
            var pgCtl = ResolveExecutable(Path.Combine(candidate, "pg_ctl"));
            if (initdb is null || pgCtl is null)
            {
                continue;
            }

            // pg_ctl starts the "postgres" binary found next to its own (resolved) location.
            var dir = Path.GetDirectoryName(pgCtl)!;
            if (Path.GetDirectoryName(initdb) == dir && File.Exists(Path.Combine(dir, "postgres")))
            {
                return dir;
            }
        }

        return null;
    }

    private static double ParseVersion(string name) =>
        double.TryParse(name, NumberStyles.Float, CultureInfo.InvariantCulture, out var version) ? version : -1;

    private static string? ResolveExecutable(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return null;
            }

            var target = info.LinkTarget is null ? info : info.ResolveLinkTarget(returnFinalTarget: true) as FileInfo;
            return target is { Exists: true } ? target.FullName : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>A throwaway cluster in a temp directory, removed when the process exits.</summary>
    private sealed class PrivateCluster
    {
        private readonly string binDir;
        private readonly bool asServiceUser;
        private readonly string rootDir;
        private readonly string dataDir;
        private readonly string logFile;
        private int stopped;

        public PrivateCluster(string binDir)
        {
            this.binDir = binDir;
            asServiceUser = string.Equals(Environment.UserName, "root", StringComparison.Ordinal);

            // Short path: the unix socket path (inside rootDir) is limited to ~107 bytes.
            // /tmp is world-traversable, unlike e.g. a TMPDIR under /root.
            var parent = asServiceUser ? "/tmp" : Path.GetTempPath();
            rootDir = Path.Combine(parent, "cmbot-pg-" + Guid.NewGuid().ToString("N")[..12]);
            dataDir = Path.Combine(rootDir, "data");
            logFile = Path.Combine(rootDir, "postgres.log");
        }

        public async Task<string> StartAsync()
        {
            Directory.CreateDirectory(rootDir);
            AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
            try
            {
                if (asServiceUser)
                {
                    await EnsureServiceUserAsync().ConfigureAwait(false);
                    await RunCheckedAsync("chown", [ServiceUser + ":", rootDir], ShortTimeout).ConfigureAwait(false);
                }

                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(rootDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                }

                await RunAsPostgresAsync(
                    "initdb",
                    ["-D", dataDir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"],
                    StartTimeout).ConfigureAwait(false);

                StartWatchdog();

                // A free port can be taken by someone else between probing and binding: retry.
                for (var attempt = 1; ; attempt++)
                {
                    var port = GetFreePort();
                    WriteSettings(port);
                    try
                    {
                        await RunAsPostgresAsync(
                            "pg_ctl",
                            ["start", "-D", dataDir, "-l", logFile, "-w", "-t", "60", "-s"],
                            StartTimeout).ConfigureAwait(false);
                    }
                    catch (InvalidOperationException) when (attempt < 3)
                    {
                        continue;
                    }

                    return new NpgsqlConnectionStringBuilder
                    {
                        Host = "127.0.0.1",
                        Port = port,
                        Username = "postgres",
                        Database = "postgres",
                        Timeout = 30,
                    }.ConnectionString;
                }
            }
            catch (Exception ex) when (ex is not InvalidOperationException)
            {
                Stop();
                throw new InvalidOperationException($"Could not start the private PostgreSQL cluster in {rootDir}: {ex.Message}", ex);
            }
            catch (InvalidOperationException ex)
            {
                var log = ReadLog();
                Stop();
                throw new InvalidOperationException(ex.Message + (log.Length > 0 ? Environment.NewLine + "Server log:" + Environment.NewLine + log : string.Empty), ex);
            }
        }

        private void WriteSettings(int port)
        {
            // postgresql.auto.conf is read last and is only rewritten by ALTER SYSTEM.
            var settings = new StringBuilder()
                .AppendLine("listen_addresses = '127.0.0.1'")
                .AppendLine(CultureInfo.InvariantCulture, $"port = {port}")
                .AppendLine(CultureInfo.InvariantCulture, $"unix_socket_directories = '{rootDir}'")
                .AppendLine("fsync = off")
                .AppendLine("synchronous_commit = off")
                .AppendLine("full_page_writes = off")
                .AppendLine("max_connections = 200")
                .AppendLine("shared_buffers = 32MB")
                .AppendLine("log_min_messages = warning")
                .ToString();

            // Written as root into a file owned by the service user: rewriting keeps the owner.
            File.WriteAllText(Path.Combine(dataDir, "postgresql.auto.conf"), settings);
        }

        private string ReadLog()
        {
            try
            {
                return File.Exists(logFile) ? Tail(File.ReadAllText(logFile)) : string.Empty;
            }
            catch (IOException)
            {
                return string.Empty;
            }
        }

        private void Stop()
        {
            if (Interlocked.Exchange(ref stopped, 1) != 0)
            {
                return;
            }

            try
            {
                if (File.Exists(Path.Combine(dataDir, "postmaster.pid")))
                {
                    RunAsPostgresAsync("pg_ctl", ["stop", "-D", dataDir, "-m", "immediate", "-w", "-t", "10", "-s"], StopTimeout)
                        .GetAwaiter().GetResult();
                }
            }
            catch (Exception ex) when (ex is InvalidOperationException or IOException or System.ComponentModel.Win32Exception)
            {
                KillPostmaster();
            }

            try
            {
                if (Directory.Exists(rootDir))
                {
                    Directory.Delete(rootDir, recursive: true);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Best effort: the watchdog retries the removal once this process is gone.
            }
        }

        private void KillPostmaster()
        {
            try
            {
                var pidFile = Path.Combine(dataDir, "postmaster.pid");
                if (File.Exists(pidFile)
                    && int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid))
                {
                    using var postmaster = Process.GetProcessById(pid);
                    postmaster.Kill(entireProcessTree: true);
                    postmaster.WaitForExit(StopTimeout);
                }
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or IOException or System.ComponentModel.Win32Exception)
            {
                // Already gone.
            }
        }

        /// <summary>
        /// Stops the cluster and deletes its directory if this process dies without running
        /// ProcessExit handlers (crash, SIGKILL from a hang timeout). Ignores SIGINT/SIGTERM so a
        /// Ctrl+C or `timeout` on the process group still ends with cleanup.
        /// </summary>
        private void StartWatchdog()
        {
            var stop = Quote(Path.Combine(binDir, "pg_ctl")) + " stop -D " + Quote(dataDir) + " -m immediate -w -t 10 -s";
            if (asServiceUser)
            {
                stop = "runuser -u " + ServiceUser + " -- " + stop;
            }

            var script =
                "exec </dev/null >/dev/null 2>&1; trap '' HUP INT TERM; " +
                "while kill -0 " + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "; do sleep 1; done; " +
                "if [ -f " + Quote(Path.Combine(dataDir, "postmaster.pid")) + " ]; then " + stop + "; fi; " +
                "rm -rf " + Quote(rootDir);

            var startInfo = new ProcessStartInfo("/bin/sh")
            {
                UseShellExecute = false,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = "/",
            };
            startInfo.ArgumentList.Add("-c");
            startInfo.ArgumentList.Add(script);
            using var watchdog = Process.Start(startInfo);
            watchdog?.StandardInput.Close();
        }

        private Task<string> RunAsPostgresAsync(string tool, IReadOnlyList<string> arguments, TimeSpan timeout)
        {
            var executable = Path.Combine(binDir, tool);
            if (!asServiceUser)
            {
                return RunCheckedAsync(executable, arguments, timeout);
            }

            if (File.Exists("/usr/sbin/runuser") || File.Exists("/sbin/runuser") || File.Exists("/usr/bin/runuser"))
            {
                return RunCheckedAsync("runuser", ["-u", ServiceUser, "--", executable, .. arguments], timeout);
            }

            var commandLine = string.Join(' ', new[] { executable }.Concat(arguments).Select(Quote));
            return RunCheckedAsync("su", ["-s", "/bin/sh", "-c", commandLine, ServiceUser], timeout);
        }

        private static async Task EnsureServiceUserAsync()
        {
            if ((await RunAsync("id", ["-u", ServiceUser], ShortTimeout).ConfigureAwait(false)).ExitCode == 0)
            {
                return;
            }

            var created = await RunAsync(
                "useradd",
                ["--system", "--no-create-home", "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin", ServiceUser],
                ShortTimeout).ConfigureAwait(false);

            // Another test process may have created it concurrently.
            if (created.ExitCode != 0 && (await RunAsync("id", ["-u", ServiceUser], ShortTimeout).ConfigureAwait(false)).ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"Could not create the OS user {ServiceUser} needed to run PostgreSQL as non-root: {created.Output.Trim()}");
            }
        }

        private string WorkingDirectory => Directory.Exists(rootDir) ? rootDir : "/";

        private static int GetFreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }

        private async Task<string> RunCheckedAsync(string fileName, IReadOnlyList<string> arguments, TimeSpan timeout)
        {
            var result = await RunAsync(fileName, arguments, timeout, WorkingDirectory).ConfigureAwait(false);
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"`{fileName} {string.Join(' ', arguments)}` failed with exit code {result.ExitCode}: {Tail(result.Output)}");
            }

            return result.Output;
        }

        private static async Task<(int ExitCode, string Output)> RunAsync(
            string fileName, IReadOnlyList<string> arguments, TimeSpan timeout, string workingDirectory = "/")
        {
            var startInfo = new ProcessStartInfo(fileName)
            {
                UseShellExecute = false,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = workingDirectory,
            };
            foreach (var argument in arguments)
            {
                startInfo.ArgumentList.Add(argument);
            }

            // Keep server messages in English and locale-independent.
            startInfo.Environment["LC_ALL"] = "C.UTF-8";
            startInfo.Environment.Remove("PGDATA");

            using var process = Process.Start(startInfo)
                ?? throw new InvalidOperationException($"Could not start {fileName}.");
            process.StandardInput.Close();

            using var cts = new CancellationTokenSource(timeout);
            var stdout = process.StandardOutput.ReadToEndAsync(cts.Token);
            var stderr = process.StandardError.ReadToEndAsync(cts.Token);
            try
            {
                await process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
                var output = await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false);
                return (process.ExitCode, output);
            }
            catch (OperationCanceledException)
            {
                try
                {
                    process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                    // Exited meanwhile.
                }

                throw new InvalidOperationException(
                    $"`{fileName} {string.Join(' ', arguments)}` did not finish within {timeout.TotalSeconds:0} s.");
            }
        }

        private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

        private static string Tail(string text) => text.Length <= 4000 ? text.Trim() : "..." + text[^4000..].Trim();
    }
}
