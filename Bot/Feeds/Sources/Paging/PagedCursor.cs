using System.Globalization;

namespace CmBot.Bot.Feeds.Sources.Paging;

/// <summary>
/// The cursor of a source whose API pages from the newest item back (Hacker News Algolia): <see cref="Newest"/>
/// is the mark of the newest item read. When a burst is longer than the pages allowed in one poll, the items
/// between <see cref="Floor"/> (the mark before the burst) and <see cref="Before"/> (the oldest item read so
/// far) are still to read: the next polls read that gap first, then the cursor is plain <see cref="Newest"/>.
/// Stored as <c>newest</c> or <c>newest|floor|before</c> (a plain mark stays readable by older versions).
/// </summary>
public sealed record PagedCursor(string? Newest, string? Floor = null, string? Before = null)
{
    private const char Separator = '|';

    /// <summary>True while an unread gap is left by a catch-up cut short.</summary>
    public bool HasGap => Before is not null;

    public static PagedCursor Parse(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return new PagedCursor(Newest: null);
        }

        var parts = cursor.Split(Separator);
        return parts.Length == 3
            ? new PagedCursor(Empty(parts[0]), Empty(parts[1]), Empty(parts[2]))
            : new PagedCursor(cursor);
    }

    public string? Format() =>
        HasGap ? string.Join(Separator, Newest ?? string.Empty, Floor ?? string.Empty, Before) : Newest;

    /// <summary>The newest mark as a number (Unix seconds), when it is one.</summary>
    public static long? AsLong(string? mark) =>
        long.TryParse(mark, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static string? Empty(string part) => part.Length == 0 ? null : part;
}
