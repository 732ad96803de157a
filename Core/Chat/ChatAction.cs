namespace CmBot.Core.Chat;

/// <summary>A click, already verified and translated by a platform adapter: who did what, on what, where.</summary>
public sealed record ChatAction(
    string Verb,
    string TargetId,
    string PersonId,
    ChatLocation Where,
    IReadOnlyDictionary<string, string> Inputs)
{
    public string? Input(string id) => Inputs.TryGetValue(id, out var value) ? value : null;
}

/// <summary>A place in a chat platform: platform name, channel, and the message (thread root) if any.</summary>
public sealed record ChatLocation(string Platform, string Channel, string? MessageId = null);

/// <summary>What the person who clicked sees back: a short confirmation or the reason it was refused.</summary>
public sealed record ActionOutcome(bool Succeeded, string Message)
{
    public static ActionOutcome Done(string message) => new(true, message);

    public static ActionOutcome Refused(string message) => new(false, message);
}
