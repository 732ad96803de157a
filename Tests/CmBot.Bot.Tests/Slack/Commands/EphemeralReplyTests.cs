using CmBot.Bot.Slack.Commands;

namespace CmBot.Bot.Tests.Slack.Commands;

public sealed class EphemeralReplyTests
{
    [Fact]
    public void ToJson_SectionAndContext_EphemeralWithFirstSectionAsFallback()
    {
        var json = new EphemeralReply()
            .Section(new Mrkdwn().Bold("Title"))
            .Context(new Mrkdwn().Text("why <x>"))
            .ToJson();

        Assert.Equal("ephemeral", (string?)json["response_type"]);
        Assert.Equal("*Title*", (string?)json["text"]);
        var blocks = json["blocks"]!.AsArray();
        Assert.Equal(["section", "context"], blocks.Select(b => (string?)b!["type"]));
        Assert.Equal("why &lt;x&gt;", (string?)blocks[1]!["elements"]![0]!["text"]);
    }

    [Fact]
    public void Section_LongerThanSlackLimit_CutBeforeAPartialEntity()
    {
        var text = new Mrkdwn().Text(new string('a', 2996) + "<<<<");

        var block = (string)new EphemeralReply().Section(text).ToJson()["blocks"]![0]!["text"]!["text"]!;

        Assert.True(block.Length <= EphemeralReply.MaxText, $"{block.Length} characters");
        Assert.EndsWith("a…", block, StringComparison.Ordinal);
    }

    [Fact]
    public void Section_MoreThanFiftyBlocks_KeepsFifty()
    {
        var reply = new EphemeralReply();
        for (var i = 0; i < 60; i++)
        {
            reply.Section(new Mrkdwn().Text("x"));
        }

        Assert.Equal(EphemeralReply.MaxBlocks, reply.ToJson()["blocks"]!.AsArray().Count);
    }
}
