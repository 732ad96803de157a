using CmBot.Bot.Storage;
using CmBot.Core.Incidents;
using CmBot.Core.People;
using CmBot.Core.Replies;
using CmBot.Core.Replies.Drafting;
using CmBot.Core.Replies.Suggestions;
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
    SuggestionIndexCache suggestions,
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
            var index = await suggestions.GetAsync(db, people, language, settings.Suggestions.MaxStored, cancellationToken);
            if (index.Suggest(mentionText, language, incident.Id, top: 1, minScore: settings.Suggestions.MinScore) is [var best])
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Drafting model gave no usable reply for incident #{Number}; the charter's template is used")]
    private partial void LogUnusable(int number);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Drafting model did not answer within {Seconds}s for incident #{Number}; the charter's template is used")]
    private partial void LogTimeout(int number, int seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Drafting model failed for incident #{Number}; the charter's template is used")]
    private partial void LogFailed(Exception exception, int number);
}
