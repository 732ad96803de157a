using System.Text;
using CmBot.Bot.Reporting;
using CmBot.Core.Chat;
using CmBot.Core.Reporting;
using SkiaSharp;

namespace CmBot.Bot.Teams.Cards;

/// <summary>
/// A report's charts as Adaptive Cards with the image inline (a data: URI, PNG or else JPEG): one card per chart, each drawn as large
/// as fits in <see cref="MaxChartCardBytes"/>, so the message stays under Teams' ~28 KB limit.
/// </summary>
public static class ReportCards
{
    public const string PngUrl = "data:image/png;base64,";
    public const string JpegUrl = "data:image/jpeg;base64,";
    private const int JpegQuality = 70;

    /// <summary>
    /// Budget of a chart card: Teams refuses bot messages over ~28 KB, and the activity around a card that holds
    /// only a title and an image takes well under 2 KB.
    /// </summary>
    public const int MaxChartCardBytes = 26 * 1024;

    /// <summary>Sizes tried from the largest down; the smallest still shows bars and labels.</summary>
    private static readonly (int Width, int Height)[] Sizes = [(800, 400), (640, 320), (560, 280), (480, 240), (400, 200), (320, 160), (280, 140), (240, 120)];

    public static IReadOnlyList<Card> Charts(ReportKpis kpis, string language, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(kpis);
        return [.. ReportCharts.Names.Select(name => Fitted(name, kpis, language, zone))];
    }

    private static Card Fitted(string name, ReportKpis kpis, string language, TimeZoneInfo zone)
    {
        string? title = null;
        foreach (var (width, height) in Sizes)
        {
            var chart = ReportCharts.RenderOne(name, kpis, language, zone, width, height);
            title = chart.Title;

            // PNG keeps lines sharp; a busy chart whose PNG is too heavy goes as JPEG at the same size first.
            foreach (var url in (IEnumerable<string>)[PngUrl + Convert.ToBase64String(chart.Png), JpegUrl + Convert.ToBase64String(ToJpeg(chart.Png))])
            {
                var card = new Card { Title = chart.Title, Images = [new CardImage(url, chart.Title)] };
                if (Encoding.UTF8.GetByteCount(AdaptiveCardRenderer.Render(card).ToJsonString()) <= MaxChartCardBytes)
                {
                    return card;
                }
            }
        }

        // Even the smallest drawing is too large (a very busy timeline): say so rather than fail the whole message.
        return new Card { Title = title ?? name, Status = language == "fr" ? "Graphique trop lourd pour Teams." : "Chart too large for Teams." };
    }

    private static byte[] ToJpeg(byte[] png)
    {
        using var bitmap = SKBitmap.Decode(png);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, JpegQuality);
        return data.ToArray();
    }
}
