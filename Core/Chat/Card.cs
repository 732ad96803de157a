namespace CmBot.Core.Chat;

/// <summary>
/// The channel-neutral message every platform renders (Block Kit, Adaptive Card, HTML). Cards are data:
/// no platform markup, user text is kept raw and escaped by each renderer.
/// </summary>
public sealed record Card
{
    public required string Title { get; init; }

    /// <summary>"P1".."P4", or null for cards that are not about an alert.</summary>
    public string? Severity { get; init; }

    /// <summary>One line under the title: the state ("Acknowledged by Camille").</summary>
    public string? Status { get; init; }

    public IReadOnlyList<CardFact> Facts { get; init; } = [];
    public IReadOnlyList<CardText> Texts { get; init; } = [];
    public IReadOnlyList<CardInput> Inputs { get; init; } = [];
    public IReadOnlyList<CardAction> Actions { get; init; } = [];

    /// <summary>Links back to the source (the post that triggered the alert).</summary>
    public IReadOnlyList<CardLink> Links { get; init; } = [];

    /// <summary>Pictures shown inside the card (a report chart), for platforms whose cards hold images.</summary>
    public IReadOnlyList<CardImage> Images { get; init; } = [];

    /// <summary>
    /// People the card speaks to by name in its (non-quoted) texts: platforms that notify turn the first occurrence
    /// of each name into their mention (Slack <c>&lt;@U…&gt;</c>, a Teams mention entity); the others show the name.
    /// </summary>
    public IReadOnlyList<CardMention> Mentions { get; init; } = [];
}

/// <summary>A person named in a card, with the chat identities people.yaml gives them (either may be missing).</summary>
public sealed record CardMention(string Name, string? SlackUserId = null, string? TeamsUserId = null)
{
    public static CardMention Of(People.Person person)
    {
        ArgumentNullException.ThrowIfNull(person);
        return new CardMention(person.Name, person.SlackUserId, person.TeamsUserId);
    }
}

/// <summary>An image inside a card: an https or <c>data:image/png;base64</c> URL and the text read out in its place.</summary>
public sealed record CardImage(string Url, string AltText);

public sealed record CardFact(string Label, string Value);

/// <summary>A block of text. <see cref="Quote"/> marks third-party text (a mention), shown as a quotation.</summary>
public sealed record CardText(string Text, bool Quote = false);

/// <summary>A text field whose value comes back with the action (the draft being edited, an approval comment).</summary>
public sealed record CardInput(string Id, string Label, string Value, bool Multiline = true);

public enum ActionStyle
{
    Default,
    Primary,
    Danger,
}

/// <summary>
/// A button. <see cref="Verb"/> is one of <see cref="ActionVerbs"/>; <see cref="TargetId"/> the incident or draft id.
/// <see cref="Secondary"/> marks a less common action: platforms with an overflow menu (Slack) put it there.
/// </summary>
public sealed record CardAction(string Verb, string Label, string TargetId, ActionStyle Style = ActionStyle.Default, bool Secondary = false);

public sealed record CardLink(string Label, string Url);
