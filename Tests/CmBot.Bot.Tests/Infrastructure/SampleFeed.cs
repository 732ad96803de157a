using System.Text.Json;

namespace CmBot.Bot.Tests.Infrastructure;

/// <summary>What the tests know about the shipped sample feed (Bot/samples/replay.jsonl): its crisis is at 15:00-16:30.</summary>
public static class SampleFeed
{
    public static IReadOnlySet<string> CrisisIds()
    {
        var path = Path.Combine(RepoRoot(), "Bot", "samples", "replay.jsonl");
        return File.ReadLines(path)
            .Where(l => l.Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Where(e => e.GetProperty("offsetMinutes").GetDouble() is >= 900 and < 990)
            .Select(e => e.GetProperty("id").GetString()!)
            .ToHashSet();
    }

    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CmBot.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("CmBot.sln not found above the test folder.");
    }
}
