using CmBot.Bot.Storage;
using CmBot.Core.Incidents;
using CmBot.Core.People;
using CmBot.Core.Replies;
using CmBot.Core.Replies.Drafting;
using CmBot.Core.Replies.Suggestions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace CmBot.Bot.Replies;

/// <summary>Where a first draft came from.</summary>
public enum DraftOrigin
{
    Template,
    Suggestion,
    Model,
}

/// <summary>A first draft's text and origin; for a suggestion, the approved draft it reuses and how similar the mentions were.</summary>
public sealed record DraftStart(string Text, DraftOrigin Origin, Guid? SuggestedFrom = null, double? Score = null);

/// <summary>
/// Writes a first draft: the approved reply to the most similar earlier mention when one is close enough (same
/// language, re-signed by the new author), else the language model when configured, else the charter's template.
/// Whatever it returns still goes through the linter and the approval path.
/// </summary>
public sealed partial class DraftStarter(
    CmBotDbContext db,
    ReplyCharter charter,
    PeopleDirectory people,
    IOptions<RepliesOptions> options,
    ILogger<DraftStarter> logger,
    IChatClient? model = null)
{
    public async Task<DraftStart> StartAsync(Incident incident, Person author, string language, string mentionText, string target, string brand, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(author);
        var settings = options.Value;
        if (settings.Suggestions.Enabled)
        {
            var index = new ReplySuggestionIndex(await ApprovedRepliesAsync(language, incident.Id, settings.Suggestions.MaxStored, cancellationToken));
            if (index.Suggest(mentionText, language, top: 1, minScore: settings.Suggestions.MinScore) is [var best])
            {
                return new DraftStart(Signature.Resign(best.Reply.ReplyText, best.Reply.AuthorFirstName, author.FirstName), DraftOrigin.Suggestion, best.Reply.DraftId, best.Score);
            }
        }

        var template = charter.Draft(language, incident, author.FirstName, brand);
        if (model is not null && settings.Llm.Enabled)
        {
            var maxLength = PlatformLimits.ForTarget(target);
            var prompt = DraftPrompt.For(language, charter.DefaultTone, template, mentionText, author.FirstName, brand, maxLength);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(settings.Llm.TimeoutSeconds));
            try
            {
                var response = await model.GetResponseAsync(
                    [new ChatMessage(ChatRole.System, prompt.System), new ChatMessage(ChatRole.User, prompt.User)],
                    new ChatOptions { ModelId = string.IsNullOrEmpty(settings.Llm.Model) ? null : settings.Llm.Model, Temperature = 0.3f },
                    timeout.Token);
                if (DraftPrompt.CleanAnswer(response.Text, maxLength) is { } text)
                {
                    return new DraftStart(text, DraftOrigin.Model);
                }

                LogUnusable(incident.Number);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                LogTimeout(incident.Number, settings.Llm.TimeoutSeconds);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(ex, incident.Number);
            }
        }

        return new DraftStart(template, DraftOrigin.Template);
    }

    /// <summary>The latest replies that went through approval, in the language, with the first mention of their incident.</summary>
    private async Task<List<ApprovedReply>> ApprovedRepliesAsync(string language, Guid excludeIncident, int max, CancellationToken cancellationToken)
    {
        var drafts = await db.Drafts.AsNoTracking()
            .Where(d => d.Language == language && d.IncidentId != excludeIncident && d.RequiredRoles != string.Empty
                && (d.Status == DraftStatus.Approved || (d.Status == DraftStatus.Published && d.PublishMode == PublishMode.Approved)))
            .OrderByDescending(d => d.UpdatedAt)
            .Take(max)
            .Select(d => new { d.Id, d.IncidentId, d.Text, d.AuthorId })
            .ToListAsync(cancellationToken);
        if (drafts.Count == 0)
        {
            return [];
        }

        var incidents = drafts.Select(d => (Guid?)d.IncidentId).Distinct().ToList();
        var mentions = (await db.Mentions.AsNoTracking()
                .Where(m => incidents.Contains(m.IncidentId))
                .Select(m => new { m.IncidentId, m.Text, m.PublishedAt })
                .ToListAsync(cancellationToken))
            .GroupBy(m => m.IncidentId!.Value)
            .ToDictionary(g => g.Key, g => g.MinBy(m => m.PublishedAt)!.Text);
        return [.. drafts
            .Where(d => mentions.ContainsKey(d.IncidentId))
            .Select(d => new ApprovedReply(d.Id, language, mentions[d.IncidentId], d.Text, people.FindById(d.AuthorId)?.FirstName))];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Drafting model gave no usable reply for incident #{Number}; the charter's template is used")]
    private partial void LogUnusable(int number);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Drafting model did not answer within {Seconds}s for incident #{Number}; the charter's template is used")]
    private partial void LogTimeout(int number, int seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Drafting model failed for incident #{Number}; the charter's template is used")]
    private partial void LogFailed(Exception exception, int number);
}
