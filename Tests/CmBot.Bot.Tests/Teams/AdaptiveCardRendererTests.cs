using System.Text;
using System.Text.Json.Nodes;
using CmBot.Bot.Teams.Activities;
using CmBot.Bot.Teams.Cards;
using CmBot.Core.Chat;

namespace CmBot.Bot.Tests.Teams;

public sealed class AdaptiveCardRendererTests
{
    private static readonly string IncidentId = Guid.NewGuid().ToString();
    private static readonly string DraftId = Guid.NewGuid().ToString();

    private static Card Alert(string quote = "Lumio: my charger **exploded** [click](http://evil.example)") => new()
    {
        Title = "#7 Charger overheating",
        Severity = "P1",
        Status = "Open — nobody has acknowledged yet",
        Facts = [new CardFact("Mentions", "42"), new CardFact("Why", "P1: recall + 'avocat' + 40 mentions/h")],
        Texts = [new CardText(quote, Quote: true)],
        Links = [new CardLink("Source post", "https://social.example/p/1")],
        Actions =
        [
            new CardAction(ActionVerbs.Acknowledge, "Acknowledge", IncidentId, ActionStyle.Primary),
            new CardAction(ActionVerbs.Draft, "Draft a reply", IncidentId),
        ],
    };

    private static Card Draft() => new()
    {
        Title = "Reply draft — #7 Charger overheating",
        Status = "Needs approval by legal",
        Facts = [new CardFact("Revision", "1"), new CardFact("SHA-256", "0123456789ab")],
        Inputs = [new CardInput(CardInputs.DraftText, "Text", "Hello,\nwe are sorry — Camille"), new CardInput(CardInputs.Comment, "Comment", string.Empty, Multiline: false)],
        Actions =
        [
            new CardAction(ActionVerbs.EditDraft, "Save edit", DraftId),
            new CardAction(ActionVerbs.Approve, "Approve", DraftId, ActionStyle.Primary),
            new CardAction(ActionVerbs.Reject, "Reject", DraftId, ActionStyle.Danger),
            new CardAction(ActionVerbs.Publish, "Publish", DraftId),
        ],
    };

    [Theory]
    [InlineData("cards/v1.4_Elements_Action.Execute.json")]
    [InlineData("cards/v1.4_Elements_AdaptiveCard.Refresh.json")]
    [InlineData("cards/v1.5_Elements_Action.Execute.IsEnabled.json")]
    [InlineData("cards/v1.5_Scenarios_InputForm.json")]
    [InlineData("cards/v1.5_Scenarios_OrderConfirmation.json")]
    public void Schema_MicrosoftSampleCard_Valid(string fixture)
    {
        Assert.Empty(TeamsFixtures.CardSchemaErrors(TeamsFixtures.ReadObject(fixture)));
    }

    [Fact]
    public void Schema_CardWithUnknownMember_Invalid()
    {
        var card = AdaptiveCardRenderer.Render(Alert());
        card["msteams"] = new JsonObject { ["width"] = "Full" };

        Assert.NotEmpty(TeamsFixtures.CardSchemaErrors(card));
    }

    [Fact]
    public void Render_AlertCard_ValidAdaptiveCard15()
    {
        var card = AdaptiveCardRenderer.Render(Alert(), new CardNotice("Refused: you may not", IsWarning: true));

        Assert.Empty(TeamsFixtures.CardSchemaErrors(card));
        Assert.Equal("1.5", (string?)card["version"]);
    }

    [Fact]
    public void Render_DraftCard_ValidWithInputsAndExecuteVerbs()
    {
        var card = AdaptiveCardRenderer.Render(Draft());

        Assert.Empty(TeamsFixtures.CardSchemaErrors(card));
        var inputs = card["body"]!.AsArray().Where(e => (string?)e!["type"] == "Input.Text").ToList();
        Assert.Equal([CardInputs.DraftText, CardInputs.Comment], inputs.Select(i => (string?)i!["id"]));
        Assert.True((bool)inputs[0]!["isMultiline"]!);
        Assert.False((bool)inputs[1]!["isMultiline"]!);
        Assert.Equal("Hello,\nwe are sorry — Camille", (string?)inputs[0]!["value"]);
        var actions = card["actions"]!.AsArray();
        Assert.Equal([ActionVerbs.EditDraft, ActionVerbs.Approve, ActionVerbs.Reject, ActionVerbs.Publish], actions.Select(a => (string?)a!["verb"]));
        Assert.All(actions, a => Assert.Equal(ActivityNames.ActionExecute, (string?)a!["type"]));
        Assert.All(actions, a => Assert.Equal(DraftId, (string?)a!["data"]![ActivityNames.TargetIdKey]));
        Assert.Equal("positive", (string?)actions[1]!["style"]);
        Assert.Equal("destructive", (string?)actions[2]!["style"]);
    }

    [Fact]
    public void Render_CardWithActions_RefreshesPerViewerWithTarget()
    {
        var card = AdaptiveCardRenderer.Render(Alert(), refreshUserIds: ["29:abc"]);

        var refresh = card["refresh"]!;
        Assert.Equal(ActivityNames.RefreshVerb, (string?)refresh["action"]!["verb"]);
        Assert.Equal(IncidentId, (string?)refresh["action"]!["data"]![ActivityNames.TargetIdKey]);
        Assert.Equal(["29:abc"], refresh["userIds"]!.AsArray().Select(u => (string?)u));
        Assert.Empty(TeamsFixtures.CardSchemaErrors(card));
    }

