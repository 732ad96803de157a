using CmBot.Core.Incidents;
using CmBot.Core.Triage;
using CmBot.Core.Triage.Evaluation;

namespace CmBot.Core.Tests.Triage.Evaluation;

public sealed class EvaluationTaskTests
{
    [Theory]
    [InlineData(" Negative ", "negative")]
    [InlineData("not-complaint", "not_complaint")]
    [InlineData("NOT COMPLAINT", "not_complaint")]
    [InlineData("neg", "negative")]
    [InlineData("Négatif", "negative")]
    [InlineData("neutre", "neutral")]
    [InlineData("POS", "positive")]
    [InlineData("non-complaint", "not_complaint")]
    [InlineData("plainte", "complaint")]
    public void Normalise_CaseAndSeparators_Folded(string label, string expected) => Assert.Equal(expected, EvaluationTask.Normalise(label));

    [Fact]
    public void Normalise_UnknownLabel_ThrowsNamingIt() =>
        Assert.Contains("angry", Assert.Throws<FormatException>(() => EvaluationTask.Normalise("angry")).Message, StringComparison.Ordinal);

    [Fact]
    public void KindOf_MixedSets_Throws() =>
        Assert.Throws<FormatException>(() => EvaluationTask.KindOf(["negative", "complaint"]));

    [Fact]
    public void KindOf_ComplaintLabels_Complaint() =>
        Assert.Equal(EvaluationKind.Complaint, EvaluationTask.KindOf(["complaint", "not_complaint"]));

    [Theory]
    [InlineData(-0.6, "negative")]
    [InlineData(0.0, "neutral")]
    [InlineData(0.6, "positive")]
    public void Predict_Sentiment_ByThresholds(double score, string expected) =>
        Assert.Equal(expected, EvaluationTask.Predict(new TriageResult("en", score, [], null, Severity.P4, "P4"), EvaluationKind.Sentiment));

    [Fact]
    public void Predict_Complaint_FromFlag() =>
        Assert.Equal("complaint", EvaluationTask.Predict(new TriageResult("en", 0, [], null, Severity.P3, "P3", IsComplaint: true), EvaluationKind.Complaint));
}
