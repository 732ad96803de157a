namespace CmBot.Bot.Tests.Infrastructure;

/// <summary>
/// The shipped routing.yaml with <c>group_wait: 0s</c> and <c>group_interval: 0s</c>: host tests see alerts and
/// thread notes as soon as they are queued instead of 30 s / 5 min later. The timings themselves are tested on the
/// shipped file (<c>AlertPacingHostTests</c>) and in Core.
/// </summary>
public static class ImmediateRouting
{
    private static readonly Lazy<string> File = new(() =>
    {
        var sample = System.IO.File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", "routing.yaml"));
        var immediate = sample.Replace("group_wait: 30s", "group_wait: 0s", StringComparison.Ordinal).Replace("group_interval: 5m", "group_interval: 0s", StringComparison.Ordinal);
        if (!immediate.Contains("group_wait: 0s", StringComparison.Ordinal) || !immediate.Contains("group_interval: 0s", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The sample routing.yaml no longer says 'group_wait: 30s' and 'group_interval: 5m'; update ImmediateRouting.");
        }

        var path = Path.Combine(Path.GetTempPath(), $"cmbot-routing-immediate-{Environment.ProcessId}.yaml");
        System.IO.File.WriteAllText(path, immediate);
        return path;
    });

    public static string FilePath => File.Value;
}
