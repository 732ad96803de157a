using CmBot.Core.Incidents;

namespace CmBot.Core.Replies;

/// <summary>
/// First drafts from the brand charter: polite, no admission, an invitation to a private channel, signed with
/// the author's first name. Later issues add configurable templates and suggestions.
/// </summary>
public static class ReplyTemplates
{
    public static string For(string language, Incident incident, string authorFirstName, string brand)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var safety = incident.RiskCategories.Contains("safety", StringComparison.Ordinal);
        return (language, safety) switch
        {
            ("fr", true) =>
                $"Bonjour, merci de nous avoir alertés. La sécurité de nos clients passe avant tout : nos équipes examinent la situation dès maintenant. " +
                $"Pouvez-vous nous écrire en message privé avec votre numéro de commande ? Nous revenons vers vous très vite. {authorFirstName}, {brand}",
            ("fr", false) =>
                $"Bonjour, merci pour votre message. Nous regardons cela de près et revenons vers vous en message privé. {authorFirstName}, {brand}",
            (_, true) =>
                $"Hello, thank you for telling us. Our customers' safety comes first and our teams are looking into this right now. " +
                $"Could you send us a private message with your order number? We will get back to you shortly. {authorFirstName}, {brand}",
            _ =>
                $"Hello, thanks for your message. We are looking into it and will get back to you by private message. {authorFirstName}, {brand}",
        };
    }
}
