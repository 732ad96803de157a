using CmBot.Bot.Silences;
using CmBot.Bot.Tests.Infrastructure;
using CmBot.Core.Audit;
using CmBot.Core.Chat;
using CmBot.Core.People;
using Microsoft.EntityFrameworkCore;

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
        Assert.Contains("• `/cm silence &lt;match&gt; &lt;duration&gt; [reason]`", texts[1], StringComparison.Ordinal);
        Assert.Contains("• `/cm unsilence &lt;id&gt;`", texts[1], StringComparison.Ordinal);
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

        Assert.Equal(9, texts[^1].Split('\n').Length);
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
    public async Task RespondAsync_SilenceThenSilencesThenUnsilence_CreatedListedEndedAndAudited()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using var host = new CmBotHost(store, CommandHost.WithoutFeed());

        var created = CommandHost.AllText(await host.TypeAsync(host.Person("hugo"), "silence K2 kettle 2h <!channel> drill", ct));
        var row = await host.QueryAsync(db => db.Set<StoredSilence>().AsNoTracking().SingleAsync(ct));
        var shortId = row.Id.ToString("N")[..8];
        var listed = CommandHost.AllText(await host.TypeAsync(host.Person("camille"), "silences", ct));
        var ended = CommandHost.AllText(await host.TypeAsync(host.Person("camille"), "unsilence " + shortId, ct));
        var after = CommandHost.AllText(await host.TypeAsync(host.Person("camille"), "silences", ct));

        Assert.StartsWith($"✅ Silence {shortId} created: alerts matching topic=~.*K2\\ kettle.* are muted until ", created, StringComparison.Ordinal);
        Assert.Equal(("hugo", "<!channel> drill", TimeSpan.FromHours(2)), (row.CreatedBy, row.Reason, row.EndsAt - row.StartsAt));
        Assert.Contains($"{shortId} — topic=~.*K2\\ kettle.* — until ", listed, StringComparison.Ordinal);
        Assert.Contains("— by Hugo Lefèvre — &lt;!channel&gt; drill", listed, StringComparison.Ordinal);
        Assert.StartsWith($"✅ Silence {shortId} ended", ended, StringComparison.Ordinal);
        Assert.Contains("No active silence.", after, StringComparison.Ordinal);
        var stored = await host.QueryAsync(db => db.Set<StoredSilence>().AsNoTracking().SingleAsync(ct));
        Assert.Equal("camille", stored.ExpiredBy);
        Assert.True(await host.QueryAsync(db => db.AuditEvents.AnyAsync(a => a.Action == AuditActions.SilenceCreated && a.ActorId == "hugo" && a.SubjectId == row.Id.ToString(), ct)));
        Assert.True(await host.QueryAsync(db => db.AuditEvents.AnyAsync(a => a.Action == AuditActions.SilenceExpired && a.ActorId == "camille" && a.SubjectId == row.Id.ToString(), ct)));
    }

    [Fact]
    public async Task RespondAsync_SilenceByLegal_RefusedAuditedAndNothingStored()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using var host = new CmBotHost(store, CommandHost.WithoutFeed("fr"));

        var texts = CommandHost.AllText(await host.TypeAsync(host.Person("ines"), "silence rappel 1j", ct));

        Assert.StartsWith("⛔ Refusé : Inès Moreau ne peut pas créer", texts, StringComparison.Ordinal);
        Assert.Equal(0, await host.QueryAsync(db => db.Set<StoredSilence>().CountAsync(ct)));
        Assert.True(await host.QueryAsync(db => db.AuditEvents.AnyAsync(a => a.Action == AuditActions.ActionRefused && a.ActorId == "ines" && a.Details.Contains(ActionVerbs.SilenceCreate), ct)));
    }

    [Fact]
    public async Task RespondAsync_SilenceLongerThanConfiguredMax_HelpSaysTheLimit()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using var host = new CmBotHost(store, [.. CommandHost.WithoutFeed(), new("Silences:MaxDuration", "7d")]);

        var texts = CommandHost.Texts(await host.TypeAsync(host.Person("hugo"), "silence kettle 8d", ct));

        Assert.Equal("I did not understand: a silence lasts at most 7 days ('8d' is longer).", texts[0]);
        Assert.Equal(0, await host.QueryAsync(db => db.Set<StoredSilence>().CountAsync(ct)));
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
