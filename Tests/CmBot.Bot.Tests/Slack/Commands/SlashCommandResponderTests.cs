using System.Globalization;
using CmBot.Bot.Tests.Infrastructure;
using CmBot.Core.Audit;
using CmBot.Core.Chat.Commands;
using CmBot.Core.Incidents;
using CmBot.Core.People;
using Microsoft.EntityFrameworkCore;

namespace CmBot.Bot.Tests.Slack.Commands;

/// <summary>
/// /cm through the real host on the shipped sample replay: reads from the store, acts through the dispatcher.
/// The read queries run on PostgreSQL too (when it is available), since grouping and time filters are provider SQL.
/// </summary>
public sealed class SlashCommandResponderTests
{
    private static readonly Person Stranger = Person.Unknown("U0STRANGER");

    [Theory]
    [InlineData(TestStore.Sqlite)]
    [InlineData(TestStore.Postgres)]
    public async Task RespondAsync_StatusAfterSampleReplay_ListsIncident1AsOpenP1(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(provider, ct);
        await using var host = new CmBotHost(store);
        await host.WaitForReplayAsync(ct);
        var incident = await host.QueryAsync(db => db.Incidents.AsNoTracking().SingleAsync(ct));

        var texts = CommandHost.Texts(await host.TypeAsync(host.Person("camille"), "status", ct));

        Assert.Equal("*Open and acknowledged incidents*", texts[0]);
        Assert.StartsWith("*#1 P1* ", texts[1], StringComparison.Ordinal);
        Assert.Contains(incident.Title, texts[1], StringComparison.Ordinal);
        Assert.Contains($"{incident.MentionCount} mentions · Open — nobody has acknowledged yet", texts[1], StringComparison.Ordinal);
        Assert.StartsWith("P1: ", texts[2], StringComparison.Ordinal);
        Assert.Equal(3, texts.Count);
    }

    [Fact]
    public async Task RespondAsync_AckAsCamille_AcknowledgesIncidentInStoreAndStatusShowsWho()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using var host = new CmBotHost(store);
        await host.WaitForReplayAsync(ct);

        var texts = CommandHost.Texts(await host.TypeAsync(host.Person("camille"), "ack #1", ct));

        Assert.Equal(["✅ Incident #1 acknowledged."], texts);
        var incident = await host.QueryAsync(db => db.Incidents.AsNoTracking().SingleAsync(ct));
        Assert.Equal(IncidentStatus.Acknowledged, incident.Status);
        Assert.Equal("camille", incident.AcknowledgedBy);
        var audit = await host.QueryAsync(db => db.AuditEvents.AsNoTracking().SingleAsync(e => e.Action == AuditActions.IncidentAcknowledged, ct));
        Assert.Equal("camille", audit.ActorId);
        Assert.Contains("Acknowledged by Camille Martin", CommandHost.Texts(await host.TypeAsync(host.Person("hugo"), "status", ct))[1], StringComparison.Ordinal);

        var again = CommandHost.Texts(await host.TypeAsync(host.Person("hugo"), "ack 1", ct));
        Assert.Equal(["⛔ Refused: Incident #1 is already acknowledged."], again);
    }

    [Fact]
    public async Task RespondAsync_AckAndDraftAsUnknownPerson_RefusedByDispatcherAndNothingChanges()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using var host = new CmBotHost(store);
        await host.WaitForReplayAsync(ct);

        var ack = CommandHost.Texts(await host.TypeAsync(Stranger, "ack 1", ct));
        var draft = CommandHost.Texts(await host.TypeAsync(Stranger, "draft 1", ct));

        foreach (var texts in new[] { ack, draft })
        {
            Assert.StartsWith("⛔ Refused: ", texts[0], StringComparison.Ordinal);
            Assert.Contains("has no role that may", texts[0], StringComparison.Ordinal);
            Assert.Contains("add your chat id (U0STRANGER) to people.yaml", texts[1], StringComparison.Ordinal);
        }

        var incident = await host.QueryAsync(db => db.Incidents.AsNoTracking().SingleAsync(ct));
        Assert.Equal(IncidentStatus.Open, incident.Status);
        Assert.Equal(0, await host.QueryAsync(db => db.Drafts.CountAsync(ct)));
        Assert.Equal(2, await host.QueryAsync(db => db.AuditEvents.CountAsync(e => e.Action == AuditActions.ActionRefused, ct)));
    }

    [Fact]
    public async Task RespondAsync_UnknownPersonReads_HelpStatusAndReportAnswered()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using var host = new CmBotHost(store);
        await host.WaitForReplayAsync(ct);

        Assert.Contains("/cm status", CommandHost.AllText(await host.TypeAsync(Stranger, "help", ct)), StringComparison.Ordinal);
        Assert.Contains("*#1 P1*", CommandHost.AllText(await host.TypeAsync(Stranger, "status", ct)), StringComparison.Ordinal);
        Assert.Contains($"Mentions: {CmBotHost.SampleMentions} ", CommandHost.AllText(await host.TypeAsync(Stranger, "report", ct)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RespondAsync_DraftAsCamille_StartsDraftThroughDispatcher()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
        await using var host = new CmBotHost(store);
        await host.WaitForReplayAsync(ct);

        var texts = CommandHost.Texts(await host.TypeAsync(host.Person("camille"), "draft 1", ct));

        Assert.StartsWith("✅ Draft started for incident #1", texts.Single(), StringComparison.Ordinal);
        var draft = await host.QueryAsync(db => db.Drafts.AsNoTracking().SingleAsync(ct));
        Assert.Equal("camille", draft.AuthorId);
    }

    [Theory]
    [InlineData(TestStore.Sqlite)]
    [InlineData(TestStore.Postgres)]
    public async Task RespondAsync_Report7d_RealFiguresFromTheStore(string provider)
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync(provider, ct);
        await using var host = new CmBotHost(store);
        await host.WaitForReplayAsync(ct);
        var bySeverity = await host.QueryAsync(db => db.Mentions.GroupBy(m => m.Severity).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct));

        var before = CommandHost.Texts(await host.TypeAsync(host.Person("paul"), "report 7d", ct)).Single().Split('\n');

        var severities = string.Join(" · ", Enum.GetValues<Severity>().Select(s => string.Create(CultureInfo.InvariantCulture, $"{s} {bySeverity.GetValueOrDefault(s)}")));
        Assert.Equal(
            [
                "*Over the last 7 days*",
                $"Mentions: 240 ({severities})",
                "Incidents opened: 1",
                "Acknowledged: 0",
                "Median time to acknowledge: no acknowledgement in the period",
            ],
            before);
        Assert.True(bySeverity.GetValueOrDefault(Severity.P1) > 0, "the sample crisis has P1 mentions");

        await host.TypeAsync(host.Person("camille"), "ack 1", ct);
        var incident = await host.QueryAsync(db => db.Incidents.AsNoTracking().SingleAsync(ct));
        var after = CommandHost.Texts(await host.TypeAsync(host.Person("paul"), "rapport 24h", ct)).Single().Split('\n');

        Assert.Equal("*Over the last 24 hours*", after[0]);
        Assert.Equal("Acknowledged: 1", after[3]);
        var expected = CommandTexts.For("en").Elapsed(incident.AcknowledgedAt!.Value - incident.OpenedAt);
        Assert.Equal($"Median time to acknowledge: {expected}", after[4]);
    }
}
