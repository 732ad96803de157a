using CmBot.Bot.Chat;
using CmBot.Bot.Reporting.Digests;
using CmBot.Bot.Tests.Storage;
using CmBot.Core.Chat;
using CmBot.Core.People;

namespace CmBot.Bot.Tests.Reporting;

public sealed class DigestDestinationsTests
{
    private static readonly PeopleDirectory Team = new(
    [
        new Person("hugo", "Hugo Lefèvre", [Role.Lead]),
        new Person("claire", "Claire Dubois", [Role.Ceo], SlackUserId: "U0CLAIRE01"),
        new Person("marc", "Marc Petit", [Role.Ceo]),
    ]);

    private static DigestSchedule Schedule(string audience) => new("d", "0 0 8 * * ?", TimeSpan.FromDays(1), audience);

    [Theory]
    [InlineData(DigestAudiences.Alerts, "#alerts")]
    [InlineData(DigestAudiences.Legal, "#legal")]
    [InlineData(DigestAudiences.Direction, "#exec")]
    [InlineData(DigestAudiences.Leads, "#alerts")]
    [InlineData(DigestAudiences.Ceo, "#exec")]
    public void For_PlatformWithoutLeadsOrDirectMessages_FallsBackToSharedChannels(string audience, string expected)
    {
        Assert.Equal([expected], DigestDestinations.For(audience, new FakeChatPlatform(), Team));
    }

    [Fact]
    public void For_LeadsMapped_TheLeadsChannel()
    {
        var platform = new DirectPlatform(new ChatChannels("#alerts", "#legal", "#exec") { Others = new Dictionary<string, string> { [ChatChannels.LeadsKey] = "#leads" } });

        Assert.Equal(["#leads"], DigestDestinations.For(DigestAudiences.Leads, platform, Team));
    }

    [Fact]
    public void For_CeoReachableDirectly_OnlyTheCeosWithAChatId()
    {
        var platform = new DirectPlatform(new ChatChannels("#alerts", "#legal", "#exec"));

        Assert.Equal(["dm:U0CLAIRE01"], DigestDestinations.For(DigestAudiences.Ceo, platform, Team));
    }

    [Fact]
    public void Fallbacks_LeadsWithoutChannelAndCeoWithoutDirectMessages_OneWarningEach()
    {
        var warnings = DigestDestinations.Fallbacks([Schedule(DigestAudiences.Leads), Schedule(DigestAudiences.Ceo), Schedule(DigestAudiences.Alerts)], [new FakeChatPlatform()], Team).ToList();

        Assert.Equal(2, warnings.Count);
        Assert.Contains(warnings, w => w.Contains("Slack:Channels:Leads", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("direction channel", StringComparison.Ordinal));
    }

    /// <summary>A platform that can message people directly (by their Slack id here).</summary>
    private sealed class DirectPlatform(ChatChannels channels) : IChatPlatform
    {
        public string Name => "direct";

        public ChatChannels Channels => channels;

        public string? DirectChannelFor(Person person) => person.SlackUserId is { } id ? $"dm:{id}" : null;

        public Task<string> PostCardAsync(string channel, Card card, string? threadExternalId, CancellationToken cancellationToken) => Task.FromResult("1");

        public Task UpdateCardAsync(string channel, string externalId, Card card, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
