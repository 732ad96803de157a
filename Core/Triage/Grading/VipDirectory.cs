namespace CmBot.Core.Triage.Grading;

/// <summary>
/// Finds the VIP behind a mention's author. Handles match case-insensitively and without their leading '@'; a source
/// key matches the mention's source exactly or as a prefix before '-', ':', '_' or '.' ("mastodon" matches a source
/// named "mastodon-brand"), "x" and "twitter" are one source, and "*" matches any source.
/// </summary>
public sealed class VipDirectory
{
    private static readonly char[] Separators = ['-', ':', '_', '.', '/'];
    private readonly Dictionary<string, List<(string Source, VipAuthor Vip)>> _byHandle = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<(string Source, VipAuthor Vip)>>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public VipDirectory(IEnumerable<VipAuthor> vips)
    {
        ArgumentNullException.ThrowIfNull(vips);
        foreach (var vip in vips)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(vip.Kind, "kind");
            if (vip.Handles.Count == 0)
            {
                throw new ArgumentException($"VIP '{vip.Describe()}' has no handle.");
            }

            foreach (var (source, handle) in vip.Handles)
            {
                var key = Normalise(handle).ToString();
                if (key.Length == 0 || string.IsNullOrWhiteSpace(source))
                {
                    throw new ArgumentException($"VIP '{vip.Describe()}': an empty source or handle.");
                }

                if (!_byHandle.TryGetValue(key, out var list))
                {
                    _byHandle[key] = list = [];
                }

                list.Add((CanonicalSource(source.Trim()), vip));
            }

            Count++;
        }

        _lookup = _byHandle.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public static VipDirectory Empty { get; } = new([]);

    /// <summary>How many VIPs are listed.</summary>
    public int Count { get; }

    /// <summary>The VIP who wrote as <paramref name="author"/> on <paramref name="source"/>, or null.</summary>
    public VipAuthor? Find(string source, string author)
    {
        if (Count == 0 || string.IsNullOrEmpty(author) || !_lookup.TryGetValue(Normalise(author), out var entries))
        {
            return null;
        }

        var canonical = CanonicalSource(source);
        foreach (var (key, vip) in entries)
        {
            if (key == "*" || SourceMatches(key, canonical))
            {
                return vip;
            }
        }

        return null;
    }

    private static ReadOnlySpan<char> Normalise(string handle) => handle.AsSpan().Trim().TrimStart('@');

    private static string CanonicalSource(string source) =>
        string.Equals(source, "twitter", StringComparison.OrdinalIgnoreCase) || source.StartsWith("twitter", StringComparison.OrdinalIgnoreCase) && source.Length > 7 && Separators.Contains(source[7])
            ? "x" + source[7..]
            : source;

    private static bool SourceMatches(string key, string source) =>
        source.StartsWith(key, StringComparison.OrdinalIgnoreCase)
        && (source.Length == key.Length || Array.IndexOf(Separators, source[key.Length]) >= 0);
}
