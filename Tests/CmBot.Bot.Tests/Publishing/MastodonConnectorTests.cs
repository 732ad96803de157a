using CmBot.Bot.Chat;
using CmBot.Bot.Publishing;
using CmBot.Core.Approvals;
using CmBot.Core.People;
using CmBot.Core.Replies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CmBot.Bot.Tests.Publishing;

/// <summary>The Mastodon connector against a fake instance on 127.0.0.1: threads the reply, posts once, reads it back.</summary>
public sealed class MastodonConnectorTests
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;
    private static readonly Person Camille = new("camille", "Camille Martin", [Role.CommunityManager]);

    private static MastodonConnector Connector(FakeMastodon fake, string token = FakeMastodon.Token)
    {
        var services = new ServiceCollection();
        services.AddHttpClient(MastodonConnector.HttpClientName);
        var options = Options.Create(new PublishingOptions
        {
            Mastodon = new MastodonPublishingOptions { Enabled = true, BaseUrl = fake.BaseUrl.ToString(), AccessToken = token },
        });
        return new MastodonConnector(services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>(), options, TimeProvider.System, NullLogger<MastodonConnector>.Instance);
    }

    private static Draft Draft(string target = FakeMastodon.RemoteUrl) =>
        Core.Replies.Draft.Create(Guid.NewGuid(), Guid.NewGuid(), "Bonjour Lucie, nous sommes désolés. Écrivez-nous en privé. Camille", target, "fr", Camille, ApprovalRequirement.None, DateTimeOffset.UtcNow);

    [Fact]
    public async Task Publish_ResolvesTheRemotePost_RepliesInThreadAndReadsTheTextBack()
    {
        await using var fake = await FakeMastodon.StartAsync();
        var draft = Draft();

        var published = await Connector(fake).PublishAsync(draft, "Lumio", "publish:1", Ct);

        var status = Assert.Single(fake.Statuses.Values);
        Assert.Equal(FakeMastodon.ResolvedId, (string?)status["in_reply_to_id"]);
        Assert.Equal(published.PostId, (string?)status["id"]);
        Assert.Equal(draft.Text, published.LiveText);
        Assert.StartsWith("https://brand.example/@lumio/", published.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_ResponseLostThenRetried_PostsExactlyOnce()
    {
        await using var fake = await FakeMastodon.StartAsync();
        fake.LoseNextResponses = 1;
        var connector = Connector(fake);
        var draft = Draft();

        var lost = await Assert.ThrowsAsync<ChatDeliveryException>(() => connector.PublishAsync(draft, "Lumio", "publish:d1:sha", Ct));
        Assert.False(lost.Permanent);
        var retried = await connector.PublishAsync(draft, "Lumio", "publish:d1:sha", Ct);

        Assert.Equal(2, fake.PostRequests);
        Assert.Equal(retried.PostId, (string?)Assert.Single(fake.Statuses.Values)["id"]);
    }

    [Fact]
    public async Task Publish_UnknownPost_FailsPermanentlyWithTheAddress()
    {
        await using var fake = await FakeMastodon.StartAsync();

        var ex = await Assert.ThrowsAsync<ChatDeliveryException>(() => Connector(fake).PublishAsync(Draft("https://social.example/@ghost/1"), "Lumio", "k", Ct));

        Assert.True(ex.Permanent);
        Assert.Contains("https://social.example/@ghost/1", ex.Message, StringComparison.Ordinal);
        Assert.Empty(fake.Statuses);
    }

    [Fact]
    public async Task Publish_BadToken_PermanentErrorWithMastodonsReason()
    {
        await using var fake = await FakeMastodon.StartAsync();

        var ex = await Assert.ThrowsAsync<ChatDeliveryException>(() => Connector(fake, "wrong").PublishAsync(Draft(), "Lumio", "k", Ct));

        Assert.True(ex.Permanent);
        Assert.Contains("401 The access token is invalid", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_TextEditedOnThePlatform_LiveTextDiffers()
    {
        await using var fake = await FakeMastodon.StartAsync();
        fake.EditedSource = "Bonjour Lucie, c'est votre faute.";
        var draft = Draft();

        var published = await Connector(fake).PublishAsync(draft, "Lumio", "k", Ct);

        Assert.NotEqual(draft.TextSha256, TextHash.Of(published.LiveText!, draft.Target));
    }

    [Theory]
    [InlineData("https://mastodon.social/@lucie/113554420000000001", true)]
    [InlineData("https://piaille.fr/users/lucie/statuses/1135544", true)]
    [InlineData("https://twitter.example/amandine_rx/status/1790000380548642084", false)]
    [InlineData("incident:4", false)]
    public void CanAnswer_FediverseAddressesOnly(string target, bool expected)
    {
        var connector = new MastodonConnector(null!, Options.Create(new PublishingOptions()), TimeProvider.System, NullLogger<MastodonConnector>.Instance);

        Assert.Equal(expected, connector.CanAnswer(target));
    }
}
