using CmBot.Core.Triage;

namespace CmBot.Core.Tests.Triage;

/// <summary>
/// With many topics the triager tries only those a word of the text could start; the topic found is still the first
/// that matches in the configured order, whatever order the words come in.
/// </summary>
public sealed class TriagerTopicOrderTests
{
    private static Triager WithTopics(IReadOnlyList<Topic> topics) => new(TestTriage.Sentiment, TestTriage.Risks, topics, new TriagePolicy());

    private static readonly IReadOnlyList<Topic> ManyTopics =
    [
        .. Enumerable.Range(1, 500).Select(i => new Topic($"zq{i:0000}", $"Product ZQ{i:0000}", [$"zq{i:0000}"])),
        new Topic("toasters", "Toasters", ["toast*"]),
        new Topic("lumio-toaster", "Lumio toaster", ["lumio toaster"]),
        new Topic("lumio", "Lumio", ["lumio"]),
    ];

    [Theory]
    [InlineData("My zq0420 caught fire", "zq0420")]
    [InlineData("zq0499 then zq0007 both broke", "zq0007")]
    [InlineData("The Lumio toaster burnt my bread", "toasters")]
    [InlineData("Lumio toaster again", "toasters")]
    [InlineData("Lumio toaster, Lumio kettle", "toasters")]
    [InlineData("A Lumio kettle", "lumio")]
    [InlineData("Nothing to see here", null)]
    public void Assess_ManyTopics_FirstMatchingInConfiguredOrder(string text, string? expected) =>
        Assert.Equal(expected, WithTopics(ManyTopics).Assess(TestTriage.Mention(text, language: "en")).TopicKey);

    [Fact]
    public void Assess_TwoTopicsMatch_EarlierInFileWinsWhateverTheWordOrder()
    {
        var topics = new[] { new Topic("second-word", "B", ["kettle"]), new Topic("first-word", "A", ["lumio"]) };

        Assert.Equal("second-word", WithTopics(topics).Assess(TestTriage.Mention("lumio kettle", language: "en")).TopicKey);
    }
}
