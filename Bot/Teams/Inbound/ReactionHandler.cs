using CmBot.Bot.Actions;
using CmBot.Bot.Chat;
using CmBot.Bot.Storage;
using CmBot.Bot.Teams.Activities;
using CmBot.Core.Chat;
using Microsoft.EntityFrameworkCore;

namespace CmBot.Bot.Teams.Inbound;

/// <summary>
/// A "like" on an incident's alert card acknowledges the incident, as the Acknowledge button would (same
/// dispatcher, same role check). Other reactions, and reactions on anything else, are accepted and ignored.
/// </summary>
public sealed class ReactionHandler(ActionDispatcher dispatcher, CmBotDbContext db, TeamsPeople people)
{
    public const string Like = "like";

    public async Task HandleAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.ReplyToId is not { Length: > 0 } messageId || activity.Conversation?.Id is not { } conversation ||
            !(activity.ReactionsAdded ?? []).Any(r => r.Type == Like))
        {
            return;
        }

        var lane = TeamsOutbox.Lane(conversation);
        var incidentId = await db.ChatMessages.AsNoTracking()
            .Where(m => m.Platform == TeamsOptions.PlatformName && m.Channel == lane && m.ExternalId == messageId && m.SubjectType == Subjects.Incident)
            .Select(m => m.SubjectId)
            .FirstOrDefaultAsync(cancellationToken);
        if (incidentId is null)
        {
            return;
        }

        var person = people.Find(activity.From);
        await dispatcher.DispatchAsync(
            new ChatAction(ActionVerbs.Acknowledge, incidentId, TeamsPeople.ActorId(person, activity.From), new ChatLocation(TeamsOptions.PlatformName, lane, messageId), new Dictionary<string, string>()),
            cancellationToken);
    }
}
