using System.Text.Json.Nodes;
using CmBot.Core.Chat;

namespace CmBot.Bot.Slack.BlockKit;

/// <summary>A rendered Slack message: the notification text and the blocks.</summary>
public sealed record SlackMessageContent(string Text, JsonArray Blocks);

/// <summary>
/// Renders a channel-neutral <see cref="Card"/> as Block Kit: a header with the severity, the status as context,
/// facts as section fields, third-party text as a quote, inputs, then the buttons (action_id = verb, value =
/// target id; past five, the rest go to an overflow menu). All user text is mrkdwn-escaped and every Slack limit
/// is applied, truncating with "…" and a link to the source when there is one.
/// </summary>
public sealed class BlockKitRenderer
{
    public SlackMessageContent Render(Card card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var source = card.Links.Count > 0 ? card.Links[0] : null;
        var sourceLink = source is null ? null : Mrkdwn.Link(source.Url, source.Label);

        var head = new List<JsonObject> { Header(card) };
        if (card.Status is { Length: > 0 } status)
        {
            head.Add(Context([Mrkdwn.Truncate(Mrkdwn.Escape(status), BlockKitLimits.FieldText)]));
        }

        var body = new List<JsonObject>();
        body.AddRange(FactSections(card.Facts));
        body.AddRange(card.Texts.Select(t => TextSection(t, sourceLink, card.Mentions)));
        body.AddRange(card.Inputs.Select(Input));

        var tail = new List<JsonObject>();
        if (card.Links.Count > 0)
        {
            tail.Add(Context(card.Links.Take(BlockKitLimits.ContextElements).Select(l => Mrkdwn.Link(l.Url, l.Label))));
        }

        if (card.Actions.Count > 0)
        {
            tail.Add(Actions(card.Actions));
        }

        // Over 50 blocks: keep the head, the links and the buttons; cut the middle and say so.
        var room = BlockKitLimits.Blocks - head.Count - tail.Count;
        if (body.Count > room)
        {
            var hidden = body.Count - (room - 1);
            body = [.. body.Take(room - 1), Context([$"{Mrkdwn.Ellipsis} {hidden} more not shown{(sourceLink is null ? string.Empty : $" — {sourceLink}")}"])];
        }

        return new SlackMessageContent(FallbackText(card), [.. head, .. body, .. tail]);
    }

    /// <summary>What notifications and clients without blocks show.</summary>
    private static string FallbackText(Card card)
    {
        var severity = card.Severity is { Length: > 0 } s ? $"{s} " : string.Empty;
        var status = card.Status is { Length: > 0 } st ? $" — {st}" : string.Empty;
        return Mrkdwn.Truncate(Mrkdwn.Escape($"{severity}{card.Title}{status}"), BlockKitLimits.FallbackText);
    }

    private static JsonObject Header(Card card)
    {
        var severity = card.Severity is { Length: > 0 } s ? $"{SeverityEmoji(s)} {s} · " : string.Empty;
        return new JsonObject
        {
            ["type"] = "header",
            ["text"] = PlainText(Mrkdwn.TruncatePlain(severity + card.Title, BlockKitLimits.HeaderText)),
        };
    }

    public static string SeverityEmoji(string severity) => severity switch
    {
        "P1" => ":red_circle:",
        "P2" => ":large_orange_circle:",
        "P3" => ":large_yellow_circle:",
        _ => ":white_circle:",
    };

    private static IEnumerable<JsonObject> FactSections(IReadOnlyList<CardFact> facts) =>
        facts.Chunk(BlockKitLimits.FieldsPerSection).Select(chunk => new JsonObject
        {
            ["type"] = "section",
            ["fields"] = new JsonArray([.. chunk.Select(f => (JsonNode)MrkdwnText(
                Mrkdwn.Truncate($"*{Mrkdwn.Escape(f.Label)}*\n{Mrkdwn.Escape(f.Value)}", BlockKitLimits.FieldText)))]),
        });

    private static JsonObject TextSection(CardText text, string? sourceLink, IReadOnlyList<CardMention> mentions)
    {
        var escaped = Mrkdwn.Escape(text.Text);
        if (text.Quote)
        {
            // Slack quotes line by line; the '>' is CmBot's own markup, the text itself stays escaped.
            escaped = string.Join('\n', escaped.Split('\n').Select(line => $">{line}"));
        }
        else
        {
            // CmBot's own words only: a name inside a quoted post never pings anyone.
            escaped = Mention(escaped, mentions);
        }

        return new JsonObject
        {
            ["type"] = "section",
            ["text"] = MrkdwnText(Mrkdwn.Truncate(escaped, BlockKitLimits.SectionText, sourceLink)),
        };
    }

