using System.ComponentModel.DataAnnotations;
using CmBot.Bot.Triage;

namespace CmBot.Bot.Hosting;

/// <summary>The <c>CmBot</c> configuration section: what every part of the host shares.</summary>
public sealed class CmBotOptions
{
    public const string Section = "CmBot";

    /// <summary>Folder for the SQLite database and other state. <c>CMBOT_DATA</c> overrides it.</summary>
    [Required]
    public string DataFolder { get; set; } = "./data";

    /// <summary>Language of cards and messages: "fr" or "en".</summary>
    [Required]
    [RegularExpression("^(fr|en)$", ErrorMessage = "CmBot:Language must be 'fr' or 'en'.")]
    public string Language { get; set; } = "en";

    /// <summary>The brand name used to sign replies.</summary>
    [Required]
    public string Brand { get; set; } = "Lumio";

    /// <summary>The team, roles and chat identities (YAML).</summary>
    [Required]
    public string PeopleFile { get; set; } = "samples/people.yaml";

    /// <summary>Topics and risk categories with their phrases (YAML).</summary>
    [Required]
    public string RiskFile { get; set; } = "samples/risk.yaml";

    /// <summary>Severity weights and thresholds, VIP authors and spike options (YAML).</summary>
    [Required]
    public string SeverityFile { get; set; } = "samples/severity.yaml";

    /// <summary>The brand charter's reply templates (YAML).</summary>
    [Required]
    public string CharterFile { get; set; } = "samples/charter.yaml";

    /// <summary>Who signs replies off, by severity, risk and linter findings (YAML).</summary>
    [Required]
    public string ApprovalsFile { get; set; } = "samples/approvals.yaml";

    /// <summary>Escalation ladders by severity, on-call rotations and business hours (YAML).</summary>
    [Required]
    public string EscalationFile { get; set; } = "samples/escalation.yaml";

    /// <summary>Where alerts go: receivers, routing tree, time intervals, inhibition, silences (YAML).</summary>
    [Required]
    public string RoutingFile { get; set; } = "samples/routing.yaml";

    /// <summary>
    /// Sentiment lexicons by language: files separated by ';' (AFINN, VADER, vader_FR or Umigon format, detected
    /// from the content); for a term listed in several, the first file wins.
    /// </summary>
    [Required]
    public Dictionary<string, string> Lexicons { get; set; } = new(StringComparer.Ordinal)
    {
        ["en"] = "samples/lexicons/cmbot-en-idioms.txt;samples/lexicons/cmbot-en-products.txt;samples/lexicons/vader_lexicon.txt;samples/lexicons/AFINN-en-165.txt",
        ["fr"] = "samples/lexicons/cmbot-fr-social.txt;samples/lexicons/AFINN-fr-165.txt;samples/lexicons/fr_lexicon.txt;"
            + "samples/lexicons/umigon-fr/2_negative tone.txt;samples/lexicons/umigon-fr/1_positive tone.txt",
    };

    /// <summary>Triage options beyond the files above: the optional trained sentiment model.</summary>
    public TriageOptions Triage { get; set; } = new();

    /// <summary>Resolves a configured path against the application's content root.</summary>
    public static string Resolve(string contentRoot, string path) =>
        Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(contentRoot, path));
}
