using CmBot.Core.Triage;

namespace CmBot.Core.Tests.Triage;

/// <summary>The VADER-style rules of <see cref="SentimentScorer"/> on raw text: emphasis, symbols, French negation.</summary>
public sealed class SentimentEmphasisTests
{
    // A few lines in each lexicon format, written for these tests.
    private const string EnglishVader = ":)\t2.0\t1.2\t[2, 2, 1, 1, 1, 1, 4, 3, 4, 1]\n:(\t-1.9\t1.1\t[-2, -3]\ngood\t1.9\t0.9\t[2, 2]\ngreat\t3.1\t0.7\t[3, 3]\nbad\t-2.5\t0.6\t[-2, -3]\nlove\t3.2\t0.4\t[3, 3]\nno\t-1.2\t0.7\t[-1, -2]\n";
    private const string EnglishAfinn = "good\t3\nhorrible\t-3\nfail\t-2\n";
    private const string FrenchVader = "génial->3.0\nnul->-2.5\nadore->3.0\nbien->1.5";
    private const string FrenchUmigon = "super\t!isImmediatelyPrecededByANegation\t11:12\nà chier\t\t12\nneutre\tisHashtag\t10\n";

    private static readonly SentimentScorer Scorer = new(new Dictionary<string, SentimentLexicon>
    {
        ["en"] = SentimentLexicon.Merge([SentimentLexicon.Parse(EnglishVader), SentimentLexicon.Parse(EnglishAfinn)]),
        ["fr"] = SentimentLexicon.Merge([SentimentLexicon.Parse(FrenchVader), SentimentLexicon.Parse(FrenchUmigon)]),
    });

    [Fact]
    public void Score_CapitalisedWord_StrongerThanLowerCase() =>
        Assert.True(Scorer.Score("the kettle is BAD", "en") < Scorer.Score("the kettle is bad", "en"));

    [Fact]
    public void Score_WholeTextInCapitals_NoExtraEmphasis() =>
        Assert.Equal(Scorer.Score("bad kettle", "en"), Scorer.Score("BAD KETTLE", "en"), 10);

    [Fact]
    public void Score_Exclamations_Stronger() =>
        Assert.True(Scorer.Score("great kettle!!!", "en") > Scorer.Score("great kettle", "en"));

    [Fact]
    public void Score_ElongatedWord_MatchedAndEmphasised()
    {
        Assert.True(Scorer.Score("sooo baaad", "en") < Scorer.Score("bad", "en"));
        Assert.True(Scorer.Score("goooood", "en") > 0);
    }

    [Fact]
    public void Score_Emoticon_CountsAsWritten()
    {
        Assert.True(Scorer.Score("the delivery :(", "en") < 0);
        Assert.True(Scorer.Score("the delivery :)", "en") > 0);
    }

    [Fact]
    public void Score_Emoji_Counts()
    {
        Assert.True(Scorer.Score("my order \U0001F621\U0001F621", "en") < 0);
        Assert.True(Scorer.Score("ma commande \U0001F60D", "fr") > 0);
    }

    [Fact]
    public void Score_BoosterInCapitals_AddsTheCapitalsBoost() =>
        Assert.True(Scorer.Score("the kettle is SO bad", "en") < Scorer.Score("the kettle is so very bad", "en"));

    [Fact]
    public void Score_WholeTextInCapitals_BoosterNotEmphasisedEither() =>
        Assert.Equal(Scorer.Score("the kettle is so bad", "en"), Scorer.Score("THE KETTLE IS SO BAD", "en"), 10);

    [Fact]
    public void Score_OneLetterToken_NeverScored()
    {
        // VADER lists "l" (+2.0), vader_FR lists "s" (+0.8): as tokens they are only fragments ("L's", "s'est").
        var scorer = new SentimentScorer(new Dictionary<string, SentimentLexicon>
        {
            ["en"] = SentimentLexicon.Parse("l\t2.0\t0.5\t[2, 2]\nbad\t-2.5\t0.6\t[-2, -3]\n"),
            ["fr"] = SentimentLexicon.Parse("s->0.8\nnul->-2.5"),
        });
        Assert.Equal(0, scorer.Score("using i's instead of L's", "en"));
        Assert.Equal(0, scorer.Score("il s'est levé", "fr"));
        Assert.True(scorer.Score("s'est nul", "fr") < 0);
    }

