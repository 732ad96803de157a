using CmBot.Bot.Slack;
using Microsoft.Extensions.DependencyInjection;

namespace CmBot.Bot.Tests.Slack.Web;

/// <summary>Slack user -> e-mail via users.info, cached.</summary>
public sealed class SlackUserDirectoryTests
{
    [Fact]
    public async Task GetEmail_KnownUserTwice_EmailFromProfileAskedOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await SlackApiHarness.StartAsync();
        var directory = harness.Services.GetRequiredService<ISlackUserDirectory>();

        var first = await directory.GetEmailAsync(FakeSlackServer.KnownUser, ct);
        var second = await directory.GetEmailAsync(FakeSlackServer.KnownUser, ct);

        Assert.Equal("spengler@ghostbusters.example.com", first);
        Assert.Equal(first, second);
        Assert.Single(harness.Slack.Calls("users.info"));
    }

    [Fact]
    public async Task GetEmail_UnknownUser_NullAndCached()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await SlackApiHarness.StartAsync();
        var directory = harness.Services.GetRequiredService<ISlackUserDirectory>();

        Assert.Null(await directory.GetEmailAsync("U0NOBODY00", ct));
        Assert.Null(await directory.GetEmailAsync("U0NOBODY00", ct));
        Assert.Single(harness.Slack.Calls("users.info"));
    }

    [Fact]
    public async Task GetEmail_SlackFailing_NullNotCached()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await SlackApiHarness.StartAsync();
        harness.Slack.State.Inject(new FakeSlackFault("users.info") { Error = "service_unavailable" });
        var directory = harness.Services.GetRequiredService<ISlackUserDirectory>();

        Assert.Null(await directory.GetEmailAsync(FakeSlackServer.KnownUser, ct));
        Assert.Equal("spengler@ghostbusters.example.com", await directory.GetEmailAsync(FakeSlackServer.KnownUser, ct));
        Assert.Equal(2, harness.Slack.Calls("users.info").Count);
    }
}
