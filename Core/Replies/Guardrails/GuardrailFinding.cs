namespace CmBot.Core.Replies.Guardrails;

/// <summary>
/// One thing the linter found in a draft: what, how serious, and the words as written with their position
/// (character offset and length in the draft text), so cards can quote them.
/// </summary>
public sealed record GuardrailFinding(GuardrailKind Kind, GuardrailLevel Level, string Evidence, int Start, int Length);
