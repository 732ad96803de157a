using CmBot.Core.Common;
using CmBot.Core.Incidents;
using CmBot.Core.Tests.People;
using CmBot.Core.Tests.Triage;
using CmBot.Core.Triage;

namespace CmBot.Core.Tests.Incidents;

public sealed class IncidentLifecycleTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 15, 0, 0, TimeSpan.Zero);
    private readonly Triager _triager = TestTriage.Create(new TriagePolicy { BurstCount = 5, BurstWindow = TimeSpan.FromHours(1) });

    private Incident Open()
    {
        var first = _triager.Assess(TestTriage.Mention("La bouilloire K2 a brûlé ma main", language: "fr"));
        return Incident.Open(Guid.NewGuid(), 7, IncidentGrouping.KeyFor(first), "Safety", first, 120, Start);
    }

    [Fact]
    public void Assign_ToMe_SetsOwnerAndBumpsVersion()
    {
        var incident = Open();
        var before = incident.Version;

        incident.Assign(Team.Camille, Team.Camille);

        Assert.Equal("camille", incident.AssignedTo);
        Assert.True(incident.Version > before);
    }

    [Fact]
    public void Assign_CommunityManagerToSomeoneElse_RefusedInFrench()
    {
        var incident = Open();

        var ex = Assert.Throws<DomainRuleException>(() => incident.Assign(Team.Camille, Team.Hugo, IncidentTexts.French));

        Assert.Equal("forbidden", ex.Code);
        Assert.Contains("lead", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Assign_LeadToLegal_RefusedBecauseLegalCannotOwn()
    {
        var ex = Assert.Throws<DomainRuleException>(() => Open().Assign(Team.Hugo, Team.Ines));

        Assert.Contains("Inès", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_Acknowledged_ClosesWithWho()
    {
        var incident = Open();
        incident.Acknowledge(Team.Camille, Start.AddMinutes(1));

        incident.Resolve(Team.Camille, Start.AddMinutes(30));

        Assert.Equal(IncidentStatus.Resolved, incident.Status);
        Assert.Equal("camille", incident.ClosedBy);
        Assert.False(incident.IsActive);
    }

    [Fact]
    public void Dismiss_WithReason_KeepsReasonForNoiseReport()
    {
        var incident = Open();

        incident.Dismiss(Team.Hugo, DismissReason.FalsePositive, Start.AddMinutes(2));

        Assert.Equal(IncidentStatus.Dismissed, incident.Status);
        Assert.Equal(DismissReason.FalsePositive, incident.DismissReason);
    }

    [Fact]
    public void Dismiss_ByLegal_Refused()
    {
        var ex = Assert.Throws<DomainRuleException>(() => Open().Dismiss(Team.Ines, DismissReason.Noise, Start));

        Assert.Equal("forbidden", ex.Code);
    }

    [Fact]
    public void Resolve_AlreadyDismissed_RefusedWithState()
    {
        var incident = Open();
        incident.Dismiss(Team.Camille, DismissReason.Duplicate, Start);

        var ex = Assert.Throws<DomainRuleException>(() => incident.Resolve(Team.Camille, Start, IncidentTexts.French));

        Assert.Equal("state", ex.Code);
        Assert.Contains("écarté", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReopenFor_CriticalMentionSoonAfterResolve_OpensAgain()
    {
        var incident = Open();
        incident.Acknowledge(Team.Camille, Start);
        incident.Resolve(Team.Camille, Start.AddMinutes(10));
        var critical = _triager.Assess(TestTriage.Mention("La bouilloire K2 a encore brûlé ma main", language: "fr"));

        var reopened = incident.ReopenFor(critical, Start.AddHours(2), TimeSpan.FromHours(24));

        Assert.True(reopened);
        Assert.Equal(IncidentStatus.Open, incident.Status);
        Assert.Null(incident.AcknowledgedBy);
    }

    [Fact]
    public void ReopenFor_DismissedOrTooLate_StaysClosed()
    {
        var dismissed = Open();
        dismissed.Dismiss(Team.Camille, DismissReason.Noise, Start);
        var resolved = Open();
        resolved.Resolve(Team.Camille, Start);
        var critical = _triager.Assess(TestTriage.Mention("La bouilloire K2 a encore brûlé ma main", language: "fr"));

        Assert.False(dismissed.ReopenFor(critical, Start.AddMinutes(5), TimeSpan.FromHours(24)));
        Assert.False(resolved.ReopenFor(critical, Start.AddDays(2), TimeSpan.FromHours(24)));
    }
}
