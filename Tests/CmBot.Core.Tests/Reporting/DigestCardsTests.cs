using CmBot.Core.Chat;
using CmBot.Core.Reporting;
using static CmBot.Core.Tests.Reporting.BusinessHoursTests;

namespace CmBot.Core.Tests.Reporting;

public sealed class DigestCardsTests
{
    private static ReportKpis Kpis()
    {
        var week = ScriptedWeek.Play();
        var now = week.Time.GetUtcNow();
        return new ReportCalculator(SlaPolicyTests.Policy, Paris).Compute(week.Facts, ReportPeriod.Ending(now, TimeSpan.FromDays(7)), now);
    }

    [Fact]
    public void Build_English_HasHeadlineFigures()
    {
        var card = DigestCards.Build(Kpis(), "en", Paris);

        Assert.Equal("CmBot report", card.Title);
        Assert.Contains(new CardFact("Mentions", "9"), card.Facts);
        Assert.Contains(new CardFact("Incidents", "5 (P1 1 · P2 2 · P3 1 · P4 1)"), card.Facts);
        Assert.Contains(new CardFact("Within SLA", "75%"), card.Facts);
        Assert.Contains(new CardFact("Time to acknowledge (p50 / p90)", "1 h 30 / 2.2 d"), card.Facts);
        Assert.Contains(new CardFact("Escalations", "level 1: 2 · level 2: 1"), card.Facts);
        Assert.Contains("safety (3)", Assert.Single(card.Texts).Text, StringComparison.Ordinal);
        Assert.Contains("23 Nov 2026 12:00", card.Status, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_French_UsesFrenchWords()
    {
        var card = DigestCards.Build(Kpis(), "fr", Paris);

        Assert.Equal("Rapport CmBot", card.Title);
        Assert.Contains(card.Facts, f => f.Label == "Bruit" && f.Value.Contains("écartés", StringComparison.Ordinal));
        Assert.Contains(card.Facts, f => f.Label == "Tonalité" && f.Value.Contains("négatives", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(30, "30 s")]
    [InlineData(600, "10 min")]
    [InlineData(3900, "1 h 05")]
    [InlineData(259200, "3 d")]
    public void Duration_Formats_ShortAndReadable(int seconds, string expected)
    {
        Assert.Equal(expected, DigestCards.Duration(TimeSpan.FromSeconds(seconds), "-"));
    }
}
