using CmBot.Core.Triage.Evaluation;

namespace CmBot.Core.Tests.Triage.Evaluation;

public sealed class StratifiedSplitTests
{
    private static readonly string[] Labels =
        [.. Enumerable.Repeat("negative", 50), .. Enumerable.Repeat("neutral", 20), .. Enumerable.Repeat("positive", 30), "rare"];

    [Fact]
    public void Split_TwentyPercent_HoldsOutTwentyPercentOfEachLabel()
    {
        var (train, heldOut) = StratifiedSplit.Split(Labels, 0.2, seed: 7);

        Assert.Equal(10, heldOut.Count(i => Labels[i] == "negative"));
        Assert.Equal(4, heldOut.Count(i => Labels[i] == "neutral"));
        Assert.Equal(6, heldOut.Count(i => Labels[i] == "positive"));
        Assert.Equal(Enumerable.Range(0, Labels.Length), train.Concat(heldOut).Order());
    }

    [Fact]
    public void Split_LabelWithOneItem_KeepsItForTraining()
    {
        var (train, heldOut) = StratifiedSplit.Split(Labels, 0.2, seed: 7);

        Assert.Contains(Labels.Length - 1, train);
        Assert.DoesNotContain(Labels.Length - 1, heldOut);
    }

    [Fact]
    public void Split_SameSeed_SameSplit_OtherSeed_OtherSplit()
    {
        var first = StratifiedSplit.Split(Labels, 0.2, seed: 7).HeldOut;
        var again = StratifiedSplit.Split(Labels, 0.2, seed: 7).HeldOut;
        var other = StratifiedSplit.Split(Labels, 0.2, seed: 8).HeldOut;

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void Split_FractionOutsideOpenInterval_Throws(double fraction) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => StratifiedSplit.Split(Labels, fraction, 1));
}
