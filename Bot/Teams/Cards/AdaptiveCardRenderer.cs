using System.Text;
using System.Text.Json.Nodes;
using CmBot.Bot.Teams.Activities;
using CmBot.Core.Chat;

namespace CmBot.Bot.Teams.Cards;

/// <summary>
/// Renders the channel-neutral <see cref="Card"/> as an Adaptive Card 1.5 for Teams: a severity badge beside the
/// title, the status, a FactSet, quoted third-party text, Input.Text fields, Action.Execute buttons whose verb is
/// the stable <see cref="ActionVerbs"/> value with <c>data.targetId</c>, and a refresh action so each viewer is
/// shown the buttons their role allows. All user text is escaped; long text is cut so the message stays well
/// under Teams' ~28 KB limit.
/// </summary>
public static class AdaptiveCardRenderer
{
    public const string Version = "1.5";
    public const string SchemaUrl = "http://adaptivecards.io/schemas/adaptive-card.json";

    /// <summary>Budget for the card itself; the activity around it and Teams' own overhead use the rest of 28 KB.</summary>
    public const int MaxCardBytes = 20 * 1024;

    private const int FirstTextLimit = 2_000;
    private const int FactLimit = 500;
    private const int MinTextLimit = 120;

    /// <summary>Renders <paramref name="card"/>; <paramref name="notice"/> is a line shown above it (an action's refusal).</summary>
    public static JsonObject Render(Card card, CardNotice? notice = null, IReadOnlyList<string>? refreshUserIds = null)
    {
        ArgumentNullException.ThrowIfNull(card);
        var limit = FirstTextLimit;
        while (true)
        {
            var rendered = Render(card, notice, refreshUserIds, limit, Math.Min(FactLimit, limit));
            if (limit <= MinTextLimit || Encoding.UTF8.GetByteCount(rendered.ToJsonString()) <= MaxCardBytes)
            {
                return rendered;
            }

            limit /= 2;
        }
    }

    private static JsonObject Render(Card card, CardNotice? notice, IReadOnlyList<string>? refreshUserIds, int textLimit, int factLimit)
    {
        var more = card.Links.Select(l => CardLinkTarget.From(l.Label, l.Url)).FirstOrDefault(l => l is not null);
        var body = new JsonArray { Header(card, textLimit) };
        if (notice is not null)
        {
            body.Add(TextBlock(AdaptiveText.EscapeTruncated(notice.Text, textLimit, null), color: notice.IsWarning ? "attention" : "good", weight: "bolder"));
        }

        if (card.Status is { Length: > 0 } status)
        {
            body.Add(TextBlock(AdaptiveText.EscapeTruncated(status, textLimit, null), subtle: true, spacing: "none"));
        }

        if (card.Facts.Count > 0)
        {
            body.Add(new JsonObject
            {
                ["type"] = "FactSet",
                ["facts"] = new JsonArray(card.Facts.Select(f => (JsonNode)new JsonObject
                {
                    ["title"] = AdaptiveText.EscapeTruncated(f.Label, factLimit, null),
                    ["value"] = AdaptiveText.EscapeTruncated(f.Value, factLimit, more),
                }).ToArray()),
            });
        }

        var entities = new JsonArray();
        foreach (var text in card.Texts)
        {
            var shown = AdaptiveText.EscapeTruncated(text.Text, textLimit, more);
            if (!text.Quote)
            {
                // CmBot's own words only: a name inside a quoted post never notifies anyone.
                shown = Mention(shown, card.Mentions, entities);
            }

            var block = TextBlock(shown);
            body.Add(text.Quote
                ? new JsonObject { ["type"] = "Container", ["style"] = "emphasis", ["items"] = new JsonArray { block } }
                : block);
        }

        foreach (var image in card.Images.Where(i => IsShowable(i.Url)))
        {
            body.Add(new JsonObject
            {
                ["type"] = "Image",
                ["url"] = image.Url,
                ["altText"] = AdaptiveText.EscapeTruncated(image.AltText, factLimit, null),
                ["size"] = "stretch",
            });
        }

        foreach (var input in card.Inputs)
        {
            // Input values are sent back as typed: never cut them, or a save would truncate the draft.
            body.Add(new JsonObject
            {
                ["type"] = "Input.Text",
                ["id"] = input.Id,
                ["label"] = input.Label,
                ["value"] = input.Value,
                ["isMultiline"] = input.Multiline,
            });
        }

        var actions = new JsonArray();
        foreach (var action in card.Actions)
        {
            actions.Add(Execute(action));
        }

        foreach (var link in card.Links)
        {
            if (CardLinkTarget.From(link.Label, link.Url) is not null)
            {
                actions.Add(new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = link.Label, ["url"] = link.Url });
            }
        }