    [Fact]
    public void Score_PhraseStartingWithContraction_ScoredAsAWhole()
    {
        // "can't" is split into "can" + "t"; the head alone is no word ("won" is positive), but a phrase may start there.
        var scorer = new SentimentScorer(new Dictionary<string, SentimentLexicon>
        {
            ["en"] = SentimentLexicon.Parse("can't stand\t-2.0\t0.5\t[-2, -2]\nwon\t2.7\t0.5\t[3, 3]\nstand\t0.5\t0.5\t[1, 0]\n"),
        });
        var phrase = scorer.Score("I can't stand this app", "en");
        Assert.Equal(-2.0 / Math.Sqrt((2.0 * 2.0) + 15), phrase, 6);
        Assert.True(scorer.Score("it won't start", "en") <= 0, "the head of \"won't\" is no word of its own");
    }

    [Fact]
    public void Score_EmoticonInCapitals_FoundInLowerCase()
    {
        var scorer = new SentimentScorer(new Dictionary<string, SentimentLexicon>
        {
            ["en"] = SentimentLexicon.Parse(":o\t-0.4\t0.5\t[0, -1]\n:D\t2.3\t0.5\t[2, 3]\n:d\t-3.0\t0.5\t[-3, -3]\n"),
        });
        Assert.Equal(scorer.Score("drama :o", "en"), scorer.Score("drama :O", "en"), 10);
        Assert.True(scorer.Score("drama :O", "en") < 0);
        Assert.True(scorer.Score("great :D", "en") > 0, "an emoticon listed as written keeps its own entry");
    }

    [Fact]
    public void Score_EnglishQuestionMarks_Stronger()
    {
        Assert.True(Scorer.Score("is this kettle bad??", "en") < Scorer.Score("is this kettle bad?", "en"));
        Assert.True(Scorer.Score("is it good???", "en") > Scorer.Score("is it good?", "en"));
        Assert.Equal(Scorer.Score("is it good????", "en"), Scorer.Score("is it good??????", "en"), 10);
    }

    [Fact]
    public void Score_FrenchQuestionMarks_NoEmphasis() =>
        Assert.Equal(Scorer.Score("c'est génial ?", "fr"), Scorer.Score("c'est génial ???", "fr"), 10);

    [Fact]
    public void Score_QuestionMarksAlone_StayNeutral() => Assert.Equal(0, Scorer.Score("where is my kettle???", "en"));

    [Fact]
    public void Score_ArticleAndContractionEnds_DoNotUseTheNegationWindow()
    {
        // "a" and the "s" of "it's" take no place: "don't" is three words back from "good", as a reader counts.
        Assert.True(Scorer.Score("I don't think it's a good kettle", "en") < 0);
        Assert.True(Scorer.Score("it wouldn't be such a bad kettle", "en") > 0);
    }

    [Fact]
    public void Score_NegationBeyondWindow_DoesNotReach() =>
        Assert.True(Scorer.Score("not that the kettle has ever been good", "en") > 0);

    [Fact]
    public void Score_FrenchElision_DoesNotUseTheNegationWindow() =>
        Assert.True(Scorer.Score("pas vraiment d'appli génial", "fr") < 0);

    [Theory]
    [InlineData("I have never felt so good")]
    [InlineData("never so good")]
    [InlineData("I haven't been this good in years")]
    public void Score_NeverSoOrThis_ComparesNotNegates(string text) =>
        Assert.True(Scorer.Score(text, "en") > 0, $"{text}: {Scorer.Score(text, "en")}");

    [Fact]
    public void Score_NeverSo_StrongerThanThePlainWord() =>
        Assert.True(Scorer.Score("never so good", "en") > Scorer.Score("good", "en"));

    [Fact]
    public void Score_NotSoGood_StillNegated() => Assert.True(Scorer.Score("not so good", "en") < 0);

    [Fact]
    public void Score_Hashtag_WordScored() => Assert.True(Scorer.Score("new kettle #fail", "en") < 0);

