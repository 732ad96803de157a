using System.ComponentModel.DataAnnotations;

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

    /// <summary>Who signs replies off, by severity, risk and linter findings (YAML).</summary>
    [Required]
    public string ApprovalsFile { get; set; } = "samples/approvals.yaml";

    /// <summary>Escalation ladders by severity, on-call rotations and business hours (YAML).</summary>
    [Required]
    public string EscalationFile { get; set; } = "samples/escalation.yaml";

    /// <summary>Sentiment lexicons in AFINN format, by language.</summary>
    [Required]
    public Dictionary<string, string> Lexicons { get; set; } = new(StringComparer.Ordinal)
    {
        ["en"] = "samples/lexicons/AFINN-en-165.txt",
        ["fr"] = "samples/lexicons/AFINN-fr-165.txt",
    };

    /// <summary>Resolves a configured path against the application's content root.</summary>
    public static string Resolve(string contentRoot, string path) =>
        Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(contentRoot, path));
}
