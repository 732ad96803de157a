using System.Text.Json;
using System.Text.Json.Nodes;
using CmBot.Bot.Actions;
using CmBot.Bot.Teams.Activities;
using CmBot.Bot.Teams.Cards;
using CmBot.Core.Chat;

namespace CmBot.Bot.Teams.Inbound;

/// <summary>
/// Answers an <c>adaptiveCard/action</c> invoke (Universal Actions): a click runs the verb through the action
/// dispatcher and answers with the card as it is now, trimmed to the clicker's role, with the outcome on top; an
/// automatic refresh answers with the card trimmed to the viewer's role.
/// </summary>
public sealed class CardActionHandler(ActionDispatcher dispatcher, SubjectCards cards, TeamsPeople people)
{
    /// <summary>The invoke response body; null when the invoke value is not an Action.Execute payload at all.</summary>
    public async Task<JsonObject?> HandleAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        AdaptiveCardInvokeValue? value;
        try
        {
            value = activity.Value is { ValueKind: JsonValueKind.Object } raw ? raw.Deserialize<AdaptiveCardInvokeValue>(ActivityJson.Options) : null;
        }
        catch (JsonException)
        {
            value = null;
        }

        if (value?.Action is not { } action)
        {
            return null;
        }

        var viewer = people.Find(activity.From);
        var data = action.Data is { ValueKind: JsonValueKind.Object } d ? d : (JsonElement?)null;
        var targetId = data?.TryGetProperty(ActivityNames.TargetIdKey, out var t) == true && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        if (string.IsNullOrEmpty(action.Verb) || string.IsNullOrEmpty(targetId))
        {
            return CardResponse(new Card { Title = "CmBot" }, new CardNotice("This button is not one of CmBot's actions.", IsWarning: true));
        }

        if (action.Verb == ActivityNames.RefreshVerb)
        {
            var current = await cards.FindAsync(targetId, cancellationToken);
            return current is null
                ? CardResponse(new Card { Title = "CmBot" }, new CardNotice("This item no longer exists.", IsWarning: true))
                : CardResponse(ViewerCards.For(current.Card, viewer, current.Draft), null);
        }

        var chatAction = new ChatAction(
            action.Verb,
            targetId,
            TeamsPeople.ActorId(viewer, activity.From),
            new ChatLocation(TeamsOptions.PlatformName, TeamsOutbox.Lane(activity.Conversation!.Id!), activity.ReplyToId),
            Inputs(data!.Value));
        var outcome = await dispatcher.DispatchAsync(chatAction, cancellationToken);
        var after = await cards.FindAsync(targetId, cancellationToken);
        var card = after is null ? new Card { Title = "CmBot" } : ViewerCards.For(after.Card, viewer, after.Draft);
        return CardResponse(card, new CardNotice(outcome.Message, IsWarning: !outcome.Succeeded));
    }

    /// <summary>The invoke response Teams expects for Action.Execute: the card that replaces the clicked one.</summary>
    public static JsonObject CardResponse(Card card, CardNotice? notice) => new()
    {
        ["statusCode"] = 200,
        ["type"] = ActivityNames.AdaptiveCardContentType,
        ["value"] = AdaptiveCardRenderer.Render(card, notice),
    };

    /// <summary>Teams merges the card's input values into the action data by input id; only CmBot's inputs are read.</summary>
    private static Dictionary<string, string> Inputs(JsonElement data)
    {
        var inputs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in (string[])[CardInputs.DraftText, CardInputs.Comment, CardInputs.PostedLink])
        {
            if (data.TryGetProperty(id, out var value) && value.ValueKind == JsonValueKind.String)
            {
                inputs[id] = value.GetString()!;
            }
        }

        return inputs;
    }
}
