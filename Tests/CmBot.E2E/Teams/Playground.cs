using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace CmBot.E2E.Teams;

/// <summary>
/// Microsoft's Teams client emulator, the npm package <c>@microsoft/m365agentsplayground</c>, run by Node on a
/// loopback port against a bot endpoint. The package is installed once into a cache folder
/// (<see cref="CacheFolderVariable"/>, else <c>~/.cache/cmbot-e2e/playground</c>); the CLI runs inside
/// <c>playground-host.js</c>, which keeps it alive until this object is disposed (its stdin closes) and the process
/// tree is killed. Telemetry is off and no browser is opened. Every wait is bounded.
/// </summary>
public sealed partial class Playground : IAsyncDisposable
{
    public const string PackageName = "@microsoft/m365agentsplayground";
    public const string PackageVersion = "0.2.28";
    public const string CacheFolderVariable = "CMBOT_PLAYGROUND_DIR";

    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    private readonly Process _process;
    private readonly StringBuilder _output;
    private readonly string _workFolder;

    private Playground(Process process, StringBuilder output, string workFolder, Uri baseAddress)
    {
        _process = process;
        _output = output;
        _workFolder = workFolder;
        BaseAddress = baseAddress;
    }

    /// <summary>The playground's web page, e.g. <c>http://127.0.0.1:41000/</c>.</summary>
    public Uri BaseAddress { get; private set; }

    /// <summary>Everything the playground printed so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static string CacheFolder =>
        Environment.GetEnvironmentVariable(CacheFolderVariable) is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "cmbot-e2e", "playground");

    private static string InstallCommand =>
        $"mkdir -p {CacheFolder} && cd {CacheFolder} && npm install --no-audit --no-fund {PackageName}@{PackageVersion}";

    /// <summary>
    /// Starts the playground for <paramref name="botEndpoint"/> with a fixed personal conversation id, waits until it
    /// listens and returns. Throws with the playground's output when it does not start in time.
    /// </summary>
    public static async Task<Playground> StartAsync(Uri botEndpoint, string conversationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(botEndpoint);
        var package = await EnsureInstalledAsync(cancellationToken);
        var workFolder = Directory.CreateTempSubdirectory("cmbot-playground-").FullName;
        var port = FreePort();
        var start = new ProcessStartInfo("node")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workFolder,
        };
        foreach (var argument in (string[])[
            Path.Combine(AppContext.BaseDirectory, "Teams", "playground-host.js"), package,
            "--app-endpoint", botEndpoint.AbsoluteUri,
            "--channel-id", "msteams",
            "--port", port.ToString(CultureInfo.InvariantCulture),
            "--conversation-id", conversationId,
            "--disable-telemetry"])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["TEAMSAPPTESTER_BROWSER"] = "none";
        start.Environment["M365_AGENTS_PLAYGROUND_LOGFILE"] = Path.Combine(workFolder, "playground.log");
        start.Environment["BOT_ENDPOINT"] = botEndpoint.AbsoluteUri;

        var output = new StringBuilder();
        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("Node.js not found: install it (`sudo apt-get install -y nodejs npm`) to run the Teams playground test.", ex);
        }

        void Read(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(line);
            }

            if (ListeningLine().Match(line) is { Success: true } match)
            {
                listening.TrySetResult(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
            }
        }

        process.OutputDataReceived += (_, e) => Read(e.Data);
        process.ErrorDataReceived += (_, e) => Read(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var playground = new Playground(process, output, workFolder, new Uri($"http://127.0.0.1:{port}/"));
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(StartTimeout);
            var exited = process.WaitForExitAsync(timeout.Token);
            var first = await Task.WhenAny(listening.Task, exited);
            if (first != listening.Task)
            {
                throw new InvalidOperationException(
                    $"The playground did not start listening within {StartTimeout.TotalSeconds:0} s{(process.HasExited ? $" (node exited with {process.ExitCode})" : string.Empty)}. Output:\n{playground.Output}");
            }

            // The playground falls back to another port when the chosen one was taken meanwhile.
            playground.BaseAddress = new Uri($"http://127.0.0.1:{await listening.Task}/");
            return playground;
        }
        catch
        {
            await playground.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.StandardInput.Close();
                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(3));
                try
                {
                    await _process.WaitForExitAsync(grace.Token);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync(CancellationToken.None);
                }
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        finally
        {
            _process.Dispose();
            try
            {
                Directory.Delete(_workFolder, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS's temp cleanup.
            }
        }
    }

    /// <summary>The package folder, installing the package with npm first when it is missing.</summary>
    private static async Task<string> EnsureInstalledAsync(CancellationToken cancellationToken)
    {
        var folder = CacheFolder;
        var cli = Path.Combine(folder, "node_modules", "@microsoft", "m365agentsplayground", "cli.js");
        await InstallLock.WaitAsync(cancellationToken);
        try
        {
            if (File.Exists(cli))
            {
                return folder;
            }

            Directory.CreateDirectory(folder);
            var start = new ProcessStartInfo("npm")
            {
                UseShellExecute = false,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = folder,
            };
            foreach (var argument in (string[])["install", "--no-audit", "--no-fund", $"{PackageName}@{PackageVersion}"])
            {
                start.ArgumentList.Add(argument);
            }

            string output;
            int exitCode;
            try
            {
                using var npm = Process.Start(start) ?? throw new InvalidOperationException("Could not start npm.");
                npm.StandardInput.Close();
                var stdout = npm.StandardOutput.ReadToEndAsync(CancellationToken.None);
                var stderr = npm.StandardError.ReadToEndAsync(CancellationToken.None);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(InstallTimeout);
                try
                {
                    await npm.WaitForExitAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    npm.Kill(entireProcessTree: true);
                    throw new InvalidOperationException($"npm did not install {PackageName} within {InstallTimeout.TotalMinutes:0} minutes; run: {InstallCommand}");
                }

                exitCode = npm.ExitCode;
                output = await stdout + await stderr;
            }
            catch (System.ComponentModel.Win32Exception ex)
            {
                throw new InvalidOperationException($"npm not found; install Node.js and run: {InstallCommand}", ex);
            }

            return exitCode == 0 && File.Exists(cli)
                ? folder
                : throw new InvalidOperationException($"Installing {PackageName} failed (npm exited with {exitCode}); run: {InstallCommand}\n{Tail(output)}");
        }
        finally
        {
            InstallLock.Release();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Tail(string text) => text.Length <= 2000 ? text.Trim() : "..." + text[^2000..].Trim();

    [GeneratedRegex(@"Listening on (\d+)")]
    private static partial Regex ListeningLine();
}
