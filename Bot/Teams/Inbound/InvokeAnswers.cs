using System.Text.Json.Nodes;

namespace CmBot.Bot.Teams.Inbound;

/// <summary>
/// The HTTP answer to an invoke CmBot does not handle (message extensions, task modules, sign-in...). Teams waits for
/// an invoke's answer and shows an error for an empty one where it expects a body, so each family gets the smallest
/// valid body: a task module or message extension action answers with a short message, a search with an empty result
/// list; every other invoke gets a bare 200 (what Teams expects of signin/verifyState and similar).
/// </summary>
public static class InvokeAnswers
{
    public const string TaskFetch = "task/fetch";
    public const string TaskSubmit = "task/submit";
    public const string ComposeExtensionPrefix = "composeExtension/";
    public const string ComposeExtensionFetchTask = "composeExtension/fetchTask";
    public const string ComposeExtensionSubmitAction = "composeExtension/submitAction";

    /// <summary>The body to answer <paramref name="name"/> with, or null for a bare 200.</summary>
    public static JsonObject? For(string? name, string language)
    {
        var text = language == "fr" ? "CmBot ne propose pas cette action ici." : "CmBot does not offer this action here.";
        return name switch
        {
            TaskFetch or TaskSubmit or ComposeExtensionFetchTask => new JsonObject
            {
                ["task"] = new JsonObject { ["type"] = "message", ["value"] = text },
            },
            ComposeExtensionSubmitAction => new JsonObject
            {
                ["composeExtension"] = new JsonObject { ["type"] = "message", ["text"] = text },
            },
            not null when name.StartsWith(ComposeExtensionPrefix, StringComparison.Ordinal) => new JsonObject
            {
                ["composeExtension"] = new JsonObject { ["type"] = "result", ["attachmentLayout"] = "list", ["attachments"] = new JsonArray() },
            },
            _ => null,
        };
    }
}
