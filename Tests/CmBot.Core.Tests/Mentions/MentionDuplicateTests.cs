using CmBot.Core.Incidents;
using CmBot.Core.Mentions;
using CmBot.Core.Triage;

namespace CmBot.Core.Tests.Mentions;

public sealed class MentionDuplicateTests
{
    private static readonly TriageResult Calm = new("fr", 0, [], null, Severity.P4, "P4");

    private static Mention Create(string id, string text, string? url) =>
        Mention.Create(Guid.NewGuid(), new MentionInput("x", id, url, "@a", 10, text, "fr", DateTimeOffset.UnixEpoch), "fr", Calm, DateTimeOffset.UnixEpoch);

    [Fact]
    public void Create_UrlAndText_CanonicalUrlAndFingerprintComputed()
    {
        var mention = Create("1", "Lumio rappelle la bouilloire K2 après des cas de surchauffe", "https://News.example/a?utm_source=x#top");

        Assert.Equal("https://news.example/a", mention.CanonicalUrl);
        Assert.Equal(SimHash.Compute(mention.Text), mention.Fingerprint);
        Assert.Equal(10, mention.WordCount);
        Assert.Null(mention.DuplicateOfId);
    }

    [Fact]
    public void MarkDuplicateOf_Original_CopyPointsToItAndCountGrows()
    {
        var original = Create("1", "Lumio rappelle la bouilloire K2", null);
        var first = Create("2", "RT @a: Lumio rappelle la bouilloire K2", null);
        var second = Create("3", "RT @b: Lumio rappelle la bouilloire K2", null);

        first.MarkDuplicateOf(original);
        second.MarkDuplicateOf(original);

        Assert.Equal(original.Id, first.DuplicateOfId);
        Assert.Equal(original.Id, second.DuplicateOfId);
        Assert.Equal(2, original.DuplicateCount);
    }

    [Fact]
    public void MarkDuplicateOf_Itself_Refused()
    {
        var mention = Create("1", "text", null);

        Assert.Throws<ArgumentException>(() => mention.MarkDuplicateOf(mention));
    }
}
