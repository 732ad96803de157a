using System.Text.Json;
using System.Text.Json.Serialization;

namespace CmBot.Bot.Teams.Activities;

/// <summary>
/// A Bot Framework activity as Teams sends it. Only the fields CmBot reads are typed; everything else is kept in
/// <see cref="Extra"/> so nothing is lost and new fields never break parsing.
/// </summary>
public sealed record Activity
{
    public string? Type { get; init; }
    public string? Id { get; init; }
    public DateTimeOffset? Timestamp { get; init; }
    public string? ServiceUrl { get; init; }
    public string? ChannelId { get; init; }
    public ChannelAccount? From { get; init; }
    public ConversationAccount? Conversation { get; init; }
    public ChannelAccount? Recipient { get; init; }
    public string? Text { get; init; }
    public string? TextFormat { get; init; }
    public string? Locale { get; init; }
    public string? ReplyToId { get; init; }

    /// <summary>The invoke name (<c>adaptiveCard/action</c>).</summary>
    public string? Name { get; init; }

    /// <summary>The invoke payload; its shape depends on <see cref="Name"/>.</summary>
    public JsonElement? Value { get; init; }

    public IReadOnlyList<Entity>? Entities { get; init; }
    public TeamsChannelData? ChannelData { get; init; }
    public IReadOnlyList<ChannelAccount>? MembersAdded { get; init; }
    public IReadOnlyList<ChannelAccount>? MembersRemoved { get; init; }
    public IReadOnlyList<MessageReaction>? ReactionsAdded { get; init; }
    public IReadOnlyList<MessageReaction>? ReactionsRemoved { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}

public sealed record ChannelAccount
{
    /// <summary>29:... for a user, 28:{app id} for a bot.</summary>
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? AadObjectId { get; init; }
    public string? Role { get; init; }

    /// <summary>Present when the account comes from the roster (GetMember), not in most activities.</summary>
    public string? UserPrincipalName { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}

public sealed record ConversationAccount
{
    /// <summary>A channel thread carries its root message: <c>19:...@thread.skype;messageid=1571540169848</c>.</summary>
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? ConversationType { get; init; }
    public string? TenantId { get; init; }
    public bool? IsGroup { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}

/// <summary>An entity attached to an activity: a <c>mention</c> (with <see cref="Mentioned"/> and <see cref="Text"/>) or <c>clientInfo</c>.</summary>
public sealed record Entity
{
    public string? Type { get; init; }
    public ChannelAccount? Mentioned { get; init; }
    public string? Text { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}

public sealed record TeamsChannelData
{
    public TeamsRef? Tenant { get; init; }
    public TeamsRef? Team { get; init; }
    public TeamsRef? Channel { get; init; }

    /// <summary>teamMemberAdded, teamMemberRemoved, channelCreated... on conversationUpdate.</summary>
    public string? EventType { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}

/// <summary>A tenant, team or channel reference in channelData.</summary>
public sealed record TeamsRef
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? AadGroupId { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}

public sealed record MessageReaction
{
    public string? Type { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}

/// <summary>The value of an <c>adaptiveCard/action</c> invoke (Universal Actions).</summary>
public sealed record AdaptiveCardInvokeValue
{
    public AdaptiveCardInvokeAction? Action { get; init; }

    /// <summary><c>manual</c> for a click, <c>automatic</c> for a card refresh.</summary>
    public string? Trigger { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}

public sealed record AdaptiveCardInvokeAction
{
    public string? Type { get; init; }
    public string? Id { get; init; }
    public string? Verb { get; init; }
    public string? Title { get; init; }

    /// <summary>The action's data merged with the card's input values (by input id).</summary>
    public JsonElement? Data { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}
