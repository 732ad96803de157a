using CmBot.Core.Routing;

namespace CmBot.Core.Tests.Routing;

public sealed class SilenceMatchTests
{
    private static readonly AlertLabels Recall = AlertLabels.Of(("topic", "topic:recall"), ("risk", "legal"), ("source", "reddit"), ("severity", "P2"));
    private static readonly AlertLabels Kettle = AlertLabels.Of(("topic", "topic:k2-kettle"), ("risk", "safety"), ("source", "rss"), ("severity", "P1"));

    [Theory]
    [InlineData("topic=recall", true, false)]
    [InlineData("topic=topic:recall", true, false)]
    [InlineData("topic!=recall", false, true)]
    [InlineData("risk=legal", true, false)]
    [InlineData("source=reddit", true, false)]
    [InlineData("risk=legal source=rss", false, false)]
    [InlineData("risk=legal, source=reddit", true, false)]
    [InlineData("risk=~legal|safety;severity=P1", false, true)]
    [InlineData("kettle", false, true)]
    [InlineData("RECALL", true, false)]
    [InlineData("k2-kettle", false, true)]
    public void Parse_MatchersOrKeyword_MutesTheRightAlerts(string typed, bool recall, bool kettle)
    {
        var matchers = SilenceMatch.Parse(typed);

        Assert.Equal(recall, LabelMatcher.All(matchers, Recall));
        Assert.Equal(kettle, LabelMatcher.All(matchers, Kettle));
    }

    [Fact]
    public void Parse_KeywordWithRegexCharacters_MatchedLiterally()
    {
        var matchers = SilenceMatch.Parse("k2.kettle");

        Assert.False(LabelMatcher.All(matchers, Kettle));
        Assert.True(LabelMatcher.All(matchers, AlertLabels.Of(("topic", "topic:k2.kettle"))));
    }

    [Fact]
    public void Parse_StoredTextOfEachMatcher_ReadsBackTheSame()
    {
        foreach (var matcher in SilenceMatch.Parse("topic=recall risk=legal K2 kettle"))
        {
            var again = LabelMatcher.Parse(matcher.ToString());
            Assert.Equal((matcher.Name, matcher.Operator, matcher.Value), (again.Name, again.Operator, again.Value));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("  , ")]
    [InlineData("risk=~(")]
    [InlineData("ri$k=x")]
    [InlineData("severity==P1")]
    public void Parse_Unreadable_FormatExceptionSaysWhy(string typed)
    {
        var ex = Assert.Throws<FormatException>(() => SilenceMatch.Parse(typed));

        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
    }

    [Fact]
    public void Topic_IsExactlyTheGroupingKey()
    {
        var matcher = SilenceMatch.Topic("topic:recall");

        Assert.True(matcher.Matches(Recall));
        Assert.False(matcher.Matches(AlertLabels.Of(("topic", "topic:recall-2"))));
    }
}
