using System.Globalization;
using CmBot.Core.Approvals;
using CmBot.Core.Incidents;
using CmBot.Core.Replies;
using CmBot.Core.Replies.Guardrails;
using CmBot.Core.Replies.Suggestions;
using CmBot.Core.Routing;

namespace CmBot.Core.Chat;

/// <summary>Builds the cards CmBot posts: the incident alert and the reply draft.</summary>
public static class IncidentCards
{
    /// <param name="muted">The "Topic muted until … by …" line while a silence holds the incident's alerts back, else null.</param>
    public static Card Alert(Incident incident, string? firstMentionText, string? firstMentionUrl, Func<string, string> nameOf, CardLabels labels, string? muted = null, IncidentTrend? trend = null)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(nameOf);
        ArgumentNullException.ThrowIfNull(labels);
        var negativeShare = incident.MentionCount == 0 ? 0 : 100.0 * incident.NegativeCount / incident.MentionCount;
        var actions = new List<CardAction>();
        if (incident.Status == IncidentStatus.Open)
        {
            actions.Add(new CardAction(ActionVerbs.Acknowledge, labels.Acknowledge, incident.Id.ToString(), ActionStyle.Primary));
        }

        var more = IncidentActionLabels.For(labels);
        var target = incident.Id.ToString();
        if (incident.IsActive)
        {
            actions.Add(new CardAction(ActionVerbs.Draft, labels.DraftReply, target));
            if (incident.AssignedTo is null)
            {
                actions.Add(new CardAction(ActionVerbs.Assign, more.AssignToMe, target));
            }

            // The less common ones: Slack shows them in an overflow menu, Teams and the sandbox as plain buttons.
            if (incident.Status == IncidentStatus.Open)
            {
                actions.Add(new CardAction(ActionVerbs.EscalateNow, more.EscalateNow, target));
            }

            actions.Add(new CardAction(ActionVerbs.Snooze, more.Snooze, target));
            actions.Add(new CardAction(ActionVerbs.Resolve, more.Resolve, target));
            actions.Add(new CardAction(ActionVerbs.Dismiss, more.Dismiss, target, ActionStyle.Danger));

            if (muted is null)
            {
                var silences = labels == CardLabels.French ? SilenceTexts.French : SilenceTexts.English;
                actions.Add(new CardAction(ActionVerbs.MuteTopic, silences.MuteTopic, target, Secondary: true));
            }
        }

        var facts = new List<CardFact>
        {
            new(labels.Mentions, incident.MentionCount.ToString(CultureInfo.InvariantCulture)),
            new(labels.Negative, string.Create(CultureInfo.InvariantCulture, $"{negativeShare:0}%")),
            new(labels.Reach, incident.TotalReach.ToString("N0", CultureInfo.InvariantCulture)),
            new(labels.Why, incident.Reason),
        };
        if (incident.AssignedTo is { } owner)
        {
            facts.Add(new CardFact(more.AssignedTo, nameOf(owner)));
        }

        if (trend is not null)
        {
            var words = IncidentUpdateLabels.For(labels == CardLabels.French ? "fr" : "en");
            facts.Add(new CardFact(words.Trend, trend.Describe(words)));
        }

