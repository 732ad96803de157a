using CmBot.Bot.Hosting;
using CmBot.Bot.Reporting;
using CmBot.Core.Incidents;
using Microsoft.Extensions.Configuration;

namespace CmBot.Bot.Tests.Reporting;

public sealed class ReportingSettingsTests
{
    private static ReportingSettings From(params (string Key, string Value)[] settings) =>
        ReportingSettings.From(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>($"Reporting:{s.Key}", s.Value)))
            .Build());

    [Fact]
    public void From_NothingConfigured_UsesDefaults()
    {
        var settings = From();

        Assert.Equal("Europe/Paris", settings.Zone.Id);
        Assert.Equal(TimeSpan.FromHours(1), settings.Sla.For(Severity.P1)!.Target);
        Assert.True(settings.Sla.For(Severity.P1)!.Hours.IsAlwaysOn);
        Assert.False(settings.Sla.For(Severity.P2)!.Hours.IsAlwaysOn);
        Assert.Equal(5, settings.Hours.Days.Count);
    }

    [Fact]
    public void From_CustomTargets_OnlyThoseSeveritiesAreMeasured()
    {
        var settings = From(("Sla:P2", "2h"), ("BusinessDays:0", "Sat"), ("BusinessStart", "10:00"), ("BusinessEnd", "24:00"), ("TimeZone", "America/Montreal"));

        Assert.Equal(TimeSpan.FromHours(2), settings.Sla.For(Severity.P2)!.Target);
        Assert.Null(settings.Sla.For(Severity.P3));
        Assert.Equal([DayOfWeek.Saturday], settings.Hours.Days);
        Assert.Equal(TimeOnly.MaxValue, settings.Hours.End);
    }

    [Theory]
    [InlineData("TimeZone", "Mars/Olympus", "Reporting:TimeZone")]
    [InlineData("BusinessDays:0", "Someday", "Reporting:BusinessDays")]
    [InlineData("BusinessStart", "9h", "Reporting:BusinessStart")]
    [InlineData("BusinessEnd", "08:00", "Reporting:BusinessEnd")]
    [InlineData("Holidays:0", "25/12/2026", "Reporting:Holidays:0")]
    [InlineData("Sla:P2", "soon", "Reporting:Sla:P2")]
    [InlineData("Sla:P7", "1h", "Reporting:Sla:P7")]
    [InlineData("AroundTheClock:0", "urgent", "Reporting:AroundTheClock")]
    [InlineData("SlaAlerts:ScanSeconds", "1", "Reporting:SlaAlerts:ScanSeconds")]
    public void From_Mistake_NamesTheKey(string key, string value, string expectedKey)
    {
        var ex = Assert.Throws<ConfigurationException>(() => From((key, value)));

        Assert.Contains(expectedKey, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_SlaAlerts_OnByDefaultEveryMinuteAndCanBeSwitchedOff()
    {
        Assert.Equal(TimeSpan.FromMinutes(1), From().SlaScan);
        Assert.Equal(TimeSpan.FromSeconds(30), From(("SlaAlerts:ScanSeconds", "30")).SlaScan);
        Assert.Null(From(("SlaAlerts:Enabled", "false")).SlaScan);
    }

    [Fact]
    public void From_DigestForUnknownAudience_NamesTheKeyAndTheChoices()
    {
        var ex = Assert.Throws<ConfigurationException>(() => From(("Digests:weekly:Cron", "0 0 9 ? * MON"), ("Digests:weekly:Channel", "Board")));

        Assert.Contains("Reporting:Digests:weekly:Channel", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Leads", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Leads")]
    [InlineData("Ceo")]
    public void From_DigestForLeadsOrCeo_Accepted(string audience)
    {
        var settings = From(("Digests:weekly:Cron", "0 0 9 ? * MON"), ("Digests:weekly:Period", "7d"), ("Digests:weekly:Channel", audience));

        Assert.Equal(audience, Assert.Single(settings.Schedules).Channel);
    }
}
