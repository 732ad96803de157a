using CmBot.Core.Triage.Evaluation;

namespace CmBot.Core.Tests.Triage.Evaluation;

public sealed class EvaluationReportTests
{
    private static readonly string[] Sentiment = ["negative", "neutral", "positive"];

    [Fact]
    public void Compute_HandCountedConfusion_MatchesFigures()
    {
        // gold neg: 3 (2 predicted neg, 1 neutral); gold neu: 2 (1 neg, 1 neu); gold pos: 1 (pos).
        (string, string)[] pairs =
        [
            ("negative", "negative"), ("negative", "negative"), ("negative", "neutral"),
            ("neutral", "negative"), ("neutral", "neutral"), ("positive", "positive"),
        ];

        var report = EvaluationReport.Compute(pairs, Sentiment);

        Assert.Equal(6, report.Count);
        Assert.Equal(4.0 / 6, report.Accuracy, 10);
        var negative = report.For("negative");
        Assert.Equal(2.0 / 3, negative.Precision, 10);
        Assert.Equal(2.0 / 3, negative.Recall, 10);
        Assert.Equal(2.0 / 3, negative.F1, 10);
        Assert.Equal(3, negative.Support);
        var neutral = report.For("neutral");
        Assert.Equal(0.5, neutral.Precision, 10);
        Assert.Equal(0.5, neutral.Recall, 10);
        Assert.Equal(((2.0 / 3) + 0.5 + 1.0) / 3, report.MacroF1, 10);
    }

    [Fact]
    public void Compute_ClassNeverPredicted_CountsZeroInMacroAverage()
    {
        var report = EvaluationReport.Compute([("negative", "positive"), ("positive", "positive")], Sentiment);

        Assert.Equal(0, report.For("negative").F1);
        Assert.Equal(0, report.For("negative").Precision);
        Assert.Equal((0 + 0 + (2.0 / 3)) / 3, report.MacroF1, 10);
    }

    [Fact]
    public void Compute_UnknownGoldLabel_ThrowsNamingIt()
    {
        var ex = Assert.Throws<ArgumentException>(() => EvaluationReport.Compute([("angry", "negative")], Sentiment));

        Assert.Contains("angry", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_Empty_ZeroCountAndZeroFigures()
    {
        var report = EvaluationReport.Compute([], Sentiment);

        Assert.Equal(0, report.Count);
        Assert.Equal(0, report.Accuracy);
        Assert.Equal(0, report.MacroF1);
    }
}
