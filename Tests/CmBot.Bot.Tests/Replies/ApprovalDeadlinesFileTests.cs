using CmBot.Bot.Hosting;
using CmBot.Bot.Replies;
using CmBot.Core.Incidents;
using CmBot.Core.Reporting;

namespace CmBot.Bot.Tests.Replies;

/// <summary>The deadlines section of approvals.yaml: the sample loads, mistakes stop start-up with file, key and reason.</summary>
public sealed class ApprovalDeadlinesFileTests
{
    private static string Write(string yaml)
    {
        var path = Path.Combine(Path.GetTempPath(), $"approvals-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    [Fact]
    public void LoadDeadlines_Sample_P1FifteenMinutesDeputyPaul()
    {
        var deadlines = ApprovalsFile.LoadDeadlines(Path.Combine(AppContext.BaseDirectory, "samples", "approvals.yaml"));

        var p1 = deadlines.For(Severity.P1)!;
        Assert.Equal((TimeSpan.FromMinutes(15), 0.5, "paul"), (p1.Within, p1.RemindAt, p1.Deputy));
        Assert.Equal(TimeSpan.FromHours(2), deadlines.For(Severity.P2)!.Within);
        Assert.Null(deadlines.For(Severity.P4));
    }

    [Theory]
    [InlineData("deadlines:\n  P9: { within: 15m, deputy: paul }", "deadlines.P9", "severity")]
    [InlineData("deadlines:\n  P1: { within: soon, deputy: paul }", "deadlines.P1", "within")]
    [InlineData("deadlines:\n  P1: { within: 15m, remindAt: 1.5, deputy: paul }", "deadlines.P1", "remindAt")]
    [InlineData("deadlines:\n  P1: { within: 15m }", "deadlines.P1", "deputy")]
    [InlineData("deadlines:\n  P3: { within: 4h, deputy: comms, hours: weekdays }", "deadlines.P3", "'hours' is 'always'")]
    public void LoadDeadlines_Mistake_ConfigurationErrorWithKey(string yaml, string key, string reason)
    {
        var path = Write(yaml);
        try
        {
            var ex = Assert.Throws<ConfigurationException>(() => ApprovalsFile.LoadDeadlines(path));

            Assert.Contains(path, ex.Message, StringComparison.Ordinal);
            Assert.Contains(key, ex.Message, StringComparison.Ordinal);
            Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void LoadDeadlines_HoursBusiness_CountsInTheGivenBusinessHours()
    {
        var path = Write("deadlines:\n  P1: { within: 15m, deputy: paul }\n  P3: { within: 4h, deputy: comms, hours: business }");
        try
        {
            var office = new BusinessHours(TimeZoneInfo.Utc, [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], new TimeOnly(9, 0), new TimeOnly(18, 0));
            var deadlines = ApprovalsFile.LoadDeadlines(path, office);

            Assert.Null(deadlines.For(Severity.P1)!.Hours);
            Assert.Same(office, deadlines.For(Severity.P3)!.Hours);
            var fridayEvening = new DateTimeOffset(2026, 11, 27, 20, 0, 0, TimeSpan.Zero);
            Assert.Equal(new DateTimeOffset(2026, 11, 30, 13, 0, 0, TimeSpan.Zero), deadlines.For(Severity.P3)!.Times(fridayEvening).DueAt);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void LoadDeadlines_NoSection_None()
    {
        var path = Write("rules: []");
        try
        {
            Assert.Empty(ApprovalsFile.LoadDeadlines(path).BySeverity);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
