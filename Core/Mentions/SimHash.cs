using System.Numerics;
using System.Text;
using System.Text.RegularExpressions;
using CmBot.Core.Text;

namespace CmBot.Core.Mentions;

/// <summary>
/// 64-bit SimHash over word shingles (Charikar): texts that share most of their three-word sequences get
/// fingerprints a few bits apart. Retweet and quote prefixes ("RT @x:"), "via @x" credits and links are
/// removed first, so a copy and its original compare on what was actually said. So are the marks news agencies and
/// outlets put around syndicated wire copy: datelines ("PARIS (AFP) -", "LOS ANGELES (AP) —"), credit and copyright
/// tails ("(Avec AFP)", "© AFP", "Copyright 2026 The Associated Press. All rights reserved.", "Reporting by ...",
/// "... contributed to this report.") and "Lire aussi :"/"Read more:" lines.
/// </summary>
public static partial class SimHash
{
    /// <summary>Words per shingle.</summary>
    public const int ShingleSize = 3;

    /// <summary>Below this many different words a fingerprint says too little; only identical content counts as a copy.</summary>
    public const int MinimumWords = 6;

    /// <summary>The words that matter for comparison: folded, without sharing prefixes, handles, links or punctuation.</summary>
    public static IReadOnlyList<string> ContentWords(string text)
    {
        ArgumentNullException.ThrowIfNull(text);

        // "comment RT @a: original" (a quote chain) is about the original: compare what follows the last marker.
        var markers = RetweetMarker().Matches(text);
        if (markers.Count > 0)
        {
            var last = markers[^1];
            var quoted = text[(last.Index + last.Length)..];
            if (!string.IsNullOrWhiteSpace(quoted))
            {
                text = quoted;
            }
        }

        // Wire-copy marks carry no content either; the cheap test skips the regex for most posts.
        if (text.Contains('(', StringComparison.Ordinal) || text.Contains('©', StringComparison.Ordinal) || text.Contains(':', StringComparison.Ordinal)
            || text.Contains("opyright", StringComparison.OrdinalIgnoreCase) || text.Contains("contributed", StringComparison.Ordinal))
        {
            text = WireMarks().Replace(text, " ");
        }

        // One fold for the whole text (accents and case), then words of letters and digits; links and handles dropped.
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var raw in TextFolding.Fold(text).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (raw.StartsWith("http://", StringComparison.Ordinal) || raw.StartsWith("https://", StringComparison.Ordinal)
                || raw.StartsWith("www.", StringComparison.Ordinal) || raw.StartsWith('@'))
            {
                continue;
            }

            current.Clear();
            foreach (var c in raw)
            {
                if (char.IsLetterOrDigit(c))
                {
                    current.Append(c);
                }
            }

            if (current.Length > 0)
            {
                words.Add(current.ToString());
            }
        }

        // Sharing markers carry no content: "RT @a: RT @b: text", "MT", "text via @a", "(via @a)".
        words.RemoveAll(w => w is "rt" or "mt" or "via" or "qt");
        return words;
    }

    /// <summary>How many different content words the text has (a text repeating one word says little).</summary>
    public static int DistinctWords(string text) => ContentWords(text).Distinct(StringComparer.Ordinal).Count();

    /// <summary>The fingerprint of a text's content (0 for a text without words).</summary>
    public static long Compute(string text)
    {
        var words = ContentWords(text);
        if (words.Count == 0)
        {
            return 0;
        }

        Span<int> weights = stackalloc int[64];
        var size = Math.Min(ShingleSize, words.Count);
        for (var i = 0; i + size <= words.Count; i++)
        {
            var hash = Fnv1a(words, i, size);
            for (var bit = 0; bit < 64; bit++)
            {
                weights[bit] += ((hash >> bit) & 1) == 1 ? 1 : -1;
            }
        }

        ulong fingerprint = 0;
        for (var bit = 0; bit < 64; bit++)
        {
            if (weights[bit] > 0)
            {
                fingerprint |= 1UL << bit;
            }
        }

        return unchecked((long)fingerprint);
    }

    /// <summary>How many of the 64 bits differ.</summary>
    public static int Distance(long a, long b) => BitOperations.PopCount(unchecked((ulong)(a ^ b)));

    /// <summary>A stable 64-bit FNV-1a over the shingle's words (string.GetHashCode changes with every process).</summary>
    private static ulong Fnv1a(IReadOnlyList<string> words, int start, int count)
    {
        const ulong offset = 14695981039346656037UL;
        const ulong prime = 1099511628211UL;
        var hash = offset;
        for (var w = start; w < start + count; w++)
        {
            foreach (var c in words[w])
            {
                hash = unchecked((hash ^ c) * prime);
            }

            hash = unchecked((hash ^ ' ') * prime);
        }

        // FNV's low bits are weak for short inputs; a final avalanche (splitmix64) spreads every input bit.
        hash ^= hash >> 30;
        hash = unchecked(hash * 0xbf58476d1ce4e5b9UL);
        hash ^= hash >> 27;
        hash = unchecked(hash * 0x94d049bb133111ebUL);
        hash ^= hash >> 31;
        return hash;
    }

    [GeneratedRegex(@"\b(?:RT|MT)\s+@\w+:?", RegexOptions.CultureInvariant)]
    private static partial Regex RetweetMarker();

    /// <summary>
    /// Agency datelines and tags, credit and copyright tails, reporter lines, and "read also" lines to the end of the line.
    /// </summary>
    [GeneratedRegex(
        """
        (?:\b\p{Lu}[\p{Lu}'’.-]*(?:[ ]\p{Lu}[\p{Lu}'’.-]*){0,3}[ ]?)?\((?:AFP|AP|Reuters|Belga|ATS|dpa|Bloomberg|PA|ANSA|EFE)\)[ ]*[-—–:]?
        | \((?i:avec|with|sources?)[ ]*:?[ ]*(?:l'|l’)?(?:AFP|AP|Reuters|Belga|ATS|dpa|Bloomberg|PA|ANSA|EFE)(?:[ ]*(?:,|et|and)[ ]*[^)]{1,30})?\)
        | ©[ ]*(?:\d{4}[ ]*)?(?:AFP|AP|Reuters|Belga|ATS|dpa|Bloomberg|PA|ANSA|EFE)(?:[ ]*\d{4})?
        | (?i:copyright|©)[ ]*(?:©[ ]*)?\d{4}[^.\n]{0,60}(?:\.[ ]*(?i:all[ ]rights[ ]reserved|tous[ ]droits[ ]réservés)\.?)?(?:[ ]*(?i:this[ ]material[ ]may[ ]not[ ]be[ ]published,[ ]broadcast,[ ]rewritten,?[ ]or[ ]redistributed)\.?)?
        | \((?i:additional[ ]reporting|reporting|writing|editing)[ ]by[^)]{1,200}\)
        | (?:The[ ])?(?:Associated[ ]Press|AP|Reuters|AFP)[ ]writers?[^.\n]{0,80}contributed(?:[ ]to[ ]this[ ]report)?\.?
        | (?i:à[ ]lire[ ]aussi|a[ ]lire[ ]aussi|lire[ ]aussi|voir[ ]aussi|read[ ]more|read[ ]also|see[ ]also)[ ]*:[^\n]*
        """,
        RegexOptions.CultureInvariant | RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex WireMarks();
}
