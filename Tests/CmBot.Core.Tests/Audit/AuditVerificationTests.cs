using CmBot.Core.Audit;

namespace CmBot.Core.Tests.Audit;

/// <summary>Tamper tests: altering, deleting, reordering or truncating any row is detected and located.</summary>
public sealed class AuditVerificationTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);

    private static List<AuditEvent> Log(int count)
    {
        var events = new List<AuditEvent>();
        var previous = AuditChain.Genesis;
        for (var i = 1; i <= count; i++)
        {
            var e = AuditEvent.Chain(i, previous, Start.AddMinutes(i), i % 2 == 0 ? "ines" : "camille", "approval.granted", "draft", $"d{i}", $"{{\"n\":{i}}}");
            events.Add(e);
            previous = e.Hash;
        }

        return events;
    }

    /// <summary>A copy of <paramref name="e"/> with other details but its old hashes, as a direct UPDATE would leave it.</summary>
    private static AuditEvent Altered(AuditEvent e, string details)
    {
        var copy = AuditEvent.Chain(e.Sequence, e.PreviousHash, e.At, e.ActorId, e.Action, e.SubjectType, e.SubjectId, details);
        typeof(AuditEvent).GetProperty(nameof(AuditEvent.Hash))!.SetValue(copy, e.Hash);
        return copy;
    }

    [Fact]
    public void Verify_IntactLog_ReportsCountAndHead()
    {
        var log = Log(5);

        var verdict = AuditVerification.Verify(log);

        Assert.True(verdict.Intact);
        Assert.Equal(5, verdict.Count);
        Assert.Equal(new AuditHead(5, log[4].Hash), verdict.Head);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(4)]
    public void Verify_AlteredRow_DetectedAtThatRow(int index)
    {
        var log = Log(5);
        log[index] = Altered(log[index], "{\"n\":999}");

        var verdict = AuditVerification.Verify(log);

        Assert.False(verdict.Intact);
        Assert.Equal(index + 1, verdict.BrokenAt);
        Assert.Contains("altered", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_RowRewrittenWithFreshHash_DetectedAtTheNextRow()
    {
        var log = Log(5);
        log[1] = AuditEvent.Chain(2, log[1].PreviousHash, log[1].At, "mallory", log[1].Action, log[1].SubjectType, log[1].SubjectId, log[1].Details);

        var verdict = AuditVerification.Verify(log);

        Assert.False(verdict.Intact);
        Assert.Equal(3, verdict.BrokenAt);
        Assert.Contains("no longer links", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_DeletedRow_DetectedAsMissing()
    {
        var log = Log(5);
        log.RemoveAt(2);

        var verdict = AuditVerification.Verify(log);

        Assert.False(verdict.Intact);
        Assert.Equal(4, verdict.BrokenAt);
        Assert.Equal("events 3 to 3 are missing", verdict.Reason);
    }

    [Fact]
    public void Verify_SwappedRows_Detected()
    {
        var log = Log(5);
        (log[1], log[2]) = (log[2], log[1]);

        var verdict = AuditVerification.Verify(log);

        Assert.False(verdict.Intact);
        Assert.Equal(3, verdict.BrokenAt);
    }

    [Fact]
    public void Verify_SequenceNumbersSwappedToo_DetectedByTheHashes()
    {
        var log = Log(5);
        var second = log[1];
        var third = log[2];
        foreach (var (e, sequence) in new[] { (second, 3L), (third, 2L) })
        {
            typeof(AuditEvent).GetProperty(nameof(AuditEvent.Sequence))!.SetValue(e, sequence);
        }

        log[1] = third;
        log[2] = second;

        Assert.False(AuditVerification.Verify(log).Intact);
    }

    [Fact]
    public void Verify_TailCutOff_DetectedOnlyWithTheRecordedHead()
    {
        var log = Log(5);
        var head = new AuditHead(5, log[4].Hash);
        log.RemoveRange(3, 2);

        Assert.True(AuditVerification.Verify(log).Intact);
        var verdict = AuditVerification.Verify(log, head);

        Assert.False(verdict.Intact);
        Assert.Contains("cut off the end", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_LogRebuiltFromScratch_DetectedByTheRecordedHead()
    {
        var original = Log(3);
        var head = new AuditHead(3, original[2].Hash);
        var forged = new List<AuditEvent>();
        var previous = AuditChain.Genesis;
        for (var i = 1; i <= 4; i++)
        {
            var e = AuditEvent.Chain(i, previous, Start.AddMinutes(i), "mallory", "approval.granted", "draft", $"d{i}", "{}");
            forged.Add(e);
            previous = e.Hash;
        }

        var verdict = AuditVerification.Verify(forged, head);

        Assert.False(verdict.Intact);
        Assert.Contains("rewritten", verdict.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("12:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", true)]
    [InlineData("0:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", false)]
    [InlineData("12:abc", false)]
    [InlineData("nonsense", false)]
    public void AuditHead_TryParse(string text, bool ok) => Assert.Equal(ok, AuditHead.TryParse(text, out _));
}
