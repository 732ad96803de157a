using CmBot.Core.Incidents;
using CmBot.Core.Mentions;
using CmBot.Core.Triage;
using CmBot.Core.Triage.Grading;
using CmBot.Core.Triage.Spikes;

namespace CmBot.Core.Tests.Triage.Grading;

public sealed class SeverityGraderTests
{
    private static readonly VipAuthor Journalist = new("journalist", "Le Monde", null,
        [new("mastodon", "@jane@press.social"), new("x", "@JDoe"), new("bluesky", "jane.bsky.social")]);

    private static Triager With(SeverityModel model, params VipAuthor[] vips) =>
        new(TestTriage.Sentiment, TestTriage.Risks, TestTriage.Topics, new TriagePolicy(), grader: new SeverityGrader(model, new VipDirectory(vips)));

    private static MentionInput By(string source, string author, string text, int reach = 100) =>
        new(source, "1", "https://example.test/1", author, reach, text, "en", DateTimeOffset.UnixEpoch);

    [Theory]
    [InlineData("Is Lumio going to recall the K2 kettle?", 100, Severity.P2)]
    [InlineData("Is Lumio going to recall the K2 kettle?", 250_000, Severity.P1)]
    [InlineData("A journalist asked me about Lumio", 100, Severity.P3)]
    [InlineData("A journalist asked me about Lumio", 50_000, Severity.P2)]
    [InlineData("I hate this bad bad toaster", 500_000, Severity.P3)]
    [InlineData("I love my new Lumio toaster, great design", 500_000, Severity.P4)]
    public void Assess_DefaultModel_GradesLikeTheBuiltInRules(string text, int reach, Severity expected)
    {
        var explicitDefault = With(new SeverityModel());

        Assert.Equal(expected, explicitDefault.Assess(TestTriage.Mention(text, reach)).Severity);
        Assert.Equal(expected, TestTriage.Create().Assess(TestTriage.Mention(text, reach)).Severity);
    }

    [Fact]
    public void Assess_HeavierOtherRisk_MediaMentionBecomesP2()
    {
        var triager = With(SeverityModel.Default with { OtherRisk = 2 });

        var result = triager.Assess(TestTriage.Mention("A journalist asked me about Lumio"));

        Assert.Equal(Severity.P2, result.Severity);
        Assert.Equal(2, result.Score);
        Assert.StartsWith("P2: Media / journalist ('journalist')", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_SumCombination_CriticalAndVeryNegativeBecomeP1()
    {
        const string text = "I hate this bad kettle, it burnt my hand";
        Assert.Equal(Severity.P2, With(SeverityModel.Default).Assess(TestTriage.Mention(text)).Severity);

        var result = With(SeverityModel.Default with { Combination = SignalCombination.Sum }).Assess(TestTriage.Mention(text));

        Assert.Equal(Severity.P1, result.Severity);
        Assert.Equal("P1: Safety / recall ('burnt') + very negative", result.Reason);
    }

    [Fact]
    public void Assess_ReachTiersWithoutRisk_LargeAudienceRaisesAVeryNegativeMention()
    {
        var model = SeverityModel.Default with { ReachNeedsRisk = false, Reach = [new ReachTier(10_000, 1), new ReachTier(1_000_000, 2)] };

        var mid = With(model).Assess(TestTriage.Mention("I hate this bad bad toaster", reach: 12_400));
        var huge = With(model).Assess(TestTriage.Mention("I hate this bad bad toaster", reach: 2_000_000));

        Assert.Equal(Severity.P2, mid.Severity);
        Assert.Equal("P2: reach 12,400 + very negative", mid.Reason);
        Assert.Equal(Severity.P1, huge.Severity);
    }

    [Fact]
    public void Assess_LowerP3Threshold_PlainNegativeCountsAsP3()
    {
        var model = SeverityModel.Default with { Negative = 0.5, P3From = 0.5 };

        var result = With(model).Assess(TestTriage.Mention("I am scared of the toaster"));

        Assert.True(result.Sentiment is <= -0.05 and > -0.5, $"sentiment {result.Sentiment}");
        Assert.Equal(Severity.P3, result.Severity);
        Assert.Equal("P3: negative", result.Reason);
    }

    [Fact]
    public void Assess_VipJournalistOnMastodon_RaisedWithReason()
    {
        var triager = With(SeverityModel.Default, Journalist);

        var result = triager.Assess(By("mastodon-brand", "@Jane@Press.Social", "Is Lumio going to recall the K2 kettle?", reach: 12_400));

        Assert.Equal(Severity.P1, result.Severity);
        Assert.Equal("P1: Safety / recall ('recall') + reach 12,400 + VIP: journalist (Le Monde)", result.Reason);
        Assert.Equal(4, result.Score);
    }

    [Theory]
    [InlineData("x", "jdoe", true)]
    [InlineData("twitter", "@jdoe", true)]
    [InlineData("bluesky", "@JANE.bsky.social", true)]
    [InlineData("mastodon", "@jdoe", false)]
    [InlineData("xing", "@jdoe", false)]
    [InlineData("reddit", "jane.bsky.social", false)]
    public void Find_HandlePerSource_MatchesIgnoringCaseAndAt(string source, string author, bool expected)
    {
        var vips = new VipDirectory([Journalist]);

        Assert.Equal(expected, vips.Find(source, author) is not null);
    }

    [Fact]
    public void Assess_VipWithOwnWeightOnAnySource_CalmMentionBecomesP2()
    {
        var regulator = new VipAuthor("regulator", null, 2, [new("*", "DGCCRF")]);

        var result = With(SeverityModel.Default, regulator).Assess(By("news", "dgccrf", "We are looking at Lumio toasters"));

        Assert.Equal(Severity.P2, result.Severity);
        Assert.Equal("P2: VIP: regulator", result.Reason);
    }

    [Fact]
    public void Raise_SpikeWeightZero_KeepsSeverityButNamesTheSpike()
    {
        var grader = new SeverityGrader(SeverityModel.Default with { Spike = 0 }, VipDirectory.Empty);
        var triage = new TriageResult("en", -0.4, [], "k2", Severity.P3, "P3: negative", Score: 1);
        var spike = new SpikeSignal("k2", 14, TimeSpan.FromMinutes(15), 2.8, 34, DateTimeOffset.UnixEpoch);

        var raised = grader.Raise(triage, spike);

        Assert.Equal(Severity.P3, raised.Severity);
        Assert.StartsWith("P3: negative + 14 mentions in 15 min", raised.Reason, StringComparison.Ordinal);
        Assert.Equal(Severity.P1, SeverityGrader.Default.Raise(triage, spike).Severity);
    }

    [Fact]
    public void Validated_ThresholdsOutOfOrder_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => (SeverityModel.Default with { P2From = 5 }).Validated());

        Assert.Contains("p1", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => (SeverityModel.Default with { Reach = [new ReachTier(100, 1), new ReachTier(50, 1)] }).Validated());
        Assert.Throws<ArgumentException>(() => (SeverityModel.Default with { Spike = -1 }).Validated());
        Assert.Throws<ArgumentException>(() => new VipDirectory([new VipAuthor("journalist", null, null, [])]));
    }
}
