using CmBot.Bot.Storage;

namespace CmBot.Bot.Tests.Storage;

public sealed class AfterCommitTests
{
    [Fact]
    public async Task RunOrDefer_NotBegun_RunsAtOnce()
    {
        var afterCommit = new AfterCommit();
        var ran = new List<int>();

        await afterCommit.RunOrDeferAsync(_ => { ran.Add(1); return Task.CompletedTask; }, TestContext.Current.CancellationToken);

        Assert.Equal([1], ran);
    }

    [Fact]
    public async Task RunOrDefer_Begun_WaitsForRunThenRunsInOrderOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        var afterCommit = new AfterCommit();
        var ran = new List<int>();
        afterCommit.Begin();

        await afterCommit.RunOrDeferAsync(_ => { ran.Add(1); return Task.CompletedTask; }, ct);
        await afterCommit.RunOrDeferAsync(_ => { ran.Add(2); return Task.CompletedTask; }, ct);
        Assert.Empty(ran);

        await afterCommit.RunAsync(ct);
        await afterCommit.RunAsync(ct);
        Assert.Equal([1, 2], ran);

        // Once run, the scope no longer defers.
        await afterCommit.RunOrDeferAsync(_ => { ran.Add(3); return Task.CompletedTask; }, ct);
        Assert.Equal([1, 2, 3], ran);
    }
}
