using CmBot.Bot.Hosting;
using CmBot.Bot.Triage;
using CmBot.Bot.Triage.Grading;
using CmBot.Core.Mentions;
using CmBot.Core.Triage;

namespace CmBot.Benchmarks;

/// <summary>Builds the product's triager from the shipped samples, and the texts to run it on.</summary>
public static class TriageSetup
{
    /// <summary>The Bot folder (holds samples/), found by walking up from the binaries.</summary>
    public static string BotFolder { get; } = FindBotFolder();

    /// <summary>The product's default lexicons (<see cref="CmBotOptions.Lexicons"/>), loaded as the host does.</summary>
    public static SentimentScorer CreateScorer() => new(new CmBotOptions().Lexicons
        .ToDictionary(kv => kv.Key, kv => TriageExtensions.LoadLexicon(BotFolder, kv.Key, kv.Value), StringComparer.Ordinal));

    public static Triager CreateTriager(CmBot.Core.Triage.Models.SentimentBlend? blend = null)
    {
        var rules = RiskFile.Load(Path.Combine(BotFolder, "samples", "risk.yaml"));
        var severity = SeverityFile.Load(Path.Combine(BotFolder, "samples", "severity.yaml"));
        return new Triager(CreateScorer(), rules.Risks, rules.Topics, severity.Policy, grader: severity.Grader, blend: blend);
    }

    /// <summary>
    /// Texts by language: the human-rated tweets (EN) and XED subtitles (FR) from ../shared/data when present,
    /// else the sample replay's texts.
    /// </summary>
    public static IReadOnlyList<string> Texts(string language)
    {
        var shared = FindShared();
        var file = language == "fr" ? "labelled/xed/fr-projections.tsv" : "labelled/tweets_GroundTruth.txt";
        if (shared is not null && File.Exists(Path.Combine(shared, file)))
        {
            var column = language == "fr" ? 0 : 2;
            return [.. File.ReadLines(Path.Combine(shared, file))
                .Select(l => l.Split('\t'))
                .Where(f => f.Length > column && f[column].Length > 0)
                .Select(f => f[column])
                .Take(4000)];
        }

        return [.. ReplayMentions().Where(m => m.Language == language).Select(m => m.Text)];
    }

    /// <summary>The sample replay (Bot/samples/replay.jsonl) as mentions.</summary>
    public static IReadOnlyList<MentionInput> ReplayMentions()
    {
        var mentions = new List<MentionInput>();
        foreach (var line in File.ReadLines(Path.Combine(BotFolder, "samples", "replay.jsonl")))
        {
            using var json = System.Text.Json.JsonDocument.Parse(line);
            var root = json.RootElement;
            mentions.Add(new MentionInput(
                root.GetProperty("source").GetString()!, root.GetProperty("id").GetString()!, root.GetProperty("url").GetString()!,
                root.GetProperty("author").GetString()!, root.GetProperty("reach").GetInt32(), root.GetProperty("text").GetString()!,
                root.TryGetProperty("lang", out var lang) ? lang.GetString() : null, DateTimeOffset.UnixEpoch));
        }

        return mentions;
    }

    private static string FindBotFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "Bot", "samples", "risk.yaml");
            if (File.Exists(candidate))
            {
                return Path.Combine(dir.FullName, "Bot");
            }
        }

        throw new DirectoryNotFoundException("Bot/samples not found above " + AppContext.BaseDirectory);
    }

    private static string? FindShared()
    {
        for (var dir = new DirectoryInfo(BotFolder); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
