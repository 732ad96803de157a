using CmBot.Core.Chat;
using CmBot.Core.People;
using CmBot.Core.Replies;

namespace CmBot.Bot.Teams.Cards;

/// <summary>
/// Trims a card to what one viewer may do, for the Universal Actions refresh: a legal reviewer sees Approve and
/// Reject but not Publish, someone outside people.yaml sees no buttons. This is presentation only: every click is
/// checked again by the domain (Incident, Draft) when it is dispatched.
/// </summary>
public static class ViewerCards
{
    public static Card For(Card card, Person? viewer, Draft? draft)
    {
        ArgumentNullException.ThrowIfNull(card);
        var allowed = card.Actions.Where(a => viewer is not null && MayUse(a.Verb, viewer, draft)).ToList();
        var verbs = allowed.Select(a => a.Verb).ToHashSet(StringComparer.Ordinal);
        var inputs = new List<CardInput>();
        var texts = card.Texts.ToList();
        foreach (var input in card.Inputs)
        {
            if (input.Id == CardInputs.DraftText && !verbs.Contains(ActionVerbs.EditDraft))
            {
                // A reviewer who cannot edit still reads the text they are asked to approve.
                texts.Add(new CardText(input.Value));
            }
            else if (input.Id == CardInputs.PostedLink)
            {
                if (verbs.Contains(ActionVerbs.MarkPosted))
                {
                    inputs.Add(input);
                }
            }
            else if (input.Id != CardInputs.Comment || verbs.Contains(ActionVerbs.Approve) || verbs.Contains(ActionVerbs.Reject) || verbs.Contains(ActionVerbs.RequestChanges) || verbs.Contains(ActionVerbs.BreakGlass))
            {
                inputs.Add(input);
            }
        }

        return card with { Actions = allowed, Inputs = inputs, Texts = texts };
    }

    private static bool MayUse(string verb, Person viewer, Draft? draft) => DraftPermissions.MayUse(verb, viewer, draft);
}
