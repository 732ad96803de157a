using CmBot.Bot.Tests.Infrastructure;
using CmBot.Core.People;

namespace CmBot.Bot.Tests.Slack.Commands;

/// <summary>/cm answers that need no replay: help, refusals of bad input, escaping, language, limits.</summary>
public sealed class SlashCommandAnswerTests
{
    private const string Injection = "<!channel> Recall & <https://evil.example|click> <@U123>";

    [Fact]
    public async Task RespondAsync_MaliciousTitleAndReason_RenderedInert()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using var host = new CmBotHost(store, CommandHost.WithoutFeed());
        await host.AddIncidentAsync(1, Injection, $"P2: Legal threat ('{Injection}')", DateTimeOffset.UtcNow, ct);

        var reply = await host.TypeAsync(host.Person("camille"), "status", ct);
        var texts = CommandHost.Texts(reply);

        Assert.Contains("&lt;!channel&gt; Recall &amp; &lt;https://evil.example|click&gt; &lt;@U123&gt;", texts[1], StringComparison.Ordinal);
        Assert.Contains("P2: Legal threat ('&lt;!channel&gt; Recall &amp;", texts[2], StringComparison.Ordinal);
        foreach (var text in texts.Append((string)reply["text"]!))
        {
            Assert.DoesNotContain('<', text);
            Assert.DoesNotContain('>', text);
            Assert.Equal(text.Split('&').Length - 1, CountEntities(text));
        }
    }

    [Fact]
    public async Task RespondAsync_UnknownCommandWithMarkup_HelpQuotesItEscaped()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using var host = new CmBotHost(store, CommandHost.WithoutFeed());

        var texts = CommandHost.Texts(await host.TypeAsync(Person.Unknown("U1"), "<!here|here> now", ct));

        Assert.Equal("I did not understand: unknown command '&lt;!here|here&gt;'.", texts[0]);
        Assert.StartsWith("*CmBot — what /cm can do*", texts[1], StringComparison.Ordinal);
        Assert.Contains("• `/cm silence &lt;match&gt; &lt;duration&gt;`", texts[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", null)]
    [InlineData("help", null)]
    [InlineData("foo", "I did not understand: unknown command 'foo'.")]
    [InlineData("ack", "I did not understand: ack needs an incident number, e.g. /cm ack 12.")]
    [InlineData("draft twelve", "I did not understand: 'twelve' is not an incident number (type 12 or #12).")]
    public async Task RespondAsync_HelpOrUnreadable_HelpWithTheReasonFirst(string text, string? reason)
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using var host = new CmBotHost(store, CommandHost.WithoutFeed());

        var texts = CommandHost.Texts(await host.TypeAsync(host.Person("camille"), text, ct));

        Assert.Equal(reason is null ? 1 : 2, texts.Count);
        if (reason is not null)
        {
            Assert.Equal(reason, texts[0]);
        }

        Assert.Equal(7, texts[^1].Split('\n').Length);
    }

    [Fact]
    public async Task RespondAsync_FrenchConfigured_HelpAndReasonsInFrench()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using var host = new CmBotHost(store, CommandHost.WithoutFeed("fr"));

        var texts = CommandHost.Texts(await host.TypeAsync(host.Person("camille"), "truc", ct));
        var empty = CommandHost.AllText(await host.TypeAsync(host.Person("camille"), "statut", ct));

        Assert.Equal("Je n'ai pas compris : commande inconnue « truc ».", texts[0]);
        Assert.StartsWith("*CmBot — ce que /cm sait faire*", texts[1], StringComparison.Ordinal);
        Assert.Contains("`/cm rapport [24h|7j|30j]`", texts[1], StringComparison.Ordinal);
        Assert.Contains("Aucun incident ouvert.", empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RespondAsync_Silence_SaysHonestlyItIsNotAvailableYet()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using var host = new CmBotHost(store, CommandHost.WithoutFeed());

        var texts = CommandHost.Texts(await host.TypeAsync(host.Person("hugo"), "silence K2 kettle 2h", ct));

        Assert.Equal(["Silences are not available yet: nothing was muted, alerts matching “K2 kettle” will keep coming."], texts);
    }

    [Fact]
    public async Task RespondAsync_AckOfMissingIncident_SaysThereIsNone()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using var host = new CmBotHost(store, CommandHost.WithoutFeed());

        var texts = CommandHost.Texts(await host.TypeAsync(host.Person("camille"), "ack 42", ct));

        Assert.Equal(["There is no incident #42."], texts);
    }

    [Fact]
    public async Task RespondAsync_StatusWithTwelveActiveIncidents_NewestTenThenHowManyMore()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using var host = new CmBotHost(store, CommandHost.WithoutFeed());
        var start = DateTimeOffset.UtcNow.AddHours(-12);
        foreach (var number in Enumerable.Range(1, 12))
        {
            await host.AddIncidentAsync(number, $"Topic {number}", $"P2: reason {number}", start.AddMinutes(number), ct);
        }

        var texts = CommandHost.Texts(await host.TypeAsync(host.Person("camille"), "status", ct));

        var listed = texts.Where(t => t.StartsWith("*#", StringComparison.Ordinal)).Select(t => t[2..t.IndexOf(' ', StringComparison.Ordinal)]).ToList();
        Assert.Equal(["12", "11", "10", "9", "8", "7", "6", "5", "4", "3"], listed);
        Assert.Equal("_…and 2 more._", texts[^1]);
    }

    [Fact]
    public async Task RespondAsync_VeryLongTitle_SectionStaysWithinSlackLimit()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using var host = new CmBotHost(store, CommandHost.WithoutFeed());
        await host.AddIncidentAsync(1, new string('&', 256), "P2: " + new string('<', 2000), DateTimeOffset.UtcNow, ct);

        var texts = CommandHost.Texts(await host.TypeAsync(host.Person("camille"), "status", ct));

        Assert.All(texts, t => Assert.InRange(t.Length, 1, 3000));
        Assert.EndsWith("…", texts[1].Split('\n')[0], StringComparison.Ordinal);
    }

    private static int CountEntities(string text) =>
        (text.Length - text.Replace("&amp;", string.Empty, StringComparison.Ordinal).Length) / 5
        + ((text.Length - text.Replace("&lt;", string.Empty, StringComparison.Ordinal).Length) / 4)
        + ((text.Length - text.Replace("&gt;", string.Empty, StringComparison.Ordinal).Length) / 4);
}
