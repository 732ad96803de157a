using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CmBot.Core.Audit;

/// <summary>Computes and verifies the hash chain of the audit log.</summary>
public static class AuditChain
{
    /// <summary>The previous hash of the very first event.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static string HashOf(AuditEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);

        // Fields are length-prefixed so no two different events can serialise to the same bytes.
        var builder = new StringBuilder();
        foreach (var field in new[]
                 {
                     e.Sequence.ToString(CultureInfo.InvariantCulture),
                     e.At.UtcTicks.ToString(CultureInfo.InvariantCulture),
                     e.ActorId, e.Action, e.SubjectType, e.SubjectId, e.Details, e.PreviousHash,
                 })
        {
            builder.Append(field.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(field).Append('|');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(builder.ToString())));
    }

    /// <summary>The sequence number of the first event that breaks the chain, or null when it is intact.</summary>
    public static long? FirstBreak(IEnumerable<AuditEvent> eventsInOrder)
    {
        ArgumentNullException.ThrowIfNull(eventsInOrder);
        var previous = Genesis;
        long expected = 1;
        foreach (var e in eventsInOrder)
        {
            if (e.Sequence != expected || e.PreviousHash != previous || e.Hash != HashOf(e))
            {
                return e.Sequence;
            }

            previous = e.Hash;
            expected++;
        }

        return null;
    }
}
