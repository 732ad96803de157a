using CmBot.Core.Triage;

namespace CmBot.Core.Tests.Triage;

/// <summary>Reading Pattern's XML subjectivity lexicon (clips/pattern fr-sentiment.xml format).</summary>
public sealed class SentimentLexiconPatternTests
{
    // Four lines in the format of fr-sentiment.xml, written for these tests.
    private const string Pattern = """
        <?xml version="1.0" encoding="utf-8"?>
        <!-- comment -->
        <sentiment language="fr" version="1.1">
        <word form="abandonné" pos="JJ" polarity="-0.30" subjectivity="0.40" intensity="1.0" confidence="0.9" />
        <word form="bon" pos="JJ" polarity="0.70" subjectivity="0.60" intensity="1.0" confidence="1.0" />
        <word form="bon" pos="NN" polarity="0.50" subjectivity="0.60" intensity="1.0" confidence="1.0" />
        <word form="administratif" pos="JJ" polarity="0.05" subjectivity="0.10" intensity="1.0" confidence="0.7" />
        </sentiment>
        """;

    [Fact]
    public void Parse_PatternXml_ScalesFoldsAndAverages()
    {
        var lexicon = SentimentLexicon.Parse(Pattern, "fr-sentiment.xml");

        Assert.True(lexicon.TryGet("abandonne", out var abandoned));
        Assert.Equal(-0.30 * SentimentLexicon.PatternScale, abandoned, 10);
        Assert.True(lexicon.TryGet("bon", out var good));
        Assert.Equal(0.60 * SentimentLexicon.PatternScale, good, 10);
    }

    [Fact]
    public void Parse_PatternNearNeutralEntry_Dropped() =>
        Assert.False(SentimentLexicon.Parse(Pattern).TryGet("administratif", out _));

    [Fact]
    public void Parse_PatternWithDtd_Refused()
    {
        const string withDtd = "<?xml version=\"1.0\"?><!DOCTYPE s [<!ENTITY x \"bon\">]><sentiment><word form=\"&x;\" polarity=\"0.5\"/></sentiment>";

        var error = Assert.Throws<FormatException>(() => SentimentLexicon.Parse(withDtd, "evil.xml"));
        Assert.Contains("evil.xml", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PatternWordWithoutPolarity_FailsWithLine()
    {
        const string broken = "<sentiment>\n<word form=\"bon\" polarity=\"0.5\"/>\n<word form=\"mauvais\"/>\n</sentiment>";

        var error = Assert.Throws<FormatException>(() => SentimentLexicon.Parse(broken, "broken.xml"));
        Assert.Contains("broken.xml line 3", error.Message, StringComparison.Ordinal);
    }
}
