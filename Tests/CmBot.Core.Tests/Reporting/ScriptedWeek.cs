using CmBot.Core.Approvals;
using CmBot.Core.Incidents;
using CmBot.Core.Reporting;
using Microsoft.Extensions.Time.Testing;
using static CmBot.Core.Tests.Reporting.BusinessHoursTests;

namespace CmBot.Core.Tests.Reporting;

/// <summary>
/// A week of community management for the fictional brand, played on a fake clock in Paris time: a safety
/// incident handled in 30 minutes, a legal P1 at night acknowledged late, a Friday-evening P3 picked up on Monday,
/// a dismissed P4, and a P2 still open at the end.
/// </summary>
internal sealed class ScriptedWeek
{
    private readonly FakeTimeProvider _time = new(At(11, 23, 0));
    private readonly List<MentionFact> _mentions = [];
    private readonly Dictionary<Guid, IncidentFact> _incidents = [];
    private readonly List<DraftFact> _drafts = [];
    private readonly List<ApprovalFact> _approvals = [];
    private readonly List<DecisionFact> _decisions = [];

    private ScriptedWeek()
    {
    }

    public Guid A { get; private set; }
    public Guid B { get; private set; }
    public Guid C { get; private set; }
    public Guid D { get; private set; }
    public Guid E { get; private set; }
    public TimeProvider Time => _time;

    public ReportFacts Facts => new(_mentions, [.. _incidents.Values], _drafts, _approvals, _decisions);

    public static ScriptedWeek Play()
    {
        var w = new ScriptedWeek();
        w.Mention(11, 23, 11, 0, "rss", -0.9); // before the reported period
        w.Mention(11, 23, 13, 0, "rss", 0.5);
        w.A = w.Open(11, 23, 14, 0, "safety", Severity.P2, "replay", -0.6, "safety");
        w.Mention(11, 23, 14, 5, "replay", -0.4, w.A, "safety");
        w.Ack(w.A, 11, 23, 14, 30);
        var draftA = w.Draft(w.A, 11, 23, 14, 40);
        w.Approve(draftA, "legal", ApprovalDecision.Approved, 11, 23, 15, 10);
        w.Publish(draftA, 11, 23, 15, 30);

        w.Mention(11, 25, 11, 0, "mastodon", 0.0);

        w.B = w.Open(11, 26, 20, 0, "legal", Severity.P1, "replay", -0.3, "legal");
        w.Decide(11, 26, 21, 0, "escalation.step", w.B, """{"level":1}""");
        w.Decide(11, 26, 21, 15, "escalation.step", w.B, """{"step":"2"}""");
        w.Ack(w.B, 11, 26, 21, 30);
        w.Decide(11, 26, 21, 30, "escalation.stopped", w.B, "{}");
        var draftB = w.Draft(w.B, 11, 26, 21, 45);
        w.Approve(draftB, "legal", ApprovalDecision.Rejected, 11, 26, 22, 45);
        w.Approve(draftB, "legal", ApprovalDecision.Approved, 11, 26, 23, 5);
        w.Publish(draftB, 11, 26, 23, 15);

        w.C = w.Open(11, 27, 17, 0, "k2-kettle", Severity.P3, "rss", -0.2);
        w.D = w.Open(11, 28, 10, 0, "praise", Severity.P4, "rss", 0.3);
        w.Decide(11, 28, 10, 20, "incident.dismissed", w.D, """{"reason":"not about us"}""");
        w.Mention(11, 29, 12, 0, "mastodon", 0.8);
        w.E = w.Open(11, 30, 9, 0, "safety", Severity.P2, "replay", -0.5, "safety");
        w.Ack(w.C, 11, 30, 10, 0);
        w.Decide(11, 30, 11, 0, "escalation.step", w.E, "not json");
        w.Go(11, 30, 12, 0);
        return w;
    }

    private void Go(int month, int day, int hour, int minute)
    {
        var at = At(month, day, hour, minute);
        if (at > _time.GetUtcNow())
        {
            _time.SetUtcNow(at);
        }
    }

    private void Mention(int month, int day, int hour, int minute, string source, double sentiment, Guid? incident = null, string? risk = null)
    {
        Go(month, day, hour, minute);
        _mentions.Add(new MentionFact(Guid.NewGuid(), source, _time.GetUtcNow(), sentiment, risk is null ? [] : [risk], Severity.P4, incident));
        if (incident is { } id)
        {
            _incidents[id] = _incidents[id] with { MentionCount = _incidents[id].MentionCount + 1 };
        }
    }

    private Guid Open(int month, int day, int hour, int minute, string key, Severity severity, string source, double sentiment, string? risk = null)
    {
        Go(month, day, hour, minute);
        var id = Guid.NewGuid();
        _incidents[id] = new IncidentFact(id, _incidents.Count + 1, key, severity, IncidentStatus.Open, _time.GetUtcNow(), null, 0);
        Mention(month, day, hour, minute, source, sentiment, id, risk);
        return id;
    }

    private void Ack(Guid incident, int month, int day, int hour, int minute)
    {
        Go(month, day, hour, minute);
        _incidents[incident] = _incidents[incident] with { Status = IncidentStatus.Acknowledged, AcknowledgedAt = _time.GetUtcNow() };
    }

    private Guid Draft(Guid incident, int month, int day, int hour, int minute)
    {
        Go(month, day, hour, minute);
        var id = Guid.NewGuid();
        _drafts.Add(new DraftFact(id, incident, _time.GetUtcNow(), null));
        return id;
    }

    private void Approve(Guid draft, string role, ApprovalDecision decision, int month, int day, int hour, int minute)
    {
        Go(month, day, hour, minute);
        _approvals.Add(new ApprovalFact(draft, role, decision, _time.GetUtcNow()));
    }

    private void Publish(Guid draft, int month, int day, int hour, int minute)
    {
        Go(month, day, hour, minute);
        var i = _drafts.FindIndex(d => d.Id == draft);
        _drafts[i] = _drafts[i] with { PublishedAt = _time.GetUtcNow() };
    }

    private void Decide(int month, int day, int hour, int minute, string action, Guid subject, string details)
    {
        Go(month, day, hour, minute);
        _decisions.Add(new DecisionFact(_time.GetUtcNow(), "cmbot", action, "incident", subject.ToString(), details));
    }
}
