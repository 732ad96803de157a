using System.Text.Json;

namespace CmBot.Bot.Teams.Activities;

/// <summary>The activity types, invoke names and content types CmBot speaks.</summary>
public static class ActivityNames
{
    public const string Message = "message";
    public const string ConversationUpdate = "conversationUpdate";
    public const string Invoke = "invoke";
    public const string InvokeResponse = "invokeResponse";
    public const string MessageReaction = "messageReaction";

    public const string AdaptiveCardAction = "adaptiveCard/action";
    public const string ActionExecute = "Action.Execute";
    public const string TriggerAutomatic = "automatic";

    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";

    public const string MentionEntity = "mention";

    /// <summary>Teams' own channel id: the key endorsements are checked against.</summary>
    public const string TeamsChannel = "msteams";

    /// <summary>Card data key holding the incident or draft id an action applies to.</summary>
    public const string TargetIdKey = "targetId";

    /// <summary>The verb of the card-level refresh: each viewer gets the actions allowed for their role.</summary>
    public const string RefreshVerb = "cmbot.refresh";
}

/// <summary>How activities are read and written: camelCase, nulls omitted.</summary>
public static class ActivityJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The conversation without the <c>;messageid=</c> suffix of a channel thread.</summary>
    public static string BaseConversationId(string conversationId)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        var cut = conversationId.IndexOf(";messageid=", StringComparison.OrdinalIgnoreCase);
        return cut < 0 ? conversationId : conversationId[..cut];
    }
}
