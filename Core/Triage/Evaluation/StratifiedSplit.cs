namespace CmBot.Core.Triage.Evaluation;

/// <summary>
/// Splits labelled items into a training part and a held-out part with the same share of each label, the same way
/// for the same seed: each label's items are shuffled with the seed and the first <c>fraction</c> of them (rounded,
/// at least one when the label has two or more items) is held out.
/// </summary>
public static class StratifiedSplit
{
    /// <summary>Indices of the training items and of the held-out items, each in ascending order.</summary>
    public static (IReadOnlyList<int> Train, IReadOnlyList<int> HeldOut) Split(IReadOnlyList<string> labels, double fraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (double.IsNaN(fraction) || fraction <= 0 || fraction >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The held-out fraction must be between 0 and 1 (exclusive).");
        }

        var random = new Random(seed);
        var train = new List<int>(labels.Count);
        var heldOut = new List<int>((int)(labels.Count * fraction) + 1);
        foreach (var group in labels.Select((label, index) => (label, index)).GroupBy(x => x.label, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var indices = group.Select(x => x.index).ToArray();
            random.Shuffle(indices);
            var take = indices.Length < 2 ? 0 : Math.Max(1, (int)Math.Round(indices.Length * fraction, MidpointRounding.AwayFromZero));
            heldOut.AddRange(indices.Take(take));
            train.AddRange(indices.Skip(take));
        }

        train.Sort();
        heldOut.Sort();
        return (train, heldOut);
    }
}
