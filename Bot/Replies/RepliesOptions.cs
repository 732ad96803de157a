using System.ComponentModel.DataAnnotations;

namespace CmBot.Bot.Replies;

/// <summary>How first drafts are written: from approved replies to similar mentions, an optional language model, else the charter.</summary>
public sealed class RepliesOptions
{
    public const string Section = "Replies";

    public SuggestionOptions Suggestions { get; set; } = new();

    public LlmOptions Llm { get; set; } = new();
}

public sealed class SuggestionOptions
{
    /// <summary>Off: drafts start from the charter (or the model) only.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Cosine similarity of the two mentions above which a draft starts from an approved reply.</summary>
    [Range(0.05, 1.0)]
    public double MinScore { get; set; } = 0.5;

    /// <summary>How many of the latest approved replies are searched.</summary>
    [Range(1, 100_000)]
    public int MaxStored { get; set; } = 10_000;
}

/// <summary>An OpenAI-compatible chat endpoint. Off by default and never required: any failure falls back to the charter.</summary>
public sealed class LlmOptions
{
    public bool Enabled { get; set; }

    /// <summary>The endpoint's base address, e.g. https://api.openai.com/v1 or http://127.0.0.1:11434/v1.</summary>
    public Uri? Endpoint { get; set; }

    public string Model { get; set; } = string.Empty;

    /// <summary>The API key; prefer an environment variable (Replies__Llm__ApiKey) over a file.</summary>
    public string? ApiKey { get; set; }

    [Range(1, 120)]
    public int TimeoutSeconds { get; set; } = 15;
}
