using CmBot.Bot.Teams.Activities;
using CmBot.Core.People;

namespace CmBot.Bot.Teams.Inbound;

/// <summary>
/// Maps the Teams user behind an activity to a CmBot person. people.yaml's <c>teams:</c> may hold the user's
/// Entra object id (stable, recommended), their Teams id (29:...) or their UPN; a UPN also matches <c>email:</c>.
/// </summary>
public sealed class TeamsPeople(PeopleDirectory people)
{
    public Person? Find(ChannelAccount? user)
    {
        if (user is null)
        {
            return null;
        }

        string?[] identities = [user.AadObjectId, user.Id, user.UserPrincipalName];
        var match = people.All.FirstOrDefault(p => p.TeamsUserId is { Length: > 0 } teams &&
            identities.Any(id => string.Equals(id, teams, StringComparison.OrdinalIgnoreCase)));
        return match ?? (user.UserPrincipalName is { Length: > 0 } upn ? people.FindByEmail(upn) : null);
    }

    /// <summary>The id the action dispatcher gets: the person's, or a marker the dispatcher treats as an unknown person.</summary>
    public static string ActorId(Person? person, ChannelAccount? user) =>
        person?.Id ?? $"teams:{user?.AadObjectId ?? user?.Id ?? "anonymous"}";
}