        return new Card
        {
            Title = $"#{incident.Number} {incident.Title}",
            Severity = incident.Severity.ToString(),
            Status = !incident.IsActive && incident.ClosedBy is { } closer
                ? $"{more.Closed} ({incident.Status.ToString().ToLowerInvariant()}) — {nameOf(closer)}"
                : (incident.AcknowledgedBy is { } by ? $"{labels.AcknowledgedBy} {nameOf(by)}" : labels.Open) + (muted is null ? string.Empty : $" — {muted}"),
            Facts = facts,
            Texts = firstMentionText is null ? [] : [new CardText(firstMentionText, Quote: true)],
            Links = firstMentionUrl is null ? [] : [new CardLink(labels.Source, firstMentionUrl)],
            Actions = actions,
        };
    }

    /// <summary>How many guardrail findings a draft card lists; the linter's worst come first.</summary>
    public const int MaxFindingFacts = 5;

    /// <summary>
    /// The reply card. <paramref name="autoPublish"/> says whether a connector can post to the draft's target; when
    /// none can, an approved draft shows its exact text to copy and "Mark as posted" (with the link) instead of Publish.
    /// </summary>
    /// <param name="suggestions">Approved replies to similar mentions, each shown with a button that makes it the next version.</param>
    public static Card Draft(Draft draft, Incident incident, Func<string, string> nameOf, CardLabels labels, bool autoPublish = true, IReadOnlyList<DraftSuggestion>? suggestions = null)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(nameOf);
        ArgumentNullException.ThrowIfNull(labels);
        var id = draft.Id.ToString();
        var latest = draft.Approvals.LastOrDefault(a => a.Valid);
        var reply = ReplyCardLabels.For(labels);
        var review = draft.ReviewedBy is { } reviewer ? $" — {reply.ReviewedBy} {nameOf(reviewer)}" : draft.AwaitsReview ? $" — {reply.AwaitsReview}" : string.Empty;
        var deputy = latest?.DeputyFor is { } stoodFor ? $" ({reply.AsDeputyOf} {stoodFor})" : string.Empty;
        var status = draft.Status switch
        {
            DraftStatus.Published when draft.PublishMode == PublishMode.CeoDirect => $"{reply.PublishedDirectlyBy} {nameOf(draft.PublishedBy ?? "?")}{review}",
            DraftStatus.Published when draft.PublishMode == PublishMode.BreakGlass => $"{reply.PublishedBreakGlassBy} {nameOf(draft.PublishedBy ?? "?")}{review}",
            DraftStatus.Published when draft.PublishedVia == Replies.Draft.ManualChannel => $"{reply.PostedManuallyBy} {nameOf(draft.PublishedBy ?? "?")}",
            DraftStatus.Published => $"{labels.PublishedBy} {nameOf(draft.PublishedBy ?? "?")}",
            DraftStatus.Approved when latest is { Decision: ApprovalDecision.Approved } => $"{labels.ApprovedBy} {nameOf(latest.ApproverId)}{deputy}",
            DraftStatus.Rejected when latest is not null => $"{labels.RejectedBy} {nameOf(latest.ApproverId)}",
            DraftStatus.Editing when latest is { Decision: ApprovalDecision.ChangesRequested }
                => $"{reply.ChangesRequestedBy} {nameOf(latest.ApproverId)} — {labels.NeedsApprovalBy} {draft.DescribeMissing()}",
            DraftStatus.Editing when draft.Required.Count > 0 && latest is { Decision: ApprovalDecision.Approved }
                => $"{labels.ApprovedBy} {nameOf(latest.ApproverId)}{deputy} — {labels.NeedsApprovalBy} {draft.DescribeMissing()}",
            _ when draft.Required.Count > 0 => $"{labels.NeedsApprovalBy} {draft.DescribeMissing()}",
            _ => null,
        };

        var facts = new List<CardFact>
        {
            new(labels.Revision, draft.Revision.ToString(CultureInfo.InvariantCulture)),
            new("SHA-256", draft.TextSha256[..12]),
        };
        if (latest?.Comment is { Length: > 0 } comment)
        {
            facts.Add(new CardFact(labels.Comment, comment));
        }

        if (draft.Justification is { Length: > 0 } justification)
        {
            facts.Add(new CardFact(reply.Justification, justification));
        }

        if (draft.Status != DraftStatus.Published)
        {
            var guardrails = labels == CardLabels.French ? GuardrailLabels.French : GuardrailLabels.English;
            foreach (var finding in draft.FindingList.OrderBy(f => f.Level == GuardrailLevel.Block ? 0 : f.Level == GuardrailLevel.Review ? 1 : 2).Take(MaxFindingFacts))
            {
                var (label, value) = guardrails.Describe(finding);
                facts.Add(new CardFact(label, value));
            }
        }

        var actions = new List<CardAction>();
        var inputs = new List<CardInput>();
        var texts = new List<CardText>();
        if (draft.Status != DraftStatus.Published)
        {
            inputs.Add(new CardInput(CardInputs.DraftText, labels.Text, draft.Text));
            actions.Add(new CardAction(ActionVerbs.EditDraft, labels.SaveEdit, id));
            if (draft.Required.Count > 0 && draft.Status == DraftStatus.Editing)
            {
                inputs.Add(new CardInput(CardInputs.Comment, labels.Comment, string.Empty, Multiline: false));
                actions.Add(new CardAction(ActionVerbs.Approve, labels.Approve, id, ActionStyle.Primary));
                actions.Add(new CardAction(ActionVerbs.RequestChanges, reply.RequestChanges, id));
                actions.Add(new CardAction(ActionVerbs.Reject, labels.Reject, id, ActionStyle.Danger));
            }

            if (autoPublish)
            {
                actions.Add(new CardAction(ActionVerbs.Publish, labels.Publish, id, draft.Status == DraftStatus.Approved ? ActionStyle.Primary : ActionStyle.Default));
            }

            if (draft.Status == DraftStatus.Approved)
            {
                inputs.Add(new CardInput(CardInputs.PostedLink, reply.PostedLink, string.Empty, Multiline: false));
                actions.Add(new CardAction(ActionVerbs.MarkPosted, reply.MarkPosted, id, autoPublish ? ActionStyle.Default : ActionStyle.Primary));
                if (!autoPublish)
                {
                    facts.Add(new CardFact(labels.Publish, reply.PostManually));
                }
            }

            if (draft.Status != DraftStatus.Approved && draft.Required.Count > 0)
            {
                actions.Add(new CardAction(ActionVerbs.PublishDirect, reply.PublishAsCeo, id));
                actions.Add(new CardAction(ActionVerbs.BreakGlass, reply.BreakGlass, id, ActionStyle.Danger));
            }

            foreach (var (suggestion, n) in (suggestions ?? []).Select((s, i) => (s, i + 1)))
            {
                texts.Add(new CardText(suggestion.Text, Quote: true));
                actions.Add(new CardAction(ActionVerbs.UseSuggestion, string.Format(CultureInfo.InvariantCulture, reply.UseSuggestion, n, suggestion.Score), DraftSuggestion.Target(draft.Id, suggestion.SourceDraftId), Secondary: true));
            }
        }
        else if (draft.AwaitsReview)
        {
            actions.Add(new CardAction(ActionVerbs.MarkReviewed, reply.MarkReviewed, id, ActionStyle.Primary));
        }

        return new Card
        {
            Title = $"{labels.Reply} — #{incident.Number} {incident.Title}",
            Status = status,
            Facts = facts,
            Texts = [.. (draft.Status == DraftStatus.Published || (draft.Status == DraftStatus.Approved && !autoPublish) ? [new CardText(draft.Text)] : Array.Empty<CardText>()), .. texts],
            Links = draft.PublishedUrl is { } url ? [new CardLink(reply.PostedLink, url)] : [],
            Inputs = inputs,
            Actions = actions,
        };
    }
}