    [Fact]
    public void Score_FrenchNePas_Flips() => Assert.True(Scorer.Score("Ce n'est vraiment pas génial", "fr") < 0);

    [Fact]
    public void Score_FrenchPostposedNegation_Flips()
    {
        Assert.True(Scorer.Score("j'adore pas", "fr") < 0);
        Assert.True(Scorer.Score("j'adore", "fr") > 0);
    }

    [Fact]
    public void Score_FrenchPasNul_StaysMildlyNegativeWithoutLitotesEntry()
    {
        // French keeps a negated negative word mildly negative (learned on the training split); the litotes
        // "pas nul" = "quite good" is a phrase of the shipped lexicon (see ShippedLexiconTests), not of this one.
        var negated = Scorer.Score("franchement pas nul", "fr");
        Assert.InRange(negated, Scorer.Score("franchement nul", "fr"), -0.05);
    }

    [Fact]
    public void Score_UmigonMultiWordNegativeEntry_MatchedWithoutApostrophes() =>
        Assert.True(Scorer.Score("Cette bouilloire est à chier", "fr") < 0);

    [Fact]
    public void Score_EnglishBut_SecondClauseWins() =>
        Assert.True(Scorer.Score("The design is great but the kettle is horrible", "en") < 0);

    [Fact]
    public void Score_MixedLanguageText_UsesGivenLanguageLexicon() =>
        Assert.True(Scorer.Score("super produit, love it", "fr") > 0);

    [Fact]
    public void Parse_VaderFormat_KeepsMeanOfDuplicates()
    {
        var lexicon = SentimentLexicon.Parse("lol\t2.9\t0.5\t[3]\nlol\t1.8\t0.5\t[2]\n");

        Assert.True(lexicon.TryGet("lol", out var score));
        Assert.Equal(2.35, score, 10);
    }

    [Fact]
    public void Parse_ArrowFormat_ReadsTermAndScore()
    {
        var lexicon = SentimentLexicon.Parse("déçu->-2.1\n:-(->-1.5");

        Assert.True(lexicon.TryGet("decu", out var word));
        Assert.Equal(-2.1, word, 10);
        Assert.True(lexicon.TryGetEmoticon(":-(", out var emoticon));
        Assert.Equal(-1.5, emoticon, 10);
    }

    [Fact]
    public void Parse_UmigonOutcomes_PositiveNegativeAndNeutral()
    {
        var lexicon = SentimentLexicon.Parse(FrenchUmigon);

        Assert.True(lexicon.TryGet("super", out var positive));
        Assert.Equal(SentimentLexicon.UmigonValence, positive);
        Assert.True(lexicon.TryGet("a chier", out var negative));
        Assert.Equal(-SentimentLexicon.UmigonValence, negative);
        Assert.False(lexicon.TryGet("neutre", out _));
    }

    [Fact]
    public void Merge_TermInBoth_FirstWins()
    {
        var merged = SentimentLexicon.Merge([SentimentLexicon.Parse(EnglishVader), SentimentLexicon.Parse(EnglishAfinn)]);

        Assert.True(merged.TryGet("good", out var good));
        Assert.Equal(1.9, good, 10);
        Assert.True(merged.TryGet("horrible", out var horrible));
        Assert.Equal(-3 * SentimentLexicon.AfinnScale, horrible, 10);
    }

    [Fact]
    public void Parse_BadVaderArrowLine_ThrowsWithLineNumber()
    {
        var ex = Assert.Throws<FormatException>(() => SentimentLexicon.Parse("bien->1.5\nmal->beaucoup", "fr_lexicon.txt"));

        Assert.Contains("fr_lexicon.txt line 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_NegationBeforeSentenceEnd_DoesNotReachNextSentence() =>
        Assert.True(Scorer.Score("Nothing happened. Bad kettle", "en") < 0);

    [Fact]
    public void Score_SplitContraction_NegatesAndHeadIsNoWord()
    {
        Assert.True(Scorer.Score("it isn't good", "en") < 0);
        Assert.True(Scorer.Score("J-E-T-S bad", "en") < 0);
    }

    [Fact]
    public void Score_RepeatedNo_StaysNegative() => Assert.True(Scorer.Score("NO NO NO", "en") < Scorer.Score("no", "en"));
}