        var root = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = SchemaUrl,
            ["version"] = Version,
            ["fallbackText"] = card.Title,
            ["body"] = body,
        };
        if (actions.Count > 0)
        {
            root["actions"] = actions;
        }

        if (entities.Count > 0)
        {
            root["msteams"] = new JsonObject { ["entities"] = entities };
        }

        if (card.Actions.Count > 0 && card.Actions[0].TargetId is { } target)
        {
            var refresh = new JsonObject { ["action"] = Execute(ActivityNames.RefreshVerb, null, target, ActionStyle.Default, "none") };
            if (refreshUserIds is { Count: > 0 })
            {
                refresh["userIds"] = new JsonArray(refreshUserIds.Select(id => (JsonNode)JsonValue.Create(id)!).ToArray());
            }

            root["refresh"] = refresh;
        }

        return root;
    }

    /// <summary>
    /// The first occurrence of each mentioned person's name (not yet mentioned) becomes <c>&lt;at&gt;Name&lt;/at&gt;</c>
    /// with a mention entity naming their Teams id (a 29: user id or an Entra object id), which notifies them.
    /// </summary>
    private static string Mention(string text, IReadOnlyList<CardMention> mentions, JsonArray entities)
    {
        foreach (var mention in mentions)
        {
            var name = AdaptiveText.Escape(mention.Name);
            var tag = $"<at>{name}</at>";
            if (mention.TeamsUserId is not { Length: > 0 } id || name.Length == 0 || text.IndexOf(name, StringComparison.Ordinal) is not (var at and >= 0)
                || entities.Any(e => (string?)e?["text"] == tag))
            {
                continue;
            }

            text = string.Concat(text.AsSpan(0, at), tag, text.AsSpan(at + name.Length));
            entities.Add(new JsonObject
            {
                ["type"] = ActivityNames.MentionEntity,
                ["text"] = tag,
                ["mentioned"] = new JsonObject { ["id"] = id, ["name"] = mention.Name },
            });
        }

        return text;
    }

    /// <summary>Teams shows https images and inline PNG or JPEG data URIs; anything else is left out.</summary>
    private static bool IsShowable(string url) =>
        url.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
        || url.StartsWith("data:image/png;base64,", StringComparison.Ordinal)
        || url.StartsWith("data:image/jpeg;base64,", StringComparison.Ordinal);

    private static JsonObject Header(Card card, int textLimit)
    {
        var title = TextBlock(AdaptiveText.EscapeTruncated(card.Title, textLimit, null), weight: "bolder", size: "medium");
        if (card.Severity is not { Length: > 0 } severity)
        {
            return title;
        }

        var badge = new JsonObject
        {
            ["type"] = "Column",
            ["width"] = "auto",
            ["style"] = SeverityStyle(severity),
            ["items"] = new JsonArray { TextBlock(AdaptiveText.Escape(severity), weight: "bolder", color: SeverityColor(severity)) },
        };
        var titleColumn = new JsonObject { ["type"] = "Column", ["width"] = "stretch", ["items"] = new JsonArray { title } };
        return new JsonObject { ["type"] = "ColumnSet", ["columns"] = new JsonArray { badge, titleColumn } };
    }

    private static JsonObject Execute(CardAction action) =>
        Execute(action.Verb, action.Label, action.TargetId, action.Style, "auto");

    private static JsonObject Execute(string verb, string? title, string targetId, ActionStyle style, string associatedInputs)
    {
        var execute = new JsonObject
        {
            ["type"] = ActivityNames.ActionExecute,
            ["verb"] = verb,
            ["data"] = new JsonObject { [ActivityNames.TargetIdKey] = targetId },
            ["associatedInputs"] = associatedInputs,
        };
        if (title is not null)
        {
            execute["title"] = title;
        }

        if (style != ActionStyle.Default)
        {
            execute["style"] = style == ActionStyle.Danger ? "destructive" : "positive";
        }

        return execute;
    }

    private static JsonObject TextBlock(string text, string? color = null, string? weight = null, string? size = null, bool subtle = false, string? spacing = null)
    {
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true };
        if (color is not null)
        {
            block["color"] = color;
        }

        if (weight is not null)
        {
            block["weight"] = weight;
        }

        if (size is not null)
        {
            block["size"] = size;
        }

        if (subtle)
        {
            block["isSubtle"] = true;
        }

        if (spacing is not null)
        {
            block["spacing"] = spacing;
        }

        return block;
    }

    private static string SeverityColor(string severity) => severity switch
    {
        "P1" => "attention",
        "P2" => "warning",
        "P3" => "accent",
        _ => "good",
    };

    private static string SeverityStyle(string severity) => severity switch
    {
        "P1" => "attention",
        "P2" => "warning",
        "P3" => "accent",
        _ => "good",
    };
}

/// <summary>A line shown above a card: the outcome of an action (a refusal is a warning).</summary>
public sealed record CardNotice(string Text, bool IsWarning);
