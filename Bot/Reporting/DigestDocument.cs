using System.Net;
using System.Text;

namespace CmBot.Bot.Reporting;

/// <summary>The digest card as a standalone document (Markdown or HTML) that links its chart files.</summary>
public static class DigestDocument
{
    public static string Markdown(RenderedReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var card = report.Card;
        var md = new StringBuilder();
        md.Append("# ").AppendLine(EscapeMarkdown(card.Title)).AppendLine();
        if (card.Status is { } status)
        {
            md.Append('_').Append(EscapeMarkdown(status)).AppendLine("_").AppendLine();
        }

        md.AppendLine("| | |").AppendLine("|---|---|");
        foreach (var fact in card.Facts)
        {
            md.Append("| ").Append(EscapeMarkdown(fact.Label)).Append(" | ").Append(EscapeMarkdown(fact.Value)).AppendLine(" |");
        }

        md.AppendLine();
        foreach (var text in card.Texts)
        {
            md.AppendLine(EscapeMarkdown(text.Text)).AppendLine();
        }

        foreach (var chart in report.Charts)
        {
            md.Append("![").Append(EscapeMarkdown(chart.Title)).Append("](").Append(chart.FileName).AppendLine(")").AppendLine();
        }

        return md.ToString();
    }

    public static string Html(RenderedReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var card = report.Card;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(report.Language).Append("\"><head><meta charset=\"utf-8\"><title>")
            .Append(WebUtility.HtmlEncode(card.Title)).AppendLine("</title>")
            .AppendLine("<style>body{font-family:sans-serif;max-width:860px;margin:2em auto}td{padding:.2em .8em}img{max-width:100%}</style></head><body>");
        html.Append("<h1>").Append(WebUtility.HtmlEncode(card.Title)).AppendLine("</h1>");
        if (card.Status is { } status)
        {
            html.Append("<p><em>").Append(WebUtility.HtmlEncode(status)).AppendLine("</em></p>");
        }

        html.AppendLine("<table>");
        foreach (var fact in card.Facts)
        {
            html.Append("<tr><th align=\"left\">").Append(WebUtility.HtmlEncode(fact.Label)).Append("</th><td>")
                .Append(WebUtility.HtmlEncode(fact.Value)).AppendLine("</td></tr>");
        }

        html.AppendLine("</table>");
        foreach (var text in card.Texts)
        {
            html.Append("<p>").Append(WebUtility.HtmlEncode(text.Text)).AppendLine("</p>");
        }

        foreach (var chart in report.Charts)
        {
            html.Append("<p><img src=\"").Append(WebUtility.HtmlEncode(chart.FileName)).Append("\" alt=\"")
                .Append(WebUtility.HtmlEncode(chart.Title)).AppendLine("\"></p>");
        }

        return html.AppendLine("</body></html>").ToString();
    }

    private static string EscapeMarkdown(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("|", "\\|", StringComparison.Ordinal)
            .Replace("*", "\\*", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal)
            .Replace("[", "\\[", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .ReplaceLineEndings(" ");
}
