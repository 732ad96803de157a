using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using CmBot.Core.Mentions;

namespace CmBot.Bot.Feeds.Sources.Rss;

/// <summary>One feed item that could not be used, and why.</summary>
public sealed record SkippedItem(int Position, string Reason);

/// <summary>What a feed document held: its usable items (oldest first) and the items skipped with a reason.</summary>
public sealed record ParsedFeed(IReadOnlyList<MentionInput> Items, IReadOnlyList<SkippedItem> Skipped);

/// <summary>
/// Parses RSS 2.0, RSS 1.0 (RDF) and Atom safely: DTDs prohibited, no external resolution, a character limit,
/// the declared or served encoding honoured (Latin-1 fallback for undeclared non-UTF-8 bytes), leading white
/// space before the XML declaration tolerated. An item that cannot be used is skipped with its reason; a
/// document that is not XML at all is a <see cref="SourceException"/>.
/// </summary>
public static partial class FeedDocument
{
    public const int MaxTextLength = 4000;

    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";
    private static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";
    private static readonly XNamespace Rss1 = "http://purl.org/rss/1.0/";

    public static ParsedFeed Parse(string source, byte[] body, string? charset, int maxItems, string? language, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(body);
        var document = Load(body, charset);
        var root = document.Root ?? throw new SourceException("the document has no root element");
        var (entries, atom) = root.Name.LocalName switch
        {
            "feed" => (root.Elements(Atom + "entry").ToList(), true),
            "rss" => (root.Element("channel")?.Elements("item").ToList() ?? [], false),
            "RDF" => (root.Elements(Rss1 + "item").ToList(), false),
            _ => throw new SourceException($"the document is not RSS or Atom (root element <{root.Name.LocalName}>)"),
        };

        var items = new List<(MentionInput Item, int Position)>();
        var skipped = new List<SkippedItem>();
        for (var i = 0; i < entries.Count && items.Count < maxItems; i++)
        {
            var reason = TryRead(source, entries[i], atom, language, now, out var item);
            if (item is null)
            {
                skipped.Add(new SkippedItem(i + 1, reason!));
            }
            else
            {
                items.Add((item, i));
            }
        }

        return new ParsedFeed(items.OrderBy(x => x.Item.PublishedAt).ThenByDescending(x => x.Position).Select(x => x.Item).ToList(), skipped);
    }

    private static XDocument Load(byte[] body, string? charset)
    {
        var start = 0;
        while (start < body.Length && body[start] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            start++;
        }

        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = Math.Max(1024L, body.Length * 2L),
            MaxCharactersFromEntities = 0,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };

        try
        {
            if (DeclaresEncoding(body, start) || HasBom(body, start))
            {
                using var stream = new MemoryStream(body, start, body.Length - start, writable: false);
                using var reader = XmlReader.Create(stream, settings);
                return XDocument.Load(reader);
            }

            using var text = new StringReader(Decode(body, start, charset));
            using var stringReader = XmlReader.Create(text, settings);
            return XDocument.Load(stringReader);
        }
        catch (XmlException ex)
        {
            throw new SourceException($"not a well-formed XML feed (line {ex.LineNumber}: {ex.Message})", ex);
        }
        catch (ArgumentException ex)
        {
            throw new SourceException($"the feed's declared encoding is not supported ({ex.Message})", ex);
        }
    }

    private static bool HasBom(byte[] body, int start) =>
        body.Length - start >= 2 && ((body[start] == 0xEF && body[start + 1] == 0xBB) || (body[start] == 0xFE && body[start + 1] == 0xFF) || (body[start] == 0xFF && body[start + 1] == 0xFE));

    private static bool DeclaresEncoding(byte[] body, int start)
    {
        var head = Encoding.ASCII.GetString(body, start, Math.Min(200, body.Length - start));
        return head.StartsWith("<?xml", StringComparison.Ordinal) && EncodingDeclaration().IsMatch(head[..Math.Max(0, head.IndexOf("?>", StringComparison.Ordinal))]);
    }

    /// <summary>No declaration: the served charset, else UTF-8 when the bytes are valid UTF-8, else Latin-1.</summary>
    private static string Decode(byte[] body, int start, string? charset)
    {
        if (!string.IsNullOrWhiteSpace(charset))
        {
            try
            {
                return Encoding.GetEncoding(charset.Trim('"', ' ')).GetString(body, start, body.Length - start);
            }
            catch (ArgumentException)
            {
                // An unknown charset name: fall through to detection.
            }
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body, start, body.Length - start);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(body, start, body.Length - start);
        }
    }

    private static string? TryRead(string source, XElement entry, bool atom, string? language, DateTimeOffset now, out MentionInput? item)
    {
        item = null;
        string? link;
        string title;
        string body;
        string? author;
        string? id;
        string? date;
        if (atom)
        {
            link = (entry.Elements(Atom + "link").FirstOrDefault(l => (string?)l.Attribute("rel") is null or "alternate") ?? entry.Element(Atom + "link"))?.Attribute("href")?.Value;
            title = Text(entry.Element(Atom + "title"));
            body = Text(entry.Element(Atom + "content") ?? entry.Element(Atom + "summary"));
            author = entry.Element(Atom + "author")?.Element(Atom + "name")?.Value;
            id = entry.Element(Atom + "id")?.Value;
            date = entry.Element(Atom + "published")?.Value ?? entry.Element(Atom + "updated")?.Value;
        }
        else
        {
            var ns = entry.Name.Namespace;
            link = entry.Element(ns + "link")?.Value;
            title = Text(entry.Element(ns + "title"));
            body = Text(entry.Element(Content + "encoded") ?? entry.Element(ns + "description"));
            author = entry.Element(Dc + "creator")?.Value ?? entry.Element(ns + "author")?.Value;
            id = entry.Element(ns + "guid")?.Value ?? entry.Attribute(XName.Get("about", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"))?.Value;
            date = entry.Element(ns + "pubDate")?.Value ?? entry.Element(Dc + "date")?.Value;
        }

        link = UrlCanonicalizer.Unwrap(link?.Trim());
        id = string.IsNullOrWhiteSpace(id) ? link : id.Trim();
        if (string.IsNullOrWhiteSpace(id))
        {
            return "no id, guid or link";
        }

        var text = body.Length == 0 || body.StartsWith(title, StringComparison.Ordinal) ? (body.Length == 0 ? title : body) : $"{title} — {body}";
        if (string.IsNullOrWhiteSpace(text))
        {
            return $"'{id}' has neither title nor content";
        }

        DateTimeOffset published;
        if (string.IsNullOrWhiteSpace(date))
        {
            published = now;
        }
        else if (FeedDates.Parse(date) is { } parsed)
        {
            published = parsed;
        }
        else
        {
            return $"'{id}' has an unreadable date '{date.Trim()}'";
        }

        if (text.Length > MaxTextLength)
        {
            text = text[..MaxTextLength];
        }

        if (id.Length > 256)
        {
            id = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(id)));
        }

        item = new MentionInput(source, id, link, string.IsNullOrWhiteSpace(author) ? "?" : author.Trim(), 0, text, language, published.ToUniversalTime());
        return null;
    }

    private static string Text(XElement? element) => element is null ? string.Empty : HtmlText.ToPlainText(element.Value);

    [GeneratedRegex(@"encoding\s*=\s*[""'][A-Za-z0-9._-]+[""']")]
    private static partial Regex EncodingDeclaration();
}
