using CmBot.Bot.Hosting;
using CmBot.Core.Chat;
using CmBot.Core.Reporting;
using Microsoft.Extensions.Options;

namespace CmBot.Bot.Reporting;

/// <summary>A report ready to send or write: the figures, the digest card and its charts.</summary>
public sealed record RenderedReport(ReportKpis Kpis, Card Card, IReadOnlyList<ChartImage> Charts, string Language, TimeZoneInfo Zone);

/// <summary>Loads a period, computes its KPIs, and renders the digest card and charts in the configured language.</summary>
public sealed class ReportService(ReportFactsLoader loader, ReportingSettings settings, IOptions<CmBotOptions> options, TimeProvider time)
{
    public Task<RenderedReport> BuildAsync(TimeSpan length, CancellationToken cancellationToken) =>
        BuildAsync(ReportPeriod.Ending(time.GetUtcNow(), length), cancellationToken);

    public async Task<RenderedReport> BuildAsync(ReportPeriod period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        var now = time.GetUtcNow();
        var facts = await loader.LoadAsync(period, cancellationToken);
        var kpis = settings.Calculator().Compute(facts, period, now);
        var language = options.Value.Language;
        return new RenderedReport(kpis, DigestCards.Build(kpis, language, settings.Zone), ReportCharts.Render(kpis, language, settings.Zone), language, settings.Zone);
    }
}
