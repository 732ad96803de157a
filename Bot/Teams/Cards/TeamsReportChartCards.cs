using CmBot.Bot.Reporting;
using CmBot.Core.Chat;

namespace CmBot.Bot.Teams.Cards;

/// <summary>Teams shows a digest's charts as one card per chart, the PNG inline and sized under the message limit.</summary>
public sealed class TeamsReportChartCards : IReportChartCards
{
    public string Platform => TeamsOptions.PlatformName;

    public IReadOnlyList<Card> CardsFor(RenderedReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return ReportCards.Charts(report.Kpis, report.Language, report.Zone);
    }
}
