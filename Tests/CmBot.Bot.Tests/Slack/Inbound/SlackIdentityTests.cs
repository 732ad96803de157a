using CmBot.Bot.Slack;
using CmBot.Core.People;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CmBot.Bot.Tests.Slack.Inbound;

public sealed class SlackIdentityTests
{
    private static readonly PeopleDirectory People = new(
    [
        new Person("camille", "Camille Martin", [Role.CommunityManager], "camille.martin@lumio.example", "U0CAMILLE"),
        new Person("hugo", "Hugo Lefèvre", [Role.Lead], "hugo.lefevre@lumio.example"),
    ]);

    [Fact]
    public async Task ResolveAsync_SlackIdInPeopleFile_ThatPersonWithoutLookup()
    {
        var (identity, api, _) = Create();

        var person = await identity.ResolveAsync("U0CAMILLE", TestContext.Current.CancellationToken);

        Assert.Equal("camille", person.Id);
        Assert.True(identity.IsKnown(person));
        Assert.Empty(api.Emails);
    }

    [Fact]
    public async Task ResolveAsync_SlackEmailInPeopleFile_ThatPersonAndCached()
    {
        var (identity, api, _) = Create();
        api.Emails["U0HUGO"] = "Hugo.Lefevre@lumio.example";

        var person = await identity.ResolveAsync("U0HUGO", TestContext.Current.CancellationToken);
        api.Emails.Clear();

        Assert.Equal("hugo", person.Id);
        Assert.True(identity.TryResolveLocally("U0HUGO", out var cached));
        Assert.Equal("hugo", cached.Id);
    }

    [Fact]
    public async Task ResolveAsync_NobodyWithThatIdOrEmail_UnknownWhoCannotAct()
    {
        var (identity, api, _) = Create();
        api.Emails["U0STRANGER"] = "someone@elsewhere.example";

        var person = await identity.ResolveAsync("U0STRANGER", TestContext.Current.CancellationToken);

        Assert.Equal("unknown:U0STRANGER", person.Id);
        Assert.Empty(person.Roles);
        Assert.False(identity.IsKnown(person));
    }

    [Fact]
    public async Task TryResolveLocally_UnknownEntryAfterTwoMinutes_ExpiredSoANewEmailIsSeen()
    {
        var (identity, api, clock) = Create();
        await identity.ResolveAsync("U0HUGO", TestContext.Current.CancellationToken);
        Assert.True(identity.TryResolveLocally("U0HUGO", out _));

        clock.Advance(TimeSpan.FromMinutes(3));
        api.Emails["U0HUGO"] = "hugo.lefevre@lumio.example";

        Assert.False(identity.TryResolveLocally("U0HUGO", out _));
        Assert.Equal("hugo", (await identity.ResolveAsync("U0HUGO", TestContext.Current.CancellationToken)).Id);
    }

    private static (SlackIdentity Identity, FakeSlackApi Api, FakeTimeProvider Clock) Create()
    {
        var api = new FakeSlackApi();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection().AddSingleton<ISlackUserDirectory>(api).BuildServiceProvider();
        return (new SlackIdentity(People, services, clock, NullLogger<SlackIdentity>.Instance), api, clock);
    }
}
