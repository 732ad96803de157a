using CmBot.Bot.Hosting;
using CmBot.Core.Replies;

namespace CmBot.Bot.Replies;

/// <summary>Reads charter.yaml: the brand's reply templates by language, risk category and tone.</summary>
public static class CharterFile
{
    public const string Key = "CmBot:CharterFile";

    public static ReplyCharter Load(string path)
    {
        var document = YamlFiles.Load<CharterDocument>(path, Key);
        var templates = new List<CharterTemplate>();
        var position = 0;
        foreach (var entry in document.Templates)
        {
            position++;
            if (entry.Language is not ("fr" or "en"))
            {
                throw new ConfigurationException($"{path}: template #{position}: language must be 'fr' or 'en', not '{entry.Language}'.");
            }

            if (string.IsNullOrWhiteSpace(entry.Text))
            {
                throw new ConfigurationException($"{path}: template #{position} ({entry.Language}, {entry.Category ?? "general"}) has no text.");
            }

            templates.Add(new CharterTemplate(entry.Language, string.IsNullOrWhiteSpace(entry.Category) ? null : entry.Category.Trim(),
                string.IsNullOrWhiteSpace(entry.Tone) ? document.DefaultTone : entry.Tone.Trim(), entry.Text.Trim()));
        }

        foreach (var language in new[] { "fr", "en" })
        {
            if (!templates.Any(t => t.Language == language && t.Category is null))
            {
                throw new ConfigurationException($"{path}: needs a general template (no category) for '{language}', used when no category matches.");
            }
        }

        return new ReplyCharter(templates, document.DefaultTone);
    }

    private sealed class CharterDocument
    {
        public string DefaultTone { get; set; } = "calm";
        public List<TemplateEntry> Templates { get; set; } = [];
    }

    private sealed class TemplateEntry
    {
        public string? Language { get; set; }
        public string? Category { get; set; }
        public string? Tone { get; set; }
        public string? Text { get; set; }
    }
}
