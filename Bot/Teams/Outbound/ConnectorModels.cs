using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using CmBot.Bot.Teams.Activities;

namespace CmBot.Bot.Teams.Outbound;

/// <summary>The Bot Connector's answer to a send or an update: the activity id.</summary>
public sealed record ResourceResponse
{
    public string? Id { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}

/// <summary>The answer to a conversation creation: the new conversation and, when an activity was sent with it, its id.</summary>
public sealed record ConversationResourceResponse
{
    public string? Id { get; init; }
    public string? ActivityId { get; init; }
    public string? ServiceUrl { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}

/// <summary>Builds the outbound activities: a message carrying one Adaptive Card.</summary>
public static class OutboundActivities
{
    public static JsonObject CardMessage(JsonObject adaptiveCard, string summary, string? replyToId = null, string? id = null)
    {
        var message = new JsonObject
        {
            ["type"] = ActivityNames.Message,
            ["summary"] = summary,
            ["attachments"] = new JsonArray
            {
                new JsonObject { ["contentType"] = ActivityNames.AdaptiveCardContentType, ["content"] = adaptiveCard },
            },
        };
        if (replyToId is not null)
        {
            message["replyToId"] = replyToId;
        }

        if (id is not null)
        {
            message["id"] = id;
        }

        return message;
    }

    /// <summary>A new thread in a team channel (proactive post): the channel, the tenant, and the first message.</summary>
    public static JsonObject ChannelThread(string channelId, string? tenantId, JsonObject activity) => new()
    {
        ["isGroup"] = true,
        ["channelData"] = new JsonObject
        {
            ["channel"] = new JsonObject { ["id"] = channelId },
            ["tenant"] = tenantId is null ? null : new JsonObject { ["id"] = tenantId },
        },
        ["activity"] = activity,
    };

    /// <summary>A 1:1 conversation between the bot and one person, by their Entra object id.</summary>
    public static JsonObject Personal(string botId, string userAadObjectId, string? tenantId) => new()
    {
        ["isGroup"] = false,
        ["bot"] = new JsonObject { ["id"] = botId },
        ["members"] = new JsonArray { new JsonObject { ["id"] = userAadObjectId } },
        ["tenantId"] = tenantId,
        ["channelData"] = tenantId is null ? null : new JsonObject { ["tenant"] = new JsonObject { ["id"] = tenantId } },
    };
}
