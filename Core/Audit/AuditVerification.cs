namespace CmBot.Core.Audit;

/// <summary>The last event of the log: what a later check compares against to see that nothing was cut off the end.</summary>
public sealed record AuditHead(long Sequence, string Hash)
{
    /// <summary>"1234:9f86d0…" — the form printed by `audit verify` and accepted by `--expect-head`.</summary>
    public override string ToString() => $"{Sequence}:{Hash}";

    public static bool TryParse(string? text, out AuditHead? head)
    {
        head = null;
        var parts = text?.Split(':', 2);
        if (parts is not [var sequence, var hash] || !long.TryParse(sequence, System.Globalization.CultureInfo.InvariantCulture, out var number)
            || number < 1 || hash.Length != 64 || !hash.All(Uri.IsHexDigit))
        {
            return false;
        }

        head = new AuditHead(number, hash.ToLowerInvariant());
        return true;
    }
}

/// <summary>What a verification found: intact, or the first place where the log was altered, removed or reordered.</summary>
public sealed record AuditVerdict(bool Intact, long Count, AuditHead? Head, long? BrokenAt, string Reason);

/// <summary>
/// Walks the audit log in sequence order and tells whether any event was altered (its hash no longer matches),
/// removed (a gap in the sequence, or the next event no longer links to it), reordered or duplicated. Cutting
/// events off the end leaves a valid shorter chain, so a head recorded earlier (printed by every verification,
/// posted in digests) is checked too.
/// </summary>
public static class AuditVerification
{
    public static AuditVerdict Verify(IEnumerable<AuditEvent> eventsInSequenceOrder, AuditHead? expectedHead = null)
    {
        ArgumentNullException.ThrowIfNull(eventsInSequenceOrder);
        var previousHash = AuditChain.Genesis;
        long expected = 1;
        long count = 0;
        AuditHead? head = null;
        string? expectedHashSeen = null;
        foreach (var e in eventsInSequenceOrder)
        {
            if (e.Sequence != expected)
            {
                return Broken(count, head, e.Sequence, e.Sequence > expected
                    ? $"events {expected} to {e.Sequence - 1} are missing"
                    : $"event {e.Sequence} appears out of order or twice (expected {expected})");
            }

            if (e.Hash != AuditChain.HashOf(e))
            {
                return Broken(count, head, e.Sequence, $"event {e.Sequence} was altered: its content no longer matches its hash");
            }

            if (e.PreviousHash != previousHash)
            {
                return Broken(count, head, e.Sequence, $"event {e.Sequence} no longer links to event {e.Sequence - 1}: an earlier event was altered or replaced");
            }

            if (expectedHead is not null && e.Sequence == expectedHead.Sequence)
            {
                expectedHashSeen = e.Hash;
            }

            previousHash = e.Hash;
            head = new AuditHead(e.Sequence, e.Hash);
            expected++;
            count++;
        }

        if (expectedHead is not null)
        {
            if (expectedHashSeen is null)
            {
                return Broken(count, head, expectedHead.Sequence, $"the log ends at event {head?.Sequence ?? 0}, but event {expectedHead.Sequence} was recorded earlier: events were cut off the end");
            }

            if (!string.Equals(expectedHashSeen, expectedHead.Hash, StringComparison.OrdinalIgnoreCase))
            {
                return Broken(count, head, expectedHead.Sequence, $"event {expectedHead.Sequence} is not the one recorded earlier: the log was rewritten from there");
            }
        }

        return new AuditVerdict(true, count, head, null, count == 0 ? "the log is empty" : $"{count} events, chain intact");
    }

    private static AuditVerdict Broken(long count, AuditHead? head, long at, string reason) => new(false, count, head, at, reason);
}