    [Fact]
    public void Render_CardWithoutActions_NoRefresh()
    {
        var card = AdaptiveCardRenderer.Render(new Card { Title = "Published", Texts = [new CardText("done")] });

        Assert.Null(card["refresh"]);
        Assert.Null(card["actions"]);
    }

    [Fact]
    public void Render_P1_AttentionBadgeBesideTitle()
    {
        var card = AdaptiveCardRenderer.Render(Alert());

        var header = card["body"]![0]!;
        Assert.Equal("ColumnSet", (string?)header["type"]);
        var badge = header["columns"]![0]!;
        Assert.Equal("attention", (string?)badge["style"]);
        Assert.Equal("P1", (string?)badge["items"]![0]!["text"]);
        Assert.Equal("attention", (string?)badge["items"]![0]!["color"]);
        Assert.Equal("\\#7 Charger overheating", (string?)header["columns"]![1]!["items"]![0]!["text"]);
    }

    [Fact]
    public void Render_MarkdownInUserText_Escaped()
    {
        var card = AdaptiveCardRenderer.Render(Alert());

        var quote = card["body"]!.AsArray().Single(e => (string?)e!["type"] == "Container")!["items"]![0]!;
        Assert.Equal("Lumio: my charger \\*\\*exploded\\*\\* \\[click\\]\\(http://evil\\.example\\)", (string?)quote["text"]);
    }

    [Theory]
    [InlineData("- item", "\\- item")]
    [InlineData("1. first", "1\\. first")]
    [InlineData("<at>Bot</at> _x_", "\\<at\\>Bot\\</at\\> \\_x\\_")]
    [InlineData("a\\b `c`", "a\\\\b \\`c\\`")]
    [InlineData("plain words", "plain words")]
    public void Escape_MarkdownSignificant_BackslashEscaped(string raw, string expected)
    {
        Assert.Equal(expected, AdaptiveText.Escape(raw));
    }

    [Fact]
    public void Render_HugeText_UnderBudgetAndLinksToSource()
    {
        var huge = string.Concat(Enumerable.Repeat("The charger melted on my desk and nobody answers. ", 2_000));
        var card = AdaptiveCardRenderer.Render(Alert(huge) with { Facts = [new CardFact("Why", huge)] });

        var json = card.ToJsonString();
        Assert.True(Encoding.UTF8.GetByteCount(json) <= AdaptiveCardRenderer.MaxCardBytes, $"{Encoding.UTF8.GetByteCount(json)} bytes");
        var quote = (string?)card["body"]!.AsArray().Single(e => (string?)e!["type"] == "Container")!["items"]![0]!["text"];
        Assert.EndsWith("… [Source post](https://social.example/p/1)", quote, StringComparison.Ordinal);
        Assert.Empty(TeamsFixtures.CardSchemaErrors(card));
    }

    [Fact]
    public void Render_NonHttpLink_NotLinked()
    {
        var card = AdaptiveCardRenderer.Render(Alert() with { Links = [new CardLink("Source post", "javascript:alert(1)")] });

        Assert.DoesNotContain(card["actions"]!.AsArray(), a => (string?)a!["type"] == "Action.OpenUrl");
        Assert.DoesNotContain("javascript", card.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_MentionedPerson_AtTagAndTeamsMentionEntityNotInTheQuote()
    {
        var card = new Card
        {
            Title = "#7 Recall — 50% of the response target used",
            Texts = [new CardText("Camille Martin wrote this", Quote: true), new CardText("Camille Martin, please acknowledge or hand it over.")],
            Mentions = [new CardMention("Camille Martin", TeamsUserId: "29:camille"), new CardMention("Hugo Lefèvre")],
            Actions = [new CardAction(ActionVerbs.Acknowledge, "Acknowledge", IncidentId, ActionStyle.Primary)],
        };

        var rendered = AdaptiveCardRenderer.Render(card);

        var blocks = rendered["body"]!.AsArray();
        Assert.Contains(blocks, b => (string?)b!["text"] == "<at>Camille Martin</at>, please acknowledge or hand it over\\.");
        Assert.Equal("Camille Martin wrote this", (string?)blocks.Single(b => (string?)b!["type"] == "Container")!["items"]![0]!["text"]);
        var entity = Assert.Single(rendered["msteams"]!["entities"]!.AsArray())!;
        Assert.Equal("mention", (string?)entity["type"]);
        Assert.Equal("<at>Camille Martin</at>", (string?)entity["text"]);
        Assert.Equal("29:camille", (string?)entity["mentioned"]!["id"]);
        Assert.Equal("Camille Martin", (string?)entity["mentioned"]!["name"]);

        // msteams is Teams' own extension (documented for mentions), outside the public schema: the rest stays valid.
        rendered.Remove("msteams");
        Assert.Empty(TeamsFixtures.CardSchemaErrors(rendered));
    }
}
