using CmBot.Core.Incidents;
using CmBot.Core.Reporting;
using ScottPlot;

namespace CmBot.Bot.Reporting;

/// <summary>One rendered chart: a file name for uploads and exports, and the PNG bytes.</summary>
public sealed record ChartImage(string FileName, string Title, byte[] Png);

/// <summary>
/// Draws a report's charts as PNG with ScottPlot (SkiaSharp underneath; the Linux native assets ship with it, so
/// rendering works headless). Titles follow the configured language.
/// </summary>
public static class ReportCharts
{
    public const int Width = 800;
    public const int Height = 400;

    /// <summary>Upper bounds of the time-to-acknowledge buckets; the last bucket is open.</summary>
    private static readonly TimeSpan[] ResponseBuckets =
        [TimeSpan.FromMinutes(15), TimeSpan.FromHours(1), TimeSpan.FromHours(4), TimeSpan.FromDays(1)];

    private static readonly Color[] SeverityColors =
        [Color.FromHex("#d32f2f"), Color.FromHex("#f57c00"), Color.FromHex("#fbc02d"), Color.FromHex("#90a4ae")];

    public static IReadOnlyList<ChartImage> Render(ReportKpis kpis, string language, TimeZoneInfo zone, int width = Width, int height = Height)
    {
        ArgumentNullException.ThrowIfNull(kpis);
        return [.. Names.Select(name => RenderOne(name, kpis, language, zone, width, height))];
    }

    /// <summary>The charts' file names, in the order <see cref="Render"/> returns them.</summary>
    public static readonly IReadOnlyList<string> Names = ["volume-sentiment.png", "time-to-acknowledge.png", "incidents-by-severity.png"];

    /// <summary>One chart by file name, at a given size (smaller for platforms with tight message limits).</summary>
    public static ChartImage RenderOne(string name, ReportKpis kpis, string language, TimeZoneInfo zone, int width = Width, int height = Height)
    {
        ArgumentNullException.ThrowIfNull(kpis);
        var fr = language == "fr";
        return name switch
        {
            "volume-sentiment.png" => new(name, fr ? "Volume et tonalité" : "Volume and sentiment", VolumeAndSentiment(kpis, fr, zone, width, height)),
            "time-to-acknowledge.png" => new(name, fr ? "Délai de prise en charge" : "Time to acknowledge", ResponseTimes(kpis, fr, width, height)),
            "incidents-by-severity.png" => new(name, fr ? "Incidents par sévérité" : "Incidents by severity", IncidentsBySeverity(kpis, fr, width, height)),
            _ => throw new ArgumentException($"No chart named '{name}'.", nameof(name)),
        };
    }

    /// <summary>Mentions per bucket as bars, average sentiment (-1..1) as a line on the right axis.</summary>
    public static byte[] VolumeAndSentiment(ReportKpis kpis, bool french, TimeZoneInfo zone, int width = Width, int height = Height)
    {
        ArgumentNullException.ThrowIfNull(kpis);
        ArgumentNullException.ThrowIfNull(zone);
        using var plot = new Plot();
        var points = kpis.Timeline;
        var positions = Enumerable.Range(0, points.Count).Select(i => (double)i).ToArray();
        var bars = plot.Add.Bars(positions, [.. points.Select(p => (double)p.Mentions)]);
        bars.Color = Color.FromHex("#1976d2");
        bars.LegendText = french ? "Mentions" : "Mentions";
        var negative = plot.Add.Bars(positions, [.. points.Select(p => (double)p.Negative)]);
        negative.Color = Color.FromHex("#e53935");
        negative.LegendText = french ? "Négatives" : "Negative";

        var withSentiment = points.Select((p, i) => (i, p.AverageSentiment)).Where(x => x.AverageSentiment is not null).ToList();
        if (withSentiment.Count > 0)
        {
            var line = plot.Add.Scatter(
                withSentiment.Select(x => (double)x.i).ToArray(),
                withSentiment.Select(x => x.AverageSentiment!.Value).ToArray());
            line.Axes.YAxis = plot.Axes.Right;
            line.Color = Color.FromHex("#2e7d32");
            line.LineWidth = 2;
            line.MarkerSize = 6;
            line.LegendText = french ? "Tonalité moyenne" : "Average sentiment";
            plot.Axes.Right.Label.Text = french ? "Tonalité (-1..1)" : "Sentiment (-1..1)";
            plot.Axes.Rules.Add(new ScottPlot.AxisRules.LockedVertical(plot.Axes.Right, -1, 1));
        }

        var hourly = points.Count > 1 && points[1].Start - points[0].Start < TimeSpan.FromDays(1);
        var step = Math.Max(1, points.Count / 12);
        var ticks = points.Select((p, i) => (i, p.Start)).Where(x => x.i % step == 0).ToList();
        plot.Axes.Bottom.SetTicks(
            [.. ticks.Select(x => (double)x.i)],
            [.. ticks.Select(x => TimeZoneInfo.ConvertTime(x.Start, zone).ToString(hourly ? "HH:mm" : "dd/MM", System.Globalization.CultureInfo.InvariantCulture))]);
        plot.Axes.Margins(bottom: 0);
        plot.Title(french ? "Volume et tonalité" : "Volume and sentiment");
        plot.YLabel("Mentions");
        plot.ShowLegend(Alignment.UpperLeft);
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    /// <summary>How many incidents were acknowledged within 15 min, 1 h, 4 h, 1 day, or later.</summary>
    public static byte[] ResponseTimes(ReportKpis kpis, bool french, int width = Width, int height = Height)
    {
        ArgumentNullException.ThrowIfNull(kpis);
        using var plot = new Plot();
        var counts = new double[ResponseBuckets.Length + 1];
        foreach (var time in kpis.AcknowledgeTimes)
        {
            var bucket = Array.FindIndex(ResponseBuckets, limit => time <= limit);
            counts[bucket < 0 ? ResponseBuckets.Length : bucket]++;
        }

        var bars = plot.Add.Bars(counts);
        bars.Color = Color.FromHex("#5e35b1");
        string[] labels = french ? ["≤ 15 min", "≤ 1 h", "≤ 4 h", "≤ 1 j", "> 1 j"] : ["≤ 15 min", "≤ 1 h", "≤ 4 h", "≤ 1 d", "> 1 d"];
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, labels.Length).Select(i => (double)i)], labels);
        plot.Axes.Margins(bottom: 0);
        plot.Title(french ? "Délai de prise en charge" : "Time to acknowledge");
        plot.YLabel("Incidents");
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    public static byte[] IncidentsBySeverity(ReportKpis kpis, bool french, int width = Width, int height = Height)
    {
        ArgumentNullException.ThrowIfNull(kpis);
        using var plot = new Plot();
        var severities = Enum.GetValues<Severity>();
        var bars = severities.Select((s, i) => new Bar
        {
            Position = i,
            Value = kpis.IncidentsBySeverity.GetValueOrDefault(s),
            FillColor = SeverityColors[i],
        }).ToList();
        plot.Add.Bars(bars);
        plot.Axes.Bottom.SetTicks([.. severities.Select((_, i) => (double)i)], [.. severities.Select(s => s.ToString())]);
        plot.Axes.Margins(bottom: 0);
        plot.Title(french ? "Incidents par sévérité" : "Incidents by severity");
        plot.YLabel("Incidents");
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }
}
