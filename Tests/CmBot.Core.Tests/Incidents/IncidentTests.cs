using CmBot.Core.Common;
using CmBot.Core.Incidents;
using CmBot.Core.Tests.People;
using CmBot.Core.Tests.Triage;
using CmBot.Core.Triage;

namespace CmBot.Core.Tests.Incidents;

public sealed class IncidentTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 15, 0, 0, TimeSpan.Zero);
    private readonly Triager _triager = TestTriage.Create(new TriagePolicy { BurstCount = 5, BurstWindow = TimeSpan.FromHours(1) });

    private Incident OpenSafetyIncident()
    {
        var first = _triager.Assess(TestTriage.Mention("La bouilloire K2 a brûlé ma main", language: "fr"));
        return Incident.Open(Guid.NewGuid(), 1, IncidentGrouping.KeyFor(first), "Safety", first, 120, Start);
    }

    [Fact]
    public void Open_FirstMention_CountsAndKeepsReason()
    {
        var incident = OpenSafetyIncident();

        Assert.Equal(1, incident.MentionCount);
        Assert.Equal(120, incident.TotalReach);
        Assert.Equal(Severity.P2, incident.Severity);
        Assert.Equal(IncidentStatus.Open, incident.Status);
        Assert.Equal("safety", incident.RiskCategories);
    }

    [Fact]
    public void Join_MoreSevereMention_RaisesSeverity()
    {
        var incident = OpenSafetyIncident();
        var urgent = _triager.Assess(TestTriage.Mention("Lumio K2 recall? my lawyer says yes", reach: 300_000));

        var raised = incident.Join(urgent, 300_000, Start.AddMinutes(3));

        Assert.True(raised);
        Assert.Equal(Severity.P1, incident.Severity);
        Assert.Equal("safety,legal", incident.RiskCategories);
    }

    [Fact]
    public void ApplyBurst_BelowThreshold_Unchanged()
    {
        var incident = OpenSafetyIncident();

        Assert.False(incident.ApplyBurst(4, _triager.Policy));
        Assert.Equal(Severity.P2, incident.Severity);
    }

    [Fact]
    public void ApplyBurst_AtThreshold_P1WithReadableReason()
    {
        var incident = OpenSafetyIncident();

        Assert.True(incident.ApplyBurst(5, _triager.Policy));

        Assert.Equal(Severity.P1, incident.Severity);
        Assert.StartsWith("P1: Safety / recall ('brûlé')", incident.Reason, StringComparison.Ordinal);
        Assert.Contains("5 mentions in 60 min", incident.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ApplyBurst_DefaultPolicy_IsTodaysRule()
    {
        var policy = new TriagePolicy();
        var incident = OpenSafetyIncident();

        Assert.False(incident.ApplyBurst(14, policy));
        Assert.Equal(Severity.P2, incident.Severity);
        Assert.True(incident.ApplyBurst(15, policy));
        Assert.Equal(Severity.P1, incident.Severity);
        Assert.EndsWith("+ 15 mentions in 60 min (threshold 15)", incident.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ApplyBurst_CustomRule_ClimbsToItsSeverityOnly()
    {
        var policy = new TriagePolicy { BurstCount = 3, BurstWindow = TimeSpan.FromMinutes(10), BurstSeverity = Severity.P3 }.Validated();
        var first = _triager.Assess(TestTriage.Mention("Lumio K2 is a lovely kettle", language: "en"));
        var incident = Incident.Open(Guid.NewGuid(), 2, "topic:k2", "K2", first, 10, Start);
        Assert.Equal(Severity.P4, incident.Severity);

        Assert.False(incident.ApplyBurst(2, policy));
        Assert.True(incident.ApplyBurst(3, policy));

        Assert.Equal(Severity.P3, incident.Severity);
        Assert.StartsWith("P3: ", incident.Reason, StringComparison.Ordinal);
        Assert.EndsWith("+ 3 mentions in 10 min (threshold 3)", incident.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ApplyBurst_AlreadyAsUrgentAsTheRule_Unchanged()
    {
        var policy = new TriagePolicy { BurstCount = 3, BurstSeverity = Severity.P3 };
        var incident = OpenSafetyIncident();
        var version = incident.Version;

        Assert.False(incident.ApplyBurst(50, policy));

        Assert.Equal(Severity.P2, incident.Severity);
        Assert.Equal(version, incident.Version);
    }

    [Theory]
    [InlineData(1, 60, Severity.P1, "BurstCount")]
    [InlineData(5, 0, Severity.P1, "BurstWindow")]
    [InlineData(5, 60 * 25, Severity.P1, "BurstWindow")]
    [InlineData(5, 60, Severity.P4, "BurstSeverity")]
    public void TriagePolicyValidated_BadBurstRule_NamesTheValue(int count, int minutes, Severity severity, string name)
    {
        var policy = new TriagePolicy { BurstCount = count, BurstWindow = TimeSpan.FromMinutes(minutes), BurstSeverity = severity };

        Assert.Equal(name, Assert.ThrowsAny<ArgumentException>(() => policy.Validated()).ParamName);
    }

    [Fact]
    public void Acknowledge_CommunityManager_RecordsWhoAndWhen()
    {
        var incident = OpenSafetyIncident();
        var versionBefore = incident.Version;

        incident.Acknowledge(Team.Camille, Start.AddMinutes(4));

        Assert.Equal(IncidentStatus.Acknowledged, incident.Status);
        Assert.Equal("camille", incident.AcknowledgedBy);
        Assert.Equal(Start.AddMinutes(4), incident.AcknowledgedAt);
        Assert.True(incident.Version > versionBefore);
    }

    [Fact]
    public void Acknowledge_Twice_Refused()
    {
        var incident = OpenSafetyIncident();
        incident.Acknowledge(Team.Camille, Start);

        var ex = Assert.Throws<DomainRuleException>(() => incident.Acknowledge(Team.Hugo, Start));

        Assert.Equal("state", ex.Code);
    }

    [Fact]
    public void Acknowledge_PersonWithoutRole_Refused()
    {
        var incident = OpenSafetyIncident();

        var ex = Assert.Throws<DomainRuleException>(() => incident.Acknowledge(Team.Stranger, Start));

        Assert.Equal("forbidden", ex.Code);
        Assert.Equal(IncidentStatus.Open, incident.Status);
    }

    [Fact]
    public void KeyFor_TopicMatched_GroupsByTopic()
    {
        var a = _triager.Assess(TestTriage.Mention("K2 recall?"));
        var b = _triager.Assess(TestTriage.Mention("mon avocat a vu la bouilloire", language: "fr"));

        Assert.Equal("topic:kettle-k2", IncidentGrouping.KeyFor(a));
        Assert.Equal(IncidentGrouping.KeyFor(a), IncidentGrouping.KeyFor(b));
    }

    [Fact]
    public void KeyFor_NoTopic_GroupsByMostCriticalRisk()
    {
        var result = _triager.Assess(TestTriage.Mention("a journalist and a lawyer walk in"));

        Assert.Equal("risk:legal", IncidentGrouping.KeyFor(result));
        Assert.Equal("Legal threat", IncidentGrouping.TitleFor(result, TestTriage.Topics));
    }
}
