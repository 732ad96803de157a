using CmBot.Bot.Slack.Commands;

namespace CmBot.Bot.Tests.Slack.Commands;

public sealed class MrkdwnTests
{
    [Theory]
    [InlineData("<!channel>", "&lt;!channel&gt;")]
    [InlineData("<@U123>", "&lt;@U123&gt;")]
    [InlineData("<https://evil|click>", "&lt;https://evil|click&gt;")]
    [InlineData("A & B", "A &amp; B")]
    [InlineData("&lt;", "&amp;lt;")]
    [InlineData("plain *text*", "plain *text*")]
    public void Escape_ReservedCharacters_BecomeEntities(string raw, string expected) =>
        Assert.Equal(expected, Mrkdwn.Escape(raw));

    [Fact]
    public void Bold_TextWithMarkup_EscapedInsideMarkersAndTrimmed() =>
        Assert.Equal("*&lt;!here&gt; x*", new Mrkdwn().Bold(" <!here> x ").ToString());

    [Fact]
    public void Code_Backtick_CannotCloseTheSpan() =>
        Assert.Equal("`a'b &lt;c&gt;`", new Mrkdwn().Code("a`b <c>").ToString());

    [Fact]
    public void Shorten_LongText_CutWithEllipsisNeverSplittingASurrogatePair()
    {
        var raw = new string('a', 8) + "😀" + "bcd";

        Assert.Equal("aaaaaaaa…", Mrkdwn.Shorten(raw, 10));
        Assert.Equal("aaaaaaaa😀…", Mrkdwn.Shorten(raw, 11));
        Assert.Equal(raw, Mrkdwn.Shorten(raw, raw.Length));
    }

    [Fact]
    public void Text_ShortenedThenEscaped_NoHalfEntity() =>
        Assert.Equal("&amp;&amp;&amp;…", new Mrkdwn().Text("&&&&&&", 4).ToString());
}
