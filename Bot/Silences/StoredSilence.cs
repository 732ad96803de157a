using System.Text.Json;
using CmBot.Core.Routing;

namespace CmBot.Bot.Silences;

/// <summary>
/// A silence created from chat (<c>/cm silence</c>, the Slack form, "Mute topic", Teams). Rows are never deleted: an
/// expired or ended silence stays for the record. Matchers are stored as the text people would write in routing.yaml.
/// </summary>
public sealed class StoredSilence
{
    public Guid Id { get; set; }

    /// <summary>A JSON array of matcher texts (<c>["topic=~.*kettle.*","source=reddit"]</c>).</summary>
    public string Matchers { get; set; } = "[]";

    public string CreatedBy { get; set; } = string.Empty;
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    public string Reason { get; set; } = string.Empty;

    /// <summary>Where it was created: the verb and platform ("silence.create/slack", "incident.mute/teams").</summary>
    public string Origin { get; set; } = string.Empty;

    /// <summary>Who ended it before its time, and when; null when it ran (or runs) its course.</summary>
    public string? ExpiredBy { get; set; }

    public DateTimeOffset? ExpiredAt { get; set; }

    public static StoredSilence From(Silence silence, string origin)
    {
        ArgumentNullException.ThrowIfNull(silence);
        return new StoredSilence
        {
            Id = silence.Id,
            Matchers = JsonSerializer.Serialize(silence.Matchers.Select(m => m.ToString()).ToList()),
            CreatedBy = silence.CreatedBy,
            StartsAt = silence.StartsAt,
            EndsAt = silence.EndsAt,
            Reason = silence.Reason,
            Origin = origin,
            ExpiredBy = silence.ExpiredBy,
            ExpiredAt = silence.ExpiredAt,
        };
    }

    /// <exception cref="FormatException">A stored matcher no longer parses (the row was edited by hand).</exception>
    public Silence ToSilence()
    {
        var texts = JsonSerializer.Deserialize<List<string>>(Matchers) ?? [];
        return new Silence(Id, [.. texts.Select(LabelMatcher.Parse)], CreatedBy, StartsAt, EndsAt, Reason)
        {
            ExpiredBy = ExpiredBy,
            ExpiredAt = ExpiredAt,
        };
    }
}