    /// <summary>The first occurrence of each mentioned person's (escaped) name becomes <c>&lt;@U…&gt;</c>, which notifies them.</summary>
    private static string Mention(string escaped, IReadOnlyList<CardMention> mentions)
    {
        foreach (var mention in mentions)
        {
            var name = Mrkdwn.Escape(mention.Name);
            if (mention.SlackUserId is { Length: > 0 } id && IsUserId(id) && name.Length > 0 && escaped.IndexOf(name, StringComparison.Ordinal) is var at and >= 0)
            {
                escaped = string.Concat(escaped.AsSpan(0, at), $"<@{id}>", escaped.AsSpan(at + name.Length));
            }
        }

        return escaped;
    }

    /// <summary>Slack user ids are U… or W… and alphanumeric: anything else in people.yaml is never put inside &lt;…&gt;.</summary>
    private static bool IsUserId(string id) => id.Length >= 2 && id[0] is 'U' or 'W' && id.All(char.IsAsciiLetterOrDigit);

    /// <summary>
    /// A text field in a message. dispatch_action is false: typing sends nothing; the value is read from the
    /// message's state.values when a button is clicked (block_id and action_id are both the input id).
    /// </summary>
    private static JsonObject Input(CardInput input)
    {
        var element = new JsonObject
        {
            ["type"] = "plain_text_input",
            ["action_id"] = input.Id,
            ["multiline"] = input.Multiline,
        };
        if (input.Value.Length > 0)
        {
            element["initial_value"] = Mrkdwn.TruncatePlain(input.Value, BlockKitLimits.InputValue);
        }

        return new JsonObject
        {
            ["type"] = "input",
            ["block_id"] = input.Id,
            ["dispatch_action"] = false,
            ["optional"] = true,
            ["label"] = PlainText(Mrkdwn.TruncatePlain(input.Label, BlockKitLimits.InputLabel)),
            ["element"] = element,
        };
    }

    private static JsonObject Actions(IReadOnlyList<CardAction> all)
    {
        // Secondary actions (e.g. "Mute topic") always go to the overflow menu, after any buttons that did not fit.
        var actions = all.Where(a => !a.Secondary).ToList();
        var secondary = all.Where(a => a.Secondary).ToList();
        var visible = actions.Count <= BlockKitLimits.VisibleButtons && (secondary.Count == 0 || actions.Count < BlockKitLimits.VisibleButtons)
            ? actions
            : actions.Take(BlockKitLimits.VisibleButtons - 1).ToList();
        var elements = new JsonArray([.. visible.Select(a => (JsonNode)Button(a))]);
        var rest = actions.Skip(visible.Count).Concat(secondary).Chunk(BlockKitLimits.OverflowOptions).Take(BlockKitLimits.ActionElements - visible.Count).ToList();
        for (var i = 0; i < rest.Count; i++)
        {
            elements.Add(new JsonObject
            {
                ["type"] = "overflow",
                ["action_id"] = i == 0 ? SlackActionIds.Overflow : $"{SlackActionIds.Overflow}.{i + 1}",
                ["options"] = new JsonArray([.. rest[i].Select(a => (JsonNode)new JsonObject
                {
                    ["text"] = PlainText(Mrkdwn.TruncatePlain(a.Label, BlockKitLimits.OptionText)),
                    ["value"] = Mrkdwn.TruncatePlain(SlackActionIds.OverflowValue(a.Verb, a.TargetId), BlockKitLimits.OptionValue),
                })]),
            });
        }

        return new JsonObject { ["type"] = "actions", ["block_id"] = SlackActionIds.ActionsBlock, ["elements"] = elements };
    }

    private static JsonObject Button(CardAction action)
    {
        var button = new JsonObject
        {
            ["type"] = "button",
            ["action_id"] = action.Verb,
            ["text"] = PlainText(Mrkdwn.TruncatePlain(action.Label, BlockKitLimits.ButtonText)),
            ["value"] = Mrkdwn.TruncatePlain(action.TargetId, BlockKitLimits.ButtonValue),
        };
        if (action.Style != ActionStyle.Default)
        {
            button["style"] = action.Style == ActionStyle.Primary ? "primary" : "danger";
        }

        return button;
    }

    private static JsonObject Context(IEnumerable<string> mrkdwnTexts) => new()
    {
        ["type"] = "context",
        ["elements"] = new JsonArray([.. mrkdwnTexts.Select(t => (JsonNode)MrkdwnText(t))]),
    };

    private static JsonObject PlainText(string text) => new() { ["type"] = "plain_text", ["text"] = text, ["emoji"] = true };

    private static JsonObject MrkdwnText(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };
}
