using CmBot.Bot.Reporting;
using CmBot.Core.Chat;

namespace CmBot.Bot.Sandbox;

/// <summary>
/// The sandbox shows a digest's charts inline in one card: each picture is served by the host for the digest's
/// exact period (<see cref="SandboxReportEndpoints.ChartUrl"/>), so the message stays small and the chart stays
/// the one of that digest however late it is opened.
/// </summary>
public sealed class SandboxReportChartCards : IReportChartCards
{
    public string Platform => SandboxChatPlatform.PlatformName;

    public IReadOnlyList<Card> CardsFor(RenderedReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return [new Card { Title = report.Language == "fr" ? "Graphiques" : "Charts", Images = Images(report) }];
    }

    public static IReadOnlyList<CardImage> Images(RenderedReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return [.. report.Charts.Select(c => new CardImage(SandboxReportEndpoints.ChartUrl(c.FileName, report.Kpis.Period), c.Title))];
    }
}
