namespace CmBot.Core.Triage.Grading;

/// <summary>
/// A person whose mentions matter more than their audience says (a journalist, an influencer, a regulator).
/// <paramref name="Handles"/> pairs a source key ("mastodon", "x", "bluesky", or "*" for any source) with a handle.
/// </summary>
/// <param name="Kind">What they are, e.g. "journalist".</param>
/// <param name="Label">Optional detail shown with the kind, e.g. "Le Monde".</param>
/// <param name="Weight">Their weight in the grade; null takes the model's VIP weight.</param>
public sealed record VipAuthor(string Kind, string? Label, double? Weight, IReadOnlyList<KeyValuePair<string, string>> Handles)
{
    /// <summary>"VIP: journalist (Le Monde)".</summary>
    public string Describe() => string.IsNullOrWhiteSpace(Label) ? $"VIP: {Kind}" : $"VIP: {Kind} ({Label})";
}
