using System.ComponentModel.DataAnnotations;

namespace CmBot.Bot.Feeds;

/// <summary>The <c>Feeds:Replay</c> section: a JSONL file of mentions replayed as a source.</summary>
public sealed class ReplayOptions
{
    public const string Section = "Feeds:Replay";

    public bool Enabled { get; set; } = true;

    [Required]
    public string File { get; set; } = "samples/replay.jsonl";

    /// <summary>How often the file is checked for lines not read yet.</summary>
    [Range(1, 86_400, ErrorMessage = "Feeds:Replay:IntervalSeconds must be between 1 and 86400.")]
    public int IntervalSeconds { get; set; } = 30;
}
