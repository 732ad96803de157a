using CmBot.Core.Routing;

namespace CmBot.Core.Tests.Routing;

public sealed class LabelMatcherTests
{
    private static readonly AlertLabels Alert = AlertLabels.Of(("severity", "P2"), ("risk", "legal"), ("risk", "safety"), ("source", "rss"));

    [Theory]
    [InlineData("severity=P2", true)]
    [InlineData("severity=p2", true)]
    [InlineData("severity!=P2", false)]
    [InlineData("risk=safety", true)]
    [InlineData("risk!=legal", false)]
    [InlineData("risk=~saf.*", true)]
    [InlineData("risk!~leg.*", false)]
    [InlineData("source!~rss|mastodon", false)]
    [InlineData("topic=\"\"", true)]
    [InlineData("topic!=battery", true)]
    [InlineData("severity=~P1", false)]
    public void Parse_ThenMatches_FollowsOperator(string text, bool expected)
    {
        Assert.Equal(expected, LabelMatcher.Parse(text).Matches(Alert));
    }

    [Fact]
    public void Parse_NotEqual_ReadsTwoCharacterOperator()
    {
        var matcher = LabelMatcher.Parse("source != rss");

        Assert.Equal(("source", MatchOperator.NotEqual, "rss"), (matcher.Name, matcher.Operator, matcher.Value));
        Assert.Equal("source!=rss", matcher.ToString());
    }

    [Theory]
    [InlineData("severity")]
    [InlineData("=P1")]
    [InlineData("risk=~(")]
    [InlineData("bad name=x")]
    [InlineData("severity==P1")]
    public void Parse_Malformed_ThrowsFormatException(string text)
    {
        Assert.Throws<FormatException>(() => LabelMatcher.Parse(text));
    }
}
