namespace CmBot.Core.Triage;

/// <summary>A risk category found in a text, with the words that revealed it.</summary>
public sealed record RiskHit(string Category, string Label, bool Critical, IReadOnlyList<string> Words);
