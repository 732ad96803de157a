using System.Diagnostics;

namespace CmBot.Bot.Tests.Infrastructure;

/// <summary>
/// Runs the commands behind a <see cref="PrivateCluster"/>: its PostgreSQL tools (as
/// <see cref="PostgresServer.ServiceUser"/> when the tests run as root, created if missing) and plain
/// OS commands, each with a timeout and its output captured for error messages.
/// </summary>
internal sealed class ClusterCommands(string binDir, bool asServiceUser, string rootDir)
{
    /// <summary>Runs initdb or pg_ctl from the cluster's binaries as the right OS user; throws on failure.</summary>
    public Task<string> RunAsPostgresAsync(string tool, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        var executable = Path.Combine(binDir, tool);
        if (!asServiceUser)
        {
            return RunCheckedAsync(executable, arguments, timeout);
        }

        if (File.Exists("/usr/sbin/runuser") || File.Exists("/sbin/runuser") || File.Exists("/usr/bin/runuser"))
        {
            return RunCheckedAsync("runuser", ["-u", PostgresServer.ServiceUser, "--", executable, .. arguments], timeout);
        }

        var commandLine = string.Join(' ', new[] { executable }.Concat(arguments).Select(Quote));
        return RunCheckedAsync("su", ["-s", "/bin/sh", "-c", commandLine, PostgresServer.ServiceUser], timeout);
    }

    /// <summary>Runs a command from the cluster directory; returns its output, throws on a non-zero exit or timeout.</summary>
    public async Task<string> RunCheckedAsync(string fileName, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        var result = await RunAsync(fileName, arguments, timeout, WorkingDirectory).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"`{fileName} {string.Join(' ', arguments)}` failed with exit code {result.ExitCode}: {Tail(result.Output)}");
        }

        return result.Output;
    }

    /// <summary>Creates the service OS user unless it exists.</summary>
    public static async Task EnsureServiceUserAsync(TimeSpan timeout)
    {
        if ((await RunAsync("id", ["-u", PostgresServer.ServiceUser], timeout).ConfigureAwait(false)).ExitCode == 0)
        {
            return;
        }

        var created = await RunAsync(
            "useradd",
            ["--system", "--no-create-home", "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin", PostgresServer.ServiceUser],
            timeout).ConfigureAwait(false);

        // Another test process may have created it concurrently.
        if (created.ExitCode != 0 && (await RunAsync("id", ["-u", PostgresServer.ServiceUser], timeout).ConfigureAwait(false)).ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"Could not create the OS user {PostgresServer.ServiceUser} needed to run PostgreSQL as non-root: {created.Output.Trim()}");
        }
    }

    /// <summary>Quotes a value for /bin/sh.</summary>
    public static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>The last 4,000 characters of a command's output or a log, trimmed.</summary>
    public static string Tail(string text) => text.Length <= 4000 ? text.Trim() : "..." + text[^4000..].Trim();

    private string WorkingDirectory => Directory.Exists(rootDir) ? rootDir : "/";

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
}
