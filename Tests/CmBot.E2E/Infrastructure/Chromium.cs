using System.Diagnostics;
using Microsoft.Playwright;

namespace CmBot.E2E.Infrastructure;

/// <summary>
/// Finds the system Chromium and launches it through Playwright (Playwright never downloads
/// its own browser here).
/// <list type="number">
/// <item><c>CMBOT_CHROMIUM</c> if set, else <c>/usr/bin/chromium</c>, else <c>/usr/bin/chromium-browser</c>.</item>
/// <item>If none exists and the process runs as root, <c>apt-get install -y chromium</c> is tried once.</item>
/// <item>Otherwise a clear exception says how to install it.</item>
/// </list>
/// </summary>
public static class Chromium
{
    /// <summary>Environment variable naming a Chromium/Chrome executable.</summary>
    public const string EnvironmentVariable = "CMBOT_CHROMIUM";

    private const string NotFoundMessage =
        "Chromium not found: run `sudo apt-get install -y chromium` (Debian) or set CMBOT_CHROMIUM to a Chromium/Chrome executable.";

    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(10);

    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    private static bool installAttempted;

    private static string? installOutput;

    /// <summary>Command-line switches passed to Chromium.</summary>
    public static IReadOnlyList<string> LaunchArguments { get; } =
    [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ];

    /// <summary>
    /// Returns the Chromium executable path, installing Debian's chromium package first when it is
    /// missing and the process runs as root. Throws <see cref="InvalidOperationException"/> when none is found.
    /// </summary>
    public static async Task<string> FindExecutableAsync()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured)
                ? configured
                : throw new InvalidOperationException(
                    $"CMBOT_CHROMIUM is set to '{configured}', which does not exist: point it to a Chromium/Chrome executable or unset it.");
        }

        var found = FindInstalled();
        if (found is not null)
        {
            return found;
        }

        if (string.Equals(Environment.UserName, "root", StringComparison.Ordinal))
        {
            await InstallOnceAsync().ConfigureAwait(false);
            found = FindInstalled();
            if (found is not null)
            {
                return found;
            }
        }

        var detail = installOutput is null ? null : new InvalidOperationException("apt-get output: " + installOutput);
        throw new InvalidOperationException(NotFoundMessage, detail);
    }

    /// <summary>
    /// Starts Playwright and launches headless Chromium. Disposing (or closing) the returned browser
    /// also disposes the Playwright driver it was started with.
    /// </summary>
    public static async Task<IBrowser> LaunchAsync()
    {
        var executable = await FindExecutableAsync().ConfigureAwait(false);
        var playwright = await Playwright.CreateAsync().ConfigureAwait(false);
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = executable,
                Headless = true,
                ChromiumSandbox = false,
                Args = LaunchArguments,
                Timeout = 60_000,
            }).ConfigureAwait(false);
            return new OwningBrowser(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    private static string? FindInstalled() => Candidates.FirstOrDefault(File.Exists);

    private static async Task InstallOnceAsync()
    {
        await InstallLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (installAttempted)
            {
                return;
            }

            installAttempted = true;
            using var cts = new CancellationTokenSource(InstallTimeout);
            var (exitCode, output) = await RunAptAsync(["install", "-y", "-q", "chromium"], cts.Token).ConfigureAwait(false);
            if (exitCode != 0 && !cts.IsCancellationRequested)
            {
                // Stale or missing package lists: refresh them and try again.
                await RunAptAsync(["update", "-q"], cts.Token).ConfigureAwait(false);
                (exitCode, output) = await RunAptAsync(["install", "-y", "-q", "chromium"], cts.Token).ConfigureAwait(false);
            }

            installOutput = exitCode == 0 ? null : Tail(output);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or IOException)
        {
            installOutput = ex.Message;
        }
        finally
        {
            InstallLock.Release();
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAptAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return (-1, "apt-get timed out.");
        }

        var startInfo = new ProcessStartInfo("apt-get")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = "/",
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["DEBIAN_FRONTEND"] = "noninteractive";

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start apt-get.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
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

            return (-1, "apt-get did not finish within the time limit.");
        }

        return (process.ExitCode, await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false));
    }

    private static string Tail(string text) => text.Length <= 2000 ? text.Trim() : "..." + text[^2000..].Trim();

    /// <summary>An <see cref="IBrowser"/> that also owns (and disposes) its Playwright instance.</summary>
    private sealed class OwningBrowser(IPlaywright playwright, IBrowser browser) : IBrowser
    {
        private int playwrightDisposed;

        public event EventHandler<IBrowser> Disconnected
        {
            add => browser.Disconnected += value;
            remove => browser.Disconnected -= value;
        }

        public event EventHandler<IBrowserContext> Context
        {
            add => browser.Context += value;
            remove => browser.Context -= value;
        }

        public IBrowserType BrowserType => browser.BrowserType;

        public IReadOnlyList<IBrowserContext> Contexts => browser.Contexts;

        public bool IsConnected => browser.IsConnected;

        public string Version => browser.Version;

        public async Task CloseAsync(BrowserCloseOptions? options = null)
        {
            await browser.CloseAsync(options).ConfigureAwait(false);
            DisposePlaywright();
        }

        public async ValueTask DisposeAsync()
        {
            await browser.DisposeAsync().ConfigureAwait(false);
            DisposePlaywright();
        }

        public Task<ICDPSession> NewBrowserCDPSessionAsync() => browser.NewBrowserCDPSessionAsync();

        public Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions? options = null) => browser.NewContextAsync(options);

        public Task<IPage> NewPageAsync(BrowserNewPageOptions? options = null) => browser.NewPageAsync(options);

        public Task<BrowserBindResult> BindAsync(string title, BrowserBindOptions? options = null) => browser.BindAsync(title, options);

        public Task UnbindAsync() => browser.UnbindAsync();

        private void DisposePlaywright()
        {
            if (Interlocked.Exchange(ref playwrightDisposed, 1) == 0)
            {
                playwright.Dispose();
            }
        }
    }
}
