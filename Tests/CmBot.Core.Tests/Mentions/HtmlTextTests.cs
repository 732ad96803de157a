using CmBot.Core.Mentions;

namespace CmBot.Core.Tests.Mentions;

public sealed class HtmlTextTests
{
    [Fact]
    public void ToPlainText_TagsAndEntities_ReadableText()
    {
        Assert.Equal("Le K2 a fondu... « dangereux » & cher", HtmlText.ToPlainText("<p>Le &lt;b&gt;K2&lt;/b&gt; a <i>fondu</i>...</p><p>&laquo;&nbsp;dangereux&nbsp;&raquo; &amp; cher</p>"));
    }

    [Fact]
    public void ToPlainText_GoogleAlertsDoubleEscaped_Decoded()
    {
        // After XML parsing, a Google Alerts title still holds HTML: "<b>Slack</b>" and "&#39;" / "&nbsp;".
        Assert.Equal("Slack's IPO is here", HtmlText.ToPlainText("<b>Slack</b>&#39;s IPO&nbsp;is here"));
    }

    [Fact]
    public void ToPlainText_ScriptAndStyle_ContentDropped()
    {
        Assert.Equal("before after", HtmlText.ToPlainText("before<script>alert('x')</script><style>p{}</style> after"));
    }

    [Fact]
    public void ToPlainText_BlockTags_SeparateWords()
    {
        Assert.Equal("one two three", HtmlText.ToPlainText("<ul><li>one</li><li>two</li></ul><br/>three"));
    }

    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("a < b and c > d", "a < b and c > d")]
    public void ToPlainText_PlainOrEmpty_KeptAsIs(string? input, string expected)
    {
        Assert.Equal(expected, HtmlText.ToPlainText(input));
    }
}
