using CmBot.Bot.Tests.Infrastructure;
using CmBot.Core.Audit;
using CmBot.Core.Chat;
using CmBot.Core.Replies;
using CmBot.Core.Replies.Guardrails;
using Microsoft.EntityFrameworkCore;

namespace CmBot.Bot.Tests.Replies;

/// <summary>
/// The linter runs on every draft version in the host, its findings reach the card, the approval path follows
/// approvals.yaml, and a blocking finding stops publication even after every signature.
/// </summary>
public sealed class DraftGuardrailTests
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    private static async Task<(CmBotHost Host, TestStore Store, Draft Draft)> StartDraftAsync(IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        var store = await TestStore.CreateAsync(TestStore.Sqlite, Ct);
        var host = new CmBotHost(store, settings ?? []);
        await host.WaitForReplayAsync(Ct);
        var incidentId = (await host.QueryAsync(db => db.Incidents.SingleAsync(Ct))).Id.ToString();
        Assert.Equal(200, (await host.ActAsync("camille", ActionVerbs.Draft, incidentId)).Status);
        return (host, store, await host.QueryAsync(db => db.Drafts.AsNoTracking().SingleAsync(Ct)));
    }

    [Fact]
    public async Task Edit_WithPhoneNumber_ShownOnCardAndPublicationBlockedAfterBothSignatures()
    {
        var (host, store, draft) = await StartDraftAsync();
        await using var _ = host;
        using var __ = store;
        var id = draft.Id.ToString();

        var edit = await host.ActAsync("camille", ActionVerbs.EditDraft, id, new Dictionary<string, string>
        {
            [CardInputs.DraftText] = "Bonjour, appelez notre SAV au 01 23 45 67 89, nous vous rembourserons. Camille",
        });
        Assert.Equal(200, edit.Status);
        Assert.Equal(200, (await host.ActAsync("ines", ActionVerbs.Approve, id)).Status);
        Assert.Equal(200, (await host.ActAsync("paul", ActionVerbs.Approve, id)).Status);

        var refused = await host.ActAsync("camille", ActionVerbs.Publish, id);

        Assert.Equal(403, refused.Status);
        Assert.Contains("01 23 45 67 89", refused.Message, StringComparison.Ordinal);
        var stored = await host.QueryAsync(db => db.Drafts.AsNoTracking().SingleAsync(Ct));
        Assert.Contains(stored.FindingList, f => f.Kind == GuardrailKind.PersonalData && f.Level == GuardrailLevel.Block);
        Assert.Contains(stored.FindingList, f => f.Kind == GuardrailKind.CompensationPromise);
        Assert.Empty(await host.QueryAsync(db => db.PublicPosts.AsNoTracking().ToListAsync(Ct)));
        var edited = await host.QueryAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.Action == AuditActions.DraftEdited).SingleAsync(Ct));
        Assert.Contains("PersonalData", edited.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Card_ListsTheFindingsWithTheWordsAsWritten()
    {
        var (host, store, draft) = await StartDraftAsync();
        await using var _ = host;
        using var __ = store;

        await host.ActAsync("camille", ActionVerbs.EditDraft, draft.Id.ToString(), new Dictionary<string, string>
        {
            [CardInputs.DraftText] = "Hello, the kettle is perfectly safe. Camille",
        });
        await host.WaitForOutboxAsync(Ct);

        var cards = await host.QueryAsync(db => db.SandboxMessages.AsNoTracking().Select(m => m.CardJson).ToListAsync(Ct));
        Assert.Contains(cards, c => c.Contains("Safety claim", StringComparison.Ordinal) && c.Contains("perfectly safe", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ApprovalsFile_CustomPolicy_DecidesThePath()
    {
        var file = Path.Combine(Path.GetTempPath(), $"approvals-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, """
            rules:
              - name: ceo-signs-crises
                when: { severity: [P1] }
                require: [[ceo]]
            """, Ct);

        var (host, store, draft) = await StartDraftAsync([new("CmBot:ApprovalsFile", file)]);
        await using var _ = host;
        using var __ = store;

        Assert.Equal("Ceo", draft.RequiredRoles);
        Assert.Equal("ceo-signs-crises", draft.RequiredWhy);
    }
}
