using CmBot.Core.Approvals;
using CmBot.Core.Chat;
using CmBot.Core.Common;
using CmBot.Core.Incidents;
using CmBot.Core.People;
using CmBot.Core.Replies;
using CmBot.Core.Tests.People;
using Microsoft.Extensions.Time.Testing;

namespace CmBot.Core.Tests.Replies;

/// <summary>
/// Approval deadlines on a draft: a reminder at the configured share of the time, then the deputy call; each fires
/// once per revision; an edit restarts the clock; a settled draft plans nothing; the deputy signs only once late.
/// </summary>
public sealed class ApprovalClockTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 15, 0, 0, TimeSpan.Zero);
    private static readonly ApprovalDeadline Deadline = new(TimeSpan.FromMinutes(20), 0.25, "hugo");
    private static readonly ApprovalRequirement Crisis = new([new ApprovalStep([Role.Legal]), new ApprovalStep([Role.Comms])], "crisis");

    private static Draft NewDraft(FakeTimeProvider clock, ApprovalRequirement? requirement = null) =>
        Draft.Create(Guid.NewGuid(), Guid.NewGuid(), "Bonjour, nous regardons. Camille", "https://social.example/p/1", "fr", Team.Camille, requirement ?? Crisis, clock.GetUtcNow());

    [Fact]
    public void Due_AsTimePasses_ReminderThenDeputy()
    {
        var clock = new FakeTimeProvider(Start);
        var draft = NewDraft(clock);
        var fired = new List<ApprovalNoticeKind>();

        clock.Advance(TimeSpan.FromMinutes(4));
        var early = ApprovalClock.Due(draft, Deadline, fired, clock.GetUtcNow());
        clock.Advance(TimeSpan.FromMinutes(1));
        var atReminder = ApprovalClock.Due(draft, Deadline, fired, clock.GetUtcNow());
        fired.AddRange(atReminder.Select(n => n.Kind));
        var next = ApprovalClock.Next(draft, Deadline, fired);
        clock.Advance(TimeSpan.FromMinutes(15));
        var atDeadline = ApprovalClock.Due(draft, Deadline, fired, clock.GetUtcNow());
        fired.AddRange(atDeadline.Select(n => n.Kind));

        Assert.Empty(early);
        Assert.Equal([new ApprovalNotice(ApprovalNoticeKind.Reminder, 1, Start.AddMinutes(5))], atReminder);
        Assert.Equal(new ApprovalNotice(ApprovalNoticeKind.Deputy, 1, Start.AddMinutes(20)), next);
        Assert.Equal([ApprovalNoticeKind.Deputy], atDeadline.Select(n => n.Kind));
        Assert.Empty(ApprovalClock.Due(draft, Deadline, fired, clock.GetUtcNow().AddHours(1)));
        Assert.Null(ApprovalClock.Next(draft, Deadline, fired));
    }

    [Fact]
    public void Due_EveryInstanceDownPastTheDeadline_OnlyTheDeputyCall()
    {
        var clock = new FakeTimeProvider(Start);
        var draft = NewDraft(clock);

        var due = ApprovalClock.Due(draft, Deadline, [], Start.AddHours(3));

        Assert.Equal([ApprovalNoticeKind.Deputy], due.Select(n => n.Kind));
    }

    [Fact]
    public void Planned_AfterAnEdit_NewRevisionAndClockRestarts()
    {
        var clock = new FakeTimeProvider(Start);
        var draft = NewDraft(clock);
        clock.Advance(TimeSpan.FromMinutes(30));

        draft.Edit(Team.Camille, "Bonjour, nous vérifions tout de suite. Camille", clock.GetUtcNow());

        var planned = ApprovalClock.Planned(draft, Deadline);
        Assert.Equal([(2, Start.AddMinutes(35)), (2, Start.AddMinutes(50))], planned.Select(n => (n.Revision, n.DueAt)));
        // Notices fired for revision 1 do not count for revision 2: the caller passes the current revision's only.
        Assert.Empty(ApprovalClock.Due(draft, Deadline, [], clock.GetUtcNow()));
    }

    [Fact]
    public void Planned_SettledOrNoDeadline_Nothing()
    {
        var clock = new FakeTimeProvider(Start);
        var approved = NewDraft(clock, new ApprovalRequirement([Role.Legal], "legal"));
        approved.Approve(Guid.NewGuid(), Team.Ines, null, clock.GetUtcNow());
        var rejected = NewDraft(clock);
        rejected.Reject(Guid.NewGuid(), Team.Ines, "non", clock.GetUtcNow());
        var free = NewDraft(clock, ApprovalRequirement.None);

        Assert.Empty(ApprovalClock.Planned(approved, Deadline));
        Assert.Empty(ApprovalClock.Planned(rejected, Deadline));
        Assert.Empty(ApprovalClock.Planned(free, Deadline));
        Assert.Empty(ApprovalClock.Planned(NewDraft(clock), null));
    }

    [Fact]
    public void Approve_DeputyBeforeTheDeadline_Refused()
    {
        var clock = new FakeTimeProvider(Start);
        var draft = NewDraft(clock);
        clock.Advance(TimeSpan.FromMinutes(19));

        var ex = Assert.Throws<DomainRuleException>(() => draft.Approve(Guid.NewGuid(), Team.Hugo, null, clock.GetUtcNow(), Deadline));

        Assert.Equal("forbidden", ex.Code);
        Assert.False(draft.MaySignAsDeputy(Team.Hugo, Deadline, clock.GetUtcNow()));
    }

    [Fact]
    public void Approve_DeputyWhenLate_SignsTheOpenStepAsDeputy_StrangerStillRefused()
    {
        var clock = new FakeTimeProvider(Start);
        var draft = NewDraft(clock);
        draft.Approve(Guid.NewGuid(), Team.Paul, null, clock.GetUtcNow(), Deadline);
        clock.Advance(TimeSpan.FromMinutes(20));

        var stranger = Assert.Throws<DomainRuleException>(() => draft.Approve(Guid.NewGuid(), Team.Stranger, null, clock.GetUtcNow(), Deadline));
        var approval = draft.Approve(Guid.NewGuid(), Team.Hugo, "OK en l'absence du juridique", clock.GetUtcNow(), Deadline);

        Assert.Equal("forbidden", stranger.Code);
        Assert.Equal(("legal", nameof(Role.Legal)), (approval.DeputyFor, approval.Role));
        Assert.Equal(DraftStatus.Approved, draft.Status);
        Assert.Equal("nobody", draft.DescribeMissing());
    }

    [Fact]
    public void Approve_DeputyIsTheAuthor_Refused()
    {
        var clock = new FakeTimeProvider(Start);
        var draft = NewDraft(clock);
        var authorAsDeputy = new ApprovalDeadline(TimeSpan.FromMinutes(20), 0.5, "camille");
        clock.Advance(TimeSpan.FromHours(1));

        Assert.Throws<DomainRuleException>(() => draft.Approve(Guid.NewGuid(), Team.Camille, null, clock.GetUtcNow(), authorAsDeputy));
    }

    [Fact]
    public void Card_DeputyCall_SaysWhoMaySignAndOffersApprove()
    {
        var clock = new FakeTimeProvider(Start);
        var draft = NewDraft(clock);
        var first = new CmBot.Core.Triage.TriageResult("fr", -0.8, [], "k2", Severity.P1, "P1: recall");
        var incident = Incident.Open(Guid.NewGuid(), 12, "k", "Recall", first, 120, Start);
        var notice = new ApprovalNotice(ApprovalNoticeKind.Deputy, 1, Start.AddMinutes(20));

        var card = ApprovalNotices.Card(draft, incident, notice, "Hugo Lefèvre", Start.AddMinutes(21), ApprovalNoticeLabels.English);

        Assert.Equal(ApprovalNoticeLabels.English.DeputyTitle, card.Title);
        Assert.Contains("#12", card.Status, StringComparison.Ordinal);
        Assert.Contains("Hugo Lefèvre may now sign it as deputy of legal and comms", card.Status, StringComparison.Ordinal);
        Assert.Equal([ActionVerbs.Approve, ActionVerbs.Reject], card.Actions.Select(a => a.Verb));
        Assert.All(card.Actions, a => Assert.Equal(draft.Id.ToString(), a.TargetId));
    }
}
