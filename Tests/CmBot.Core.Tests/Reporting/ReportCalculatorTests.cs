using CmBot.Core.Incidents;
using CmBot.Core.Reporting;
using static CmBot.Core.Tests.Reporting.BusinessHoursTests;

namespace CmBot.Core.Tests.Reporting;

public sealed class ReportCalculatorTests
{
    private static readonly ScriptedWeek Week = ScriptedWeek.Play();
    private static readonly DateTimeOffset Now = Week.Time.GetUtcNow();
    private static readonly ReportKpis Kpis = new ReportCalculator(SlaPolicyTests.Policy, Paris)
        .Compute(Week.Facts, ReportPeriod.Ending(Now, TimeSpan.FromDays(7)), Now);

    [Fact]
    public void Compute_ScriptedWeek_CountsMentionsInThePeriodBySource()
    {
        Assert.Equal(9, Kpis.MentionCount);
        Assert.Equal([new Count("replay", 4), new Count("rss", 3), new Count("mastodon", 2)], Kpis.VolumeBySource);
    }

    [Fact]
    public void Compute_ScriptedWeek_SplitsSentimentAndMeasuresTrend()
    {
        Assert.Equal(3, Kpis.Sentiment.Positive);
        Assert.Equal(1, Kpis.Sentiment.Neutral);
        Assert.Equal(5, Kpis.Sentiment.Negative);
        Assert.Equal(-0.4 / 9, Kpis.Sentiment.Average!.Value, 6);

        // First half (to Friday 00:00): -0.16 average; second half: +0.1.
        Assert.Equal(0.26, Kpis.SentimentTrend!.Value, 6);
    }

    [Fact]
    public void Compute_ScriptedWeek_BucketsTheTimelineByParisDay()
    {
        Assert.Equal(8, Kpis.Timeline.Count);
        Assert.Equal(At(11, 23, 0), Kpis.Timeline[0].Start);
        Assert.Equal(3, Kpis.Timeline[0].Mentions);
        Assert.Equal(2, Kpis.Timeline[0].Negative);
        Assert.Equal(0, Kpis.Timeline[1].Mentions);
        Assert.Null(Kpis.Timeline[1].AverageSentiment);
        Assert.Equal(Kpis.MentionCount, Kpis.Timeline.Sum(p => p.Mentions));
    }

    [Fact]
    public void Compute_ScriptedWeek_RanksTopicsAndRisks()
    {
        Assert.Equal([new Count("safety", 3), new Count("k2-kettle", 1), new Count("legal", 1), new Count("praise", 1)], Kpis.TopTopics);
        Assert.Equal([new Count("safety", 3), new Count("legal", 1)], Kpis.TopRiskCategories);
    }

    [Fact]
    public void Compute_ScriptedWeek_CountsIncidentsBySeverity()
    {
        Assert.Equal(5, Kpis.IncidentCount);
        Assert.Equal(1, Kpis.IncidentsBySeverity[Severity.P1]);
        Assert.Equal(2, Kpis.IncidentsBySeverity[Severity.P2]);
        Assert.Equal(1, Kpis.IncidentsBySeverity[Severity.P3]);
        Assert.Equal(1, Kpis.IncidentsBySeverity[Severity.P4]);
    }

    [Fact]
    public void Compute_ScriptedWeek_ResponseTimePercentiles()
    {
        // Acknowledged after 30 min, 90 min and 65 h (Friday evening to Monday morning, in wall time).
        Assert.Equal(3, Kpis.TimeToAcknowledge.Count);
        Assert.Equal(TimeSpan.FromMinutes(90), Kpis.TimeToAcknowledge.P50);
        Assert.Equal(TimeSpan.FromHours(1.5 + (0.8 * 63.5)), Kpis.TimeToAcknowledge.P90);
        Assert.Equal(TimeSpan.FromMinutes(72.5), Kpis.TimeToFirstDraft.P50);
        Assert.Equal(TimeSpan.FromMinutes(127.5), Kpis.TimeToApproval.P50);
        Assert.Equal(TimeSpan.FromMinutes(142.5), Kpis.TimeToPublish.P50);
        Assert.Equal(TimeSpan.FromMinutes(90 + (0.9 * 105)), Kpis.TimeToPublish.P90);
    }

    [Fact]
    public void Compute_ScriptedWeek_ApprovalLatencyPerRole()
    {
        var legal = Assert.Single(Kpis.ApprovalLatencyByRole);
        Assert.Equal("legal", legal.Role);
        Assert.Equal(3, legal.Latency.Count);
        Assert.Equal(TimeSpan.FromMinutes(60), legal.Latency.P50);
        Assert.Equal(TimeSpan.FromMinutes(76), legal.Latency.P90);
    }

    [Fact]
    public void Compute_ScriptedWeek_SlaInBusinessHours()
    {
        Assert.Equal(4, Kpis.Sla.Measured);
        Assert.Equal(2, Kpis.Sla.Met);
        Assert.Equal(1, Kpis.Sla.Breached);
        Assert.Equal(1, Kpis.Sla.Warning75);
        Assert.Equal(0.75, Kpis.Sla.Compliance);
        var fridayP3 = Kpis.Sla.Verdicts.Single(v => v.IncidentId == Week.C);
        Assert.Equal(TimeSpan.FromHours(2), fridayP3.Used);
        Assert.Equal(SlaState.Ok, fridayP3.State);
        var stillOpen = Kpis.Sla.Verdicts.Single(v => v.IncidentId == Week.E);
        Assert.Equal(SlaState.Warning75, stillOpen.State);
        Assert.Equal(At(11, 30, 13), stillOpen.DueAt);
        Assert.Equal(SlaState.Breached, Kpis.Sla.Verdicts.Single(v => v.IncidentId == Week.B).State);
    }

    [Fact]
    public void Compute_ScriptedWeek_NoiseAndEscalations()
    {
        Assert.Equal(1, Kpis.DismissedCount);
        Assert.Equal(0.2, Kpis.NoiseRatio);
        Assert.Equal([new LevelCount(1, 2), new LevelCount(2, 1)], Kpis.EscalationsByLevel);
    }

    [Fact]
    public void Compute_EmptyPeriod_HasNoFiguresButNoErrors()
    {
        var kpis = new ReportCalculator(SlaPolicyTests.Policy, Paris).Compute(ReportFacts.Empty, ReportPeriod.Ending(Now, TimeSpan.FromDays(1)), Now);

        Assert.Equal(0, kpis.MentionCount);
        Assert.Null(kpis.NoiseRatio);
        Assert.Null(kpis.Sla.Compliance);
        Assert.Null(kpis.TimeToAcknowledge.P50);
        Assert.Equal(24, kpis.Timeline.Count);
    }

    [Fact]
    public void Percentiles_Of_InterpolatesBetweenRanks()
    {
        Assert.Equal(15, Percentiles.Of([10, 20], 0.5));
        Assert.Equal(7, Percentiles.Of([7], 0.9));
        Assert.Equal(91, Percentiles.Of([.. Enumerable.Range(1, 101).Select(i => (long)i)], 0.9));
    }
}
