using System.Diagnostics;
using System.Text;

namespace CmBot.Bot.Tests.Infrastructure;

/// <summary>
/// The built CmBot host running as a real process, for crash tests: <see cref="KillNow"/> is kill -9 (no shutdown
/// hooks, no flush). Disposing kills it too, so a failing test never leaves a process behind.
/// </summary>
public sealed class RunningBot : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private RunningBot(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public bool HasExited => _process.HasExited;

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

    /// <summary>Starts the host with the given environment (configuration keys use "__" for ":"); nothing is defaulted but the test environment.</summary>
    public static RunningBot Start(IDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var folder = AppContext.BaseDirectory;
        var start = new ProcessStartInfo("dotnet", [Path.Combine(folder, "CmBot.Bot.dll"), "--urls", "http://127.0.0.1:0"])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["CmBot__RoutingFile"] = ImmediateRouting.FilePath;
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return new RunningBot(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start."));
    }

    /// <summary>SIGKILL: the process stops wherever it is, mid-transaction or mid-send.</summary>
    public void KillNow()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    public void Dispose()
    {
        KillNow();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            if (_output.Length < 200_000)
            {
                _output.AppendLine(line);
            }
        }
    }
}
