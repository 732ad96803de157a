using CmBot.Core.Chat.Commands;
using CmBot.Core.Incidents;

namespace CmBot.Core.Tests.Chat.Commands;

public sealed class ActivityReportTests
{
    [Fact]
    public void Median_NoDurations_Null() => Assert.Null(ActivityReport.Median([]));

    [Fact]
    public void Median_OddCount_MiddleValueWhateverTheOrder() =>
        Assert.Equal(TimeSpan.FromMinutes(10), ActivityReport.Median([TimeSpan.FromHours(9), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10)]));

    [Fact]
    public void Median_EvenCount_MeanOfTheTwoMiddleValues() =>
        Assert.Equal(
            TimeSpan.FromMinutes(15),
            ActivityReport.Median([TimeSpan.FromMinutes(40), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(20)]));

    [Fact]
    public void Mentions_BySeverity_SumsAndMissingSeverityIsZero()
    {
        var report = new ActivityReport(TimeSpan.FromDays(7), new Dictionary<Severity, int> { [Severity.P1] = 3, [Severity.P4] = 9 }, 1, 0, null);

        Assert.Equal(12, report.Mentions);
        Assert.Equal(0, report.MentionsAt(Severity.P2));
        Assert.Equal(3, report.MentionsAt(Severity.P1));
    }
}
