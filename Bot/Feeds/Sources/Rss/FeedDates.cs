using System.Globalization;
using System.Text.RegularExpressions;

namespace CmBot.Bot.Feeds.Sources.Rss;

/// <summary>Dates as feeds write them: RFC 822 (RSS pubDate, with named zones) or ISO 8601 (Atom, dc:date).</summary>
public static partial class FeedDates
{
    private static readonly string[] Rfc822Formats =
    [
        "d MMM yyyy HH:mm:ss zzz", "d MMM yyyy HH:mm zzz", "d MMM yy HH:mm:ss zzz", "d MMM yy HH:mm zzz",
    ];

    private static readonly Dictionary<string, string> Zones = new(StringComparer.OrdinalIgnoreCase)
    {
        ["GMT"] = "+00:00", ["UT"] = "+00:00", ["UTC"] = "+00:00", ["Z"] = "+00:00",
        ["EST"] = "-05:00", ["EDT"] = "-04:00", ["CST"] = "-06:00", ["CDT"] = "-05:00",
        ["MST"] = "-07:00", ["MDT"] = "-06:00", ["PST"] = "-08:00", ["PDT"] = "-07:00",
        ["CET"] = "+01:00", ["CEST"] = "+02:00", ["BST"] = "+01:00",
    };

    /// <summary>Month abbreviations that French, Portuguese and Spanish feeds write in RFC 822 dates ("Seg, 24 Set 2018").</summary>
    private static readonly Dictionary<string, string> Months = new(StringComparer.OrdinalIgnoreCase)
    {
        ["janv"] = "Jan", ["ene"] = "Jan", ["fev"] = "Feb", ["fév"] = "Feb", ["févr"] = "Feb", ["fevr"] = "Feb", ["mars"] = "Mar",
        ["abr"] = "Apr", ["avr"] = "Apr", ["mai"] = "May", ["juin"] = "Jun", ["juil"] = "Jul", ["ago"] = "Aug", ["août"] = "Aug",
        ["aout"] = "Aug", ["set"] = "Sep", ["sept"] = "Sep", ["out"] = "Oct", ["dez"] = "Dec", ["déc"] = "Dec", ["dic"] = "Dec",
    };

    public static DateTimeOffset? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = value.Trim();
        if (char.IsDigit(text[0]) && text.Contains('-', StringComparison.Ordinal)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var iso))
        {
            return iso;
        }

        // RFC 822: drop the day name, turn "+0000" / "GMT" into "+00:00".
        var comma = text.IndexOf(',', StringComparison.Ordinal);
        if (comma >= 0)
        {
            text = text[(comma + 1)..].Trim();
        }

        text = WhiteSpace().Replace(text, " ");
        var parts = text.Split(' ');
        if (parts.Length > 2)
        {
            var name = parts[1].TrimEnd('.');
            parts[1] = Months.TryGetValue(name, out var month) ? month : name;
            text = string.Join(' ', parts);
        }

        var zoneStart = text.LastIndexOf(' ');
        if (zoneStart > 0)
        {
            var zone = text[(zoneStart + 1)..];
            if (Zones.TryGetValue(zone, out var offset))
            {
                text = text[..(zoneStart + 1)] + offset;
            }
            else if (NumericZone().Match(zone) is { Success: true } m)
            {
                text = $"{text[..(zoneStart + 1)]}{m.Groups[1].Value}{m.Groups[2].Value}:{m.Groups[3].Value}";
            }
        }

        return DateTimeOffset.TryParseExact(text, Rfc822Formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var rfc)
            ? rfc
            : DateTimeOffset.TryParse(value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var any) ? any : null;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    [GeneratedRegex(@"^([+-])(\d{2}):?(\d{2})$")]
    private static partial Regex NumericZone();
}
