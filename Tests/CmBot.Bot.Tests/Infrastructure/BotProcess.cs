using System.Diagnostics;

namespace CmBot.Bot.Tests.Infrastructure;

/// <summary>Runs the built CmBot host as a real process, as a user would, and collects what it prints.</summary>
public static class BotProcess
{
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError);

    /// <summary>Starts the host with extra environment (configuration keys use "__" for ":") and waits, bounded, for it to exit.</summary>
    public static Task<Result> RunUntilExitAsync(IDictionary<string, string> environment, TimeSpan timeout, CancellationToken cancellationToken) =>
        RunUntilExitAsync(environment, timeout, ["--urls", "http://127.0.0.1:0"], cancellationToken);

    /// <summary>Runs the host's program with the given arguments (a command-line tool such as check-config, or host options).</summary>
    public static async Task<Result> RunUntilExitAsync(IDictionary<string, string> environment, TimeSpan timeout, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var folder = AppContext.BaseDirectory;
        var start = new ProcessStartInfo("dotnet", [Path.Combine(folder, "CmBot.Bot.dll"), .. arguments])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["CmBot__RoutingFile"] = ImmediateRouting.FilePath;
        start.Environment["CmBot__DataFolder"] = Path.Combine(Path.GetTempPath(), "cmbot-tests", Guid.NewGuid().ToString("N"));
        start.Environment["Scheduling__SchedulerName"] = $"CmBotProc-{Guid.NewGuid():N}";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"CmBot did not exit within {timeout.TotalSeconds:0}s. Output: {await stdout}");
        }

        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
