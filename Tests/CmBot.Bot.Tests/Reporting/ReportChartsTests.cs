using CmBot.Bot.Reporting;
using CmBot.Core.Incidents;
using CmBot.Core.Reporting;
using SkiaSharp;

namespace CmBot.Bot.Tests.Reporting;

public sealed class ReportChartsTests
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 11, 0, 0, TimeSpan.Zero);

    private static ReportKpis Kpis(bool withData)
    {
        var mentions = new List<MentionFact>();
        var incidents = new List<IncidentFact>();
        if (withData)
        {
            for (var i = 0; i < 60; i++)
            {
                mentions.Add(new MentionFact(Guid.NewGuid(), i % 3 == 0 ? "rss" : "replay", Now.AddHours(-i * 2.5), (i % 5 - 2) / 3.0, [], Severity.P4, null));
            }

            for (var i = 0; i < 8; i++)
            {
                var opened = Now.AddHours(-i * 15);
                incidents.Add(new IncidentFact(Guid.NewGuid(), i + 1, "k", (Severity)(i % 4 + 1), IncidentStatus.Acknowledged, opened, opened.AddMinutes(7 * i * i), 1));
            }
        }

        var policy = new SlaPolicy([new SlaTarget(Severity.P1, TimeSpan.FromHours(1), BusinessHours.AlwaysOn(Paris))]);
        return new ReportCalculator(policy, Paris).Compute(new ReportFacts(mentions, incidents, [], [], []), ReportPeriod.Ending(Now, TimeSpan.FromDays(7)), Now);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("fr")]
    public void Render_WeekOfData_ThreeValidPngs(string language)
    {
        var charts = ReportCharts.Render(Kpis(withData: true), language, Paris);

        Assert.Equal(["volume-sentiment.png", "time-to-acknowledge.png", "incidents-by-severity.png"], charts.Select(c => c.FileName));
        Assert.All(charts, c => PngAssert.Valid(c.Png, ReportCharts.Width, ReportCharts.Height));
    }

    [Fact]
    public void IncidentsBySeverity_TwoP1_DrawsTheP1Colour()
    {
        var png = ReportCharts.IncidentsBySeverity(Kpis(withData: true), french: false);

        Assert.True(PngAssert.Count(png, SKColor.Parse("#d32f2f")) > 100, "the P1 bar is missing");
    }

    [Fact]
    public void Render_EmptyPeriod_StillProducesImages()
    {
        var charts = ReportCharts.Render(Kpis(withData: false), "en", Paris);

        Assert.All(charts, c => PngAssert.Valid(c.Png, ReportCharts.Width, ReportCharts.Height));
    }
}
