using CmBot.Core.Chat;
using CmBot.Core.People;

namespace CmBot.Core.Replies;

/// <summary>
/// Which reply buttons a person may use, for platforms that show each viewer their own card (Teams). The draft's
/// own methods remain the authority: they check again when the action arrives.
/// </summary>
public static class DraftPermissions
{
    public static bool MayWrite(Person person)
    {
        ArgumentNullException.ThrowIfNull(person);
        return person.Has(Role.CommunityManager) || person.Has(Role.Lead) || person.Has(Role.Comms) || person.Has(Role.Ceo);
    }

    public static bool MayUse(string verb, Person viewer, Draft? draft)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        return verb switch
        {
            ActionVerbs.Approve or ActionVerbs.Reject or ActionVerbs.RequestChanges =>
                draft is not null && draft.Required.Any(viewer.Has) && !string.Equals(draft.AuthorId, viewer.Id, StringComparison.OrdinalIgnoreCase),
            ActionVerbs.PublishDirect => viewer.Has(Role.Ceo),
            ActionVerbs.BreakGlass => viewer.Has(Role.Lead) || viewer.Has(Role.Comms) || viewer.Has(Role.Legal) || viewer.Has(Role.Ceo),
            ActionVerbs.MarkReviewed =>
                (viewer.Has(Role.Legal) || viewer.Has(Role.Comms)) && !string.Equals(draft?.PublishedBy, viewer.Id, StringComparison.OrdinalIgnoreCase),
            _ => MayWrite(viewer),
        };
    }
}
