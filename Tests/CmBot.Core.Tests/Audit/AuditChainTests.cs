using CmBot.Core.Audit;

namespace CmBot.Core.Tests.Audit;

public sealed class AuditChainTests
{
    private static List<AuditEvent> Chain(int count)
    {
        var events = new List<AuditEvent>();
        var previous = AuditChain.Genesis;
        for (var i = 1; i <= count; i++)
        {
            var e = AuditEvent.Chain(i, previous, DateTimeOffset.UnixEpoch.AddMinutes(i), "camille", AuditActions.IncidentAcknowledged, "incident", $"id{i}", "{}");
            events.Add(e);
            previous = e.Hash;
        }

        return events;
    }

    [Fact]
    public void FirstBreak_IntactChain_Null() => Assert.Null(AuditChain.FirstBreak(Chain(5)));

    [Fact]
    public void FirstBreak_EventRemoved_PointsAtGap()
    {
        var events = Chain(5);
        events.RemoveAt(2);

        Assert.Equal(4, AuditChain.FirstBreak(events));
    }

    [Fact]
    public void FirstBreak_EventRewritten_PointsAtIt()
    {
        var events = Chain(5);
        var original = events[1];
        events[1] = AuditEvent.Chain(original.Sequence, original.PreviousHash, original.At, "mallory", original.Action, original.SubjectType, original.SubjectId, original.Details);

        Assert.Equal(3, AuditChain.FirstBreak(events));
    }

    [Fact]
    public void HashOf_DifferentFieldSplit_DifferentHash()
    {
        var a = AuditEvent.Chain(1, AuditChain.Genesis, DateTimeOffset.UnixEpoch, "ab", "c", "x", "y", "{}");
        var b = AuditEvent.Chain(1, AuditChain.Genesis, DateTimeOffset.UnixEpoch, "a", "bc", "x", "y", "{}");

        Assert.NotEqual(a.Hash, b.Hash);
    }
}
