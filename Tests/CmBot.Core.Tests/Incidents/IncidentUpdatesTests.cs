using CmBot.Core.Incidents;

namespace CmBot.Core.Tests.Incidents;

public sealed class IncidentUpdatesTests
{
    [Theory]
    [InlineData(0, 9, new int[0])]
    [InlineData(9, 10, new[] { 10 })]
    [InlineData(10, 11, new int[0])]
    [InlineData(24, 60, new[] { 25, 50 })]
    [InlineData(0, 10_000, new[] { 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000 })]
    public void MilestonesCrossed_LogScale_BoundedDuringABurst(int before, int after, int[] expected) =>
        Assert.Equal(expected, IncidentUpdates.MilestonesCrossed(before, after));

    [Fact]
    public void Trend_Describe_ArrowAndBothHours()
    {
        Assert.Equal("↑ 38 in the last hour (12 the hour before)", new IncidentTrend(38, 12).Describe(IncidentUpdateLabels.English));
        Assert.Equal("↓ 2 sur la dernière heure (9 l'heure précédente)", new IncidentTrend(2, 9).Describe(IncidentUpdateLabels.French));
    }
}
