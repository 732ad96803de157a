namespace CmBot.Bot.Slack.Web;

/// <summary>Slack's rate-limit tiers, in calls per minute per workspace (chat.postMessage is per channel instead).</summary>
public enum SlackTier
{
    /// <summary>1+ per minute.</summary>
    Tier1,

    /// <summary>20+ per minute.</summary>
    Tier2,

    /// <summary>50+ per minute.</summary>
    Tier3,

    /// <summary>100+ per minute.</summary>
    Tier4,

    /// <summary>chat.postMessage: about one message per second per channel, short bursts allowed.</summary>
    PerChannel,
}

/// <summary>How a method wants its arguments: Slack accepts JSON bodies only on some (write) methods.</summary>
public enum SlackBody
{
    Json,
    Form,
}

/// <summary>
/// One Web API method: its name, tier, body encoding, and whether repeating it can do harm. Reads are idempotent
/// and retried on transient failures; writes are not (a timeout may still have posted).
/// </summary>
public sealed record SlackMethod(string Name, SlackTier Tier, SlackBody Body, bool Idempotent, bool UsesAppToken = false)
{
    public static int PerMinute(SlackTier tier) => tier switch
    {
        SlackTier.Tier1 => 1,
        SlackTier.Tier2 => 20,
        SlackTier.Tier3 => 50,
        SlackTier.Tier4 => 100,
        _ => 60,
    };
}

/// <summary>The methods CmBot calls, with Slack's documented tiers.</summary>
public static class SlackMethods
{
    public static readonly SlackMethod PostMessage = new("chat.postMessage", SlackTier.PerChannel, SlackBody.Json, Idempotent: false);
    public static readonly SlackMethod Update = new("chat.update", SlackTier.Tier3, SlackBody.Json, Idempotent: false);
    public static readonly SlackMethod PostEphemeral = new("chat.postEphemeral", SlackTier.Tier4, SlackBody.Json, Idempotent: false);
    public static readonly SlackMethod GetPermalink = new("chat.getPermalink", SlackTier.Tier4, SlackBody.Form, Idempotent: true);
    public static readonly SlackMethod ViewsOpen = new("views.open", SlackTier.Tier4, SlackBody.Json, Idempotent: false);
    public static readonly SlackMethod ViewsUpdate = new("views.update", SlackTier.Tier4, SlackBody.Json, Idempotent: false);
    public static readonly SlackMethod UsersInfo = new("users.info", SlackTier.Tier4, SlackBody.Form, Idempotent: true);
    public static readonly SlackMethod UsersLookupByEmail = new("users.lookupByEmail", SlackTier.Tier3, SlackBody.Form, Idempotent: true);
    public static readonly SlackMethod ConversationsOpen = new("conversations.open", SlackTier.Tier3, SlackBody.Json, Idempotent: true);
    public static readonly SlackMethod ConversationsReplies = new("conversations.replies", SlackTier.Tier3, SlackBody.Form, Idempotent: true);
    public static readonly SlackMethod ConversationsHistory = new("conversations.history", SlackTier.Tier3, SlackBody.Form, Idempotent: true);
    public static readonly SlackMethod ConversationsList = new("conversations.list", SlackTier.Tier2, SlackBody.Form, Idempotent: true);
    public static readonly SlackMethod GetUploadUrl = new("files.getUploadURLExternal", SlackTier.Tier4, SlackBody.Form, Idempotent: true);
    public static readonly SlackMethod FilesInfo = new("files.info", SlackTier.Tier4, SlackBody.Form, Idempotent: true);
    public static readonly SlackMethod CompleteUpload = new("files.completeUploadExternal", SlackTier.Tier4, SlackBody.Json, Idempotent: false);
    public static readonly SlackMethod ConnectionsOpen = new("apps.connections.open", SlackTier.Tier1, SlackBody.Form, Idempotent: true, UsesAppToken: true);
}
