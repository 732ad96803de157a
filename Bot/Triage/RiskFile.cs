using CmBot.Bot.Hosting;
using CmBot.Core.Triage;

namespace CmBot.Bot.Triage;

/// <summary>Topics and risk rules as read from risk.yaml.</summary>
public sealed record RiskConfiguration(IReadOnlyList<Topic> Topics, IReadOnlyList<RiskRule> Risks);

/// <summary>Reads risk.yaml into topics and risk rules; any mistake names the file, the entry and the reason.</summary>
public static class RiskFile
{
    public static RiskConfiguration Load(string path)
    {
        var document = YamlFiles.Load<RiskDocument>(path, "CmBot:RiskFile");

        try
        {
            var topics = document.Topics.Select(t => new Topic(t.Key, t.Label, t.Phrases)).ToList();
            var risks = document.Risks.Select(r => new RiskRule(r.Category, r.Label, r.Critical, r.Phrases, r.Except)).ToList();
            if (risks.Count == 0)
            {
                throw new ConfigurationException($"{path}: no risk categories under 'risks:'.");
            }

            return new RiskConfiguration(topics, risks);
        }
        catch (ArgumentException ex)
        {
            throw new ConfigurationException($"{path}: {ex.Message}", ex);
        }
    }

    private sealed class RiskDocument
    {
        public List<TopicEntry> Topics { get; set; } = [];
        public List<RiskEntry> Risks { get; set; } = [];
    }

    private sealed class TopicEntry
    {
        public string Key { get; set; } = string.Empty;
        public string Label { get; set; } = string.Empty;
        public List<string> Phrases { get; set; } = [];
    }

    private sealed class RiskEntry
    {
        public string Category { get; set; } = string.Empty;
        public string Label { get; set; } = string.Empty;
        public bool Critical { get; set; }
        public List<string> Phrases { get; set; } = [];
        public List<string> Except { get; set; } = [];
    }
}
