using CmBot.Core.Incidents;
using CmBot.Core.Triage;

namespace CmBot.Core.Tests.Triage;

public sealed class TriagerTests
{
    private readonly Triager _triager = TestTriage.Create();

    [Fact]
    public void Assess_OrdinaryPraise_P4WithoutIncident()
    {
        var result = _triager.Assess(TestTriage.Mention("I love my new Lumio toaster, great design"));

        Assert.Equal(Severity.P4, result.Severity);
        Assert.False(result.NeedsIncident);
        Assert.Empty(result.Risks);
    }

    [Fact]
    public void Assess_MildComplaint_P3NoIncident()
    {
        var result = _triager.Assess(TestTriage.Mention("Service client nul, livraison nul, vraiment nul", language: "fr"));

        Assert.Equal(Severity.P3, result.Severity);
        Assert.False(result.NeedsIncident);
    }

    [Fact]
    public void Assess_SafetyWords_P2WithReasonQuotingWords()
    {
        var result = _triager.Assess(TestTriage.Mention("Ma bouilloire K2 a brûlé, j'appelle mon avocat"));

        Assert.Equal(Severity.P2, result.Severity);
        Assert.True(result.NeedsIncident);
        Assert.Equal("kettle-k2", result.TopicKey);
        Assert.Contains("'brûlé'", result.Reason, StringComparison.Ordinal);
        Assert.Contains("'avocat'", result.Reason, StringComparison.Ordinal);
        Assert.StartsWith("P2:", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_CriticalRiskFromLargeAudience_P1()
    {
        var result = _triager.Assess(TestTriage.Mention("Is Lumio going to recall the K2 kettle?", reach: 250_000));

        Assert.Equal(Severity.P1, result.Severity);
        Assert.Contains("reach 250,000", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_NonCriticalRisk_P3()
    {
        var result = _triager.Assess(TestTriage.Mention("A journalist asked me about Lumio"));

        Assert.Equal(Severity.P3, result.Severity);
    }

    [Fact]
    public void Assess_NoLanguageTag_GuessesFrench()
    {
        var result = _triager.Assess(TestTriage.Mention("Je ne sais pas si la bouilloire est dans le magasin"));

        Assert.Equal("fr", result.Language);
    }

    [Fact]
    public void Assess_SourceLanguageTag_Wins()
    {
        var result = _triager.Assess(TestTriage.Mention("Je ne sais pas", language: "en"));

        Assert.Equal("en", result.Language);
    }

    [Fact]
    public void Assess_NeutralToneComplaint_AtLeastP3_ReasonNamesCues()
    {
        var result = _triager.Assess(TestTriage.Mention("My order never arrived, can you check?", language: "en"));

        Assert.True(result.IsComplaint);
        Assert.Equal(Severity.P3, result.Severity);
        Assert.Contains("never arrived", result.ComplaintCues!);
        Assert.Contains("complaint ('never arrived'", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_Praise_NotComplaint()
    {
        var result = _triager.Assess(TestTriage.Mention("I love my new Lumio toaster, great design"));

        Assert.False(result.IsComplaint);
        Assert.Empty(result.ComplaintCues!);
    }
}
