using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;

namespace CmBot.Bot.Tests.Infrastructure;

/// <summary>
/// A throwaway cluster in a temp directory, removed when the process exits: initdb, start on a free
/// loopback port, stop and delete (also from a watchdog shell if the test process dies abruptly).
/// The commands themselves run through <see cref="ClusterCommands"/>.
/// </summary>
internal sealed class PrivateCluster
{
    private static readonly TimeSpan ShortTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);

    private readonly string binDir;
    private readonly bool asServiceUser;
    private readonly string rootDir;
    private readonly string dataDir;
    private readonly string logFile;
    private readonly ClusterCommands commands;
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
        commands = new ClusterCommands(binDir, asServiceUser, rootDir);
    }

    /// <summary>Creates, configures and starts the cluster; returns the superuser connection string.</summary>
    public async Task<string> StartAsync()
    {
        Directory.CreateDirectory(rootDir);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
        try
        {
            if (asServiceUser)
            {
                await ClusterCommands.EnsureServiceUserAsync(ShortTimeout).ConfigureAwait(false);
                await commands.RunCheckedAsync("chown", [PostgresServer.ServiceUser + ":", rootDir], ShortTimeout).ConfigureAwait(false);
            }

            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(rootDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            await commands.RunAsPostgresAsync(
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
                    await commands.RunAsPostgresAsync(
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
            return File.Exists(logFile) ? ClusterCommands.Tail(File.ReadAllText(logFile)) : string.Empty;
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
                commands.RunAsPostgresAsync("pg_ctl", ["stop", "-D", dataDir, "-m", "immediate", "-w", "-t", "10", "-s"], StopTimeout)
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
        var pgCtl = ClusterCommands.Quote(Path.Combine(binDir, "pg_ctl"));
        var stop = pgCtl + " stop -D " + ClusterCommands.Quote(dataDir) + " -m immediate -w -t 10 -s";
        if (asServiceUser)
        {
            stop = "runuser -u " + PostgresServer.ServiceUser + " -- " + stop;
        }

        var script =
            "exec </dev/null >/dev/null 2>&1; trap '' HUP INT TERM; " +
            "while kill -0 " + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "; do sleep 1; done; " +
            "if [ -f " + ClusterCommands.Quote(Path.Combine(dataDir, "postmaster.pid")) + " ]; then " + stop + "; fi; " +
            "rm -rf " + ClusterCommands.Quote(rootDir);

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

    private static int GetFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
