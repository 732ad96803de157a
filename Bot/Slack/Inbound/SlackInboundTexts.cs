namespace CmBot.Bot.Slack.Inbound;

/// <summary>What CmBot says to people on Slack outside cards, in the configured language (French or English).</summary>
public sealed record SlackInboundTexts(
    string Help,
    string NotInPeopleFile,
    string EmptyDraft,
    string ModalUnavailable,
    string TextChanged,
    string Busy,
    string Failed,
    string EditTitle,
    string ApproveTitle,
    string RejectTitle,
    string BreakGlassTitle,
    string BreakGlassReason,
    string Cancel,
    string RequestChangesTitle,
    string RequestChangesSubmit,
    string RequestChangesReason,
    string EmptyComment,
    string MarkPostedTitle,
    string MarkPostedLink,
    string BadLink)
{
    public static readonly SlackInboundTexts English = new(
        "Hi, I'm CmBot. I post alerts with buttons to acknowledge, draft, approve and publish replies. Type `/cm help` to see the commands.",
        "You are not in CmBot's team list yet: ask an admin to add your Slack id ({0}) to people.yaml.",
        "Write the reply before saving.",
        "The form could not be opened in time; please click again.",
        "The text changed since you opened it; open it again to see the current version.",
        "CmBot is busy; please try again in a moment.",
        "CmBot could not do that; the team's admin can find the reason in its logs.",
        "Edit the reply",
        "Approve the reply",
        "Reject the reply",
        "Publish without approval",
        "Why can this not wait for approval? (reviewed afterwards)",
        "Cancel",
        "Request changes",
        "Send back",
        "Which changes are needed?",
        "Say which changes are needed.",
        "Mark as posted",
        "Link to the posted reply (https://…)",
        "Paste the http or https link of the posted reply.");

    public static readonly SlackInboundTexts French = new(
        "Bonjour, je suis CmBot. Je publie les alertes avec des boutons pour prendre en charge, rédiger, approuver et publier les réponses. Tapez `/cm help` pour voir les commandes.",
        "Vous n'êtes pas encore dans l'équipe de CmBot : demandez à un admin d'ajouter votre identifiant Slack ({0}) à people.yaml.",
        "Écrivez la réponse avant d'enregistrer.",
        "Le formulaire n'a pas pu s'ouvrir à temps ; cliquez à nouveau.",
        "Le texte a changé depuis que vous l'avez ouvert ; rouvrez-le pour voir la version actuelle.",
        "CmBot est occupé ; réessayez dans un instant.",
        "CmBot n'a pas pu le faire ; l'admin de l'équipe en trouvera la raison dans ses journaux.",
        "Modifier la réponse",
        "Approuver la réponse",
        "Refuser la réponse",
        "Publier sans approbation",
        "Pourquoi cela ne peut-il pas attendre l'approbation ? (relu ensuite)",
        "Annuler",
        "Demander des modifications",
        "Renvoyer",
        "Quelles modifications faut-il ?",
        "Indiquez les modifications à faire.",
        "Marquer comme publié",
        "Lien vers la réponse publiée (https://…)",
        "Collez le lien http ou https de la réponse publiée.");

    public static SlackInboundTexts For(string language) => language == "fr" ? French : English;
}
