using System.Text.Json.Nodes;
using CmBot.Bot.Slack.BlockKit;
using CmBot.Core.Chat;

namespace CmBot.Bot.Tests.Slack.BlockKit;

/// <summary>Cards as Block Kit: structure, stable action ids, escaping of user text, Slack's limits.</summary>
public sealed class BlockKitRendererTests
{
    private const string SourceUrl = "https://example.com/post/1";
    private static readonly BlockKitRenderer Renderer = new();

    private static Card Sample => new()
    {
        Title = "#7 Battery recall",
        Severity = "P1",
        Status = "Open — nobody has acknowledged yet",
        Facts = [new CardFact("Mentions", "40"), new CardFact("Negative", "85%")],
        Texts = [new CardText("@lumio my charger <b>melted</b> & burnt", Quote: true)],
        Links = [new CardLink("Source post", SourceUrl)],
        Actions =
        [
            new CardAction(ActionVerbs.Acknowledge, "Acknowledge", "7", ActionStyle.Primary),
            new CardAction(ActionVerbs.Draft, "Draft a reply", "7"),
        ],
    };

    [Fact]
    public void Render_SampleAlert_MatchesGoldenJson()
    {
        const string golden = """
        {
          "text": "P1 #7 Battery recall — Open — nobody has acknowledged yet",
          "blocks": [
            { "type": "header", "text": { "type": "plain_text", "text": ":red_circle: P1 · #7 Battery recall", "emoji": true } },
            { "type": "context", "elements": [ { "type": "mrkdwn", "text": "Open — nobody has acknowledged yet" } ] },
            { "type": "section", "fields": [
                { "type": "mrkdwn", "text": "*Mentions*\n40" },
                { "type": "mrkdwn", "text": "*Negative*\n85%" } ] },
            { "type": "section", "text": { "type": "mrkdwn", "text": ">@lumio my charger &lt;b&gt;melted&lt;/b&gt; &amp; burnt" } },
            { "type": "context", "elements": [ { "type": "mrkdwn", "text": "<https://example.com/post/1|Source post>" } ] },
            { "type": "actions", "block_id": "cmbot.actions", "elements": [
                { "type": "button", "action_id": "incident.ack", "text": { "type": "plain_text", "text": "Acknowledge", "emoji": true }, "value": "7", "style": "primary" },
                { "type": "button", "action_id": "draft.create", "text": { "type": "plain_text", "text": "Draft a reply", "emoji": true }, "value": "7" } ] }
          ]
        }
        """;

        var rendered = Renderer.Render(Sample);

        var actual = new JsonObject { ["text"] = rendered.Text, ["blocks"] = rendered.Blocks.DeepClone() };
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(golden), actual), actual.ToJsonString());
    }

    [Fact]
    public void Render_InjectionInMentionText_RendersInert()
    {
        var card = Sample with
        {
            Texts = [new CardText("<!channel> hi <@U123> see <https://evil|click>", Quote: true)],
            Facts = [new CardFact("Why", "<!here> & <#C1>")],
            Status = "Acknowledged by <@U999>",
        };

        var blocks = Renderer.Render(card).Blocks;

        Assert.Equal(">&lt;!channel&gt; hi &lt;@U123&gt; see &lt;https://evil|click&gt;", blocks[3]!["text"]!["text"]!.GetValue<string>());
        Assert.Equal("*Why*\n&lt;!here&gt; &amp; &lt;#C1&gt;", blocks[2]!["fields"]![0]!["text"]!.GetValue<string>());
        Assert.Equal("Acknowledged by &lt;@U999&gt;", blocks[1]!["elements"]![0]!["text"]!.GetValue<string>());
        Assert.Equal("P1 #7 Battery recall — Acknowledged by &lt;@U999&gt;", Renderer.Render(card).Text);
    }

    [Fact]
    public void Render_MultilineQuote_EveryLineQuotedAndEscaped()
    {
        var blocks = Renderer.Render(Sample with { Texts = [new CardText("first > line\nsecond", Quote: true)] }).Blocks;

        Assert.Equal(">first &gt; line\n>second", blocks[3]!["text"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void Render_Buttons_ActionIdsAreTheStableVerbsAndValuesTheTargets()
    {
        var card = Sample with
        {
            Actions =
            [
                new CardAction(ActionVerbs.EditDraft, "Save edit", "12"),
                new CardAction(ActionVerbs.Approve, "Approve", "12", ActionStyle.Primary),
                new CardAction(ActionVerbs.Reject, "Reject", "12", ActionStyle.Danger),
                new CardAction(ActionVerbs.Publish, "Publish", "12"),
            ],
        };

        var elements = Actions(Renderer.Render(card).Blocks);

        // Literal strings on purpose: Slack messages already posted carry these ids; they must never change.
        Assert.Equal(["draft.edit", "draft.approve", "draft.reject", "draft.publish"], elements.Select(e => e!["action_id"]!.GetValue<string>()));
        Assert.All(elements, e => Assert.Equal("12", e!["value"]!.GetValue<string>()));
        Assert.Equal([null, "primary", "danger", null], elements.Select(e => e!["style"]?.GetValue<string>()));
    }

    [Fact]
    public void Render_MoreThanFiveActions_RestInOverflowWhoseValuesParseBack()
    {
        var verbs = new[] { ActionVerbs.Acknowledge, ActionVerbs.Draft, ActionVerbs.EditDraft, ActionVerbs.Approve, ActionVerbs.Reject, ActionVerbs.Publish, ActionVerbs.Acknowledge };
        var card = Sample with { Actions = [.. verbs.Select((v, i) => new CardAction(v, $"Action {i}", $"t{i}"))] };

        var elements = Actions(Renderer.Render(card).Blocks);

        Assert.Equal(["button", "button", "button", "button", "overflow"], elements.Select(e => e!["type"]!.GetValue<string>()));
        var overflow = elements[4]!;
        Assert.Equal(SlackActionIds.Overflow, overflow["action_id"]!.GetValue<string>());
        var parsed = overflow["options"]!.AsArray().Select(o =>
        {
            Assert.True(SlackActionIds.TryParseOverflowValue(o!["value"]!.GetValue<string>(), out var verb, out var target));
            return (verb, target);
        });
        Assert.Equal([(ActionVerbs.Reject, "t4"), (ActionVerbs.Publish, "t5"), (ActionVerbs.Acknowledge, "t6")], parsed);
    }

    [Fact]
    public void TryParseOverflowValue_NotCmBots_False()
    {
        Assert.False(SlackActionIds.TryParseOverflowValue("rm -rf|1", out _, out _));
        Assert.False(SlackActionIds.TryParseOverflowValue("|1", out _, out _));
        Assert.False(SlackActionIds.TryParseOverflowValue(null, out _, out _));
    }

    [Fact]
    public void Render_Inputs_InputBlocksReadBackFromStateOnClick()
    {
        var card = new Card
        {
            Title = "Reply draft — #7 Battery recall",
            Inputs = [new CardInput(CardInputs.DraftText, "Text", "Hello <world> & co"), new CardInput(CardInputs.Comment, "Comment", string.Empty, Multiline: false)],
            Actions = [new CardAction(ActionVerbs.EditDraft, "Save edit", "3")],
        };

        var blocks = Renderer.Render(card).Blocks;

        var draft = blocks.Single(b => b!["block_id"]?.GetValue<string>() == "draft_text")!;
        Assert.Equal("input", draft["type"]!.GetValue<string>());
        Assert.False(draft["dispatch_action"]!.GetValue<bool>());
        Assert.Equal("draft_text", draft["element"]!["action_id"]!.GetValue<string>());
        Assert.True(draft["element"]!["multiline"]!.GetValue<bool>());
        Assert.Equal("Hello <world> & co", draft["element"]!["initial_value"]!.GetValue<string>());
        var comment = blocks.Single(b => b!["block_id"]?.GetValue<string>() == "comment")!;
        Assert.False(comment["element"]!["multiline"]!.GetValue<bool>());
        Assert.Null(comment["element"]!["initial_value"]);
    }

    [Fact]
    public void Render_LongTitle_HeaderCutTo150WithEllipsis()
    {
        var header = Renderer.Render(Sample with { Title = new string('x', 400) }).Blocks[0]!["text"]!["text"]!.GetValue<string>();

        Assert.Equal(150, header.Length);
        Assert.EndsWith("x…", header, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_LongQuote_CutTo3000WithLinkToSource()
    {
        var text = Renderer.Render(Sample with { Texts = [new CardText(new string('a', 5000), Quote: true)] }).Blocks[3]!["text"]!["text"]!.GetValue<string>();

        Assert.True(text.Length <= 3000, $"{text.Length} characters");
        Assert.EndsWith($"a… <{SourceUrl}|Source post>", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_LongEscapedText_NeverCutsAnEntity()
    {
        var text = Renderer.Render(Sample with { Links = [], Texts = [new CardText(new string('&', 2000))] }).Blocks[3]!["text"]!["text"]!.GetValue<string>();

        Assert.True(text.Length <= 3000);
        Assert.EndsWith("&amp;…", text, StringComparison.Ordinal);
        Assert.Equal(string.Empty, text[..^1].Replace("&amp;", string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public void Render_TwentyThreeFacts_SectionsOfTenFieldsEachCutTo2000()
    {
        var facts = Enumerable.Range(0, 23).Select(i => new CardFact($"F{i}", new string('v', 2500))).ToList();

        var sections = Renderer.Render(Sample with { Facts = facts }).Blocks.Where(b => b!["fields"] is not null).ToList();

        Assert.Equal([10, 10, 3], sections.Select(s => s!["fields"]!.AsArray().Count));
        Assert.All(sections.SelectMany(s => s!["fields"]!.AsArray()), f => Assert.True(f!["text"]!.GetValue<string>().Length <= 2000));
    }

    [Fact]
    public void Render_LongButtonLabelAndValue_CutToSlackLimits()
    {
        var card = Sample with { Actions = [new CardAction(ActionVerbs.Acknowledge, new string('L', 100), new string('9', 2500))] };

        var button = Actions(Renderer.Render(card).Blocks).Single()!;

        Assert.Equal(75, button["text"]!["text"]!.GetValue<string>().Length);
        Assert.Equal(2000, button["value"]!.GetValue<string>().Length);
    }

    [Fact]
    public void Render_MoreThanFiftyBlocks_KeepsHeaderLinksAndButtonsAndSaysWhatIsHidden()
    {
        var texts = Enumerable.Range(0, 120).Select(i => new CardText($"text {i}")).ToList();

        var blocks = Renderer.Render(Sample with { Texts = texts }).Blocks;

        Assert.Equal(50, blocks.Count);
        Assert.Equal("header", blocks[0]!["type"]!.GetValue<string>());
        Assert.Equal("actions", blocks[49]!["type"]!.GetValue<string>());
        Assert.Equal($"<{SourceUrl}|Source post>", blocks[48]!["elements"]![0]!["text"]!.GetValue<string>());
        Assert.StartsWith("… 76 more not shown — <https://example.com/post/1|Source post>", blocks[47]!["elements"]![0]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_TitleOnly_FallbackTextStillSet()
    {
        var rendered = Renderer.Render(new Card { Title = "Weekly digest" });

        Assert.Equal("Weekly digest", rendered.Text);
        Assert.Single(rendered.Blocks);
    }

    [Fact]
    public void Link_NotHttp_StaysText()
    {
        Assert.Equal("Source: javascript:alert(1)", Mrkdwn.Link("javascript:alert(1)", "Source"));
        Assert.Equal("<https://example.com/a?b=1&amp;c=%7C|x>", Mrkdwn.Link("https://example.com/a?b=1&c=|", "x"));
    }

    [Fact]
    public void Render_MentionedPerson_NameInCmBotsTextBecomesUserMentionButNotInTheQuote()
    {
        var card = new Card
        {
            Title = "#7 Recall — 50% of the response target used",
            Texts = [new CardText("Camille Martin wrote <this>", Quote: true), new CardText("Camille Martin, please acknowledge or hand it over.")],
            Mentions = [new CardMention("Camille Martin", SlackUserId: "U0CAMILLE")],
        };

        var texts = Renderer.Render(card).Blocks.Where(b => b!["type"]!.GetValue<string>() == "section").Select(b => b!["text"]!["text"]!.GetValue<string>()).ToList();

        Assert.Equal([">Camille Martin wrote &lt;this&gt;", "<@U0CAMILLE>, please acknowledge or hand it over."], texts);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("!channel")]
    [InlineData("U0X> <!here")]
    public void Render_MentionWithoutAValidSlackId_NameStaysPlainText(string? slackId)
    {
        var card = new Card
        {
            Title = "SLA",
            Texts = [new CardText("Camille Martin, please acknowledge.")],
            Mentions = [new CardMention("Camille Martin", SlackUserId: slackId)],
        };

        var text = Renderer.Render(card).Blocks.Single(b => b!["type"]!.GetValue<string>() == "section")!["text"]!["text"]!.GetValue<string>();

        Assert.Equal("Camille Martin, please acknowledge.", text);
    }

    private static JsonArray Actions(JsonArray blocks) =>
        blocks.Single(b => b!["type"]!.GetValue<string>() == "actions")!["elements"]!.AsArray();
}
