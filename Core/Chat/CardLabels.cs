namespace CmBot.Core.Chat;

/// <summary>The fixed words on cards, in the configured language (French or English).</summary>
public sealed record CardLabels(
    string Mentions,
    string Negative,
    string Reach,
    string Why,
    string Opened,
    string Open,
    string AcknowledgedBy,
    string Acknowledge,
    string DraftReply,
    string Reply,
    string Text,
    string Comment,
    string SaveEdit,
    string Approve,
    string Reject,
    string Publish,
    string NeedsApprovalBy,
    string ApprovedBy,
    string RejectedBy,
    string PublishedBy,
    string Source,
    string Revision)
{
    public static readonly CardLabels English = new(
        "Mentions", "Negative", "Reach", "Why", "Opened", "Open — nobody has acknowledged yet", "Acknowledged by",
        "Acknowledge", "Draft a reply", "Reply draft", "Text", "Comment", "Save edit", "Approve", "Reject", "Publish",
        "Needs approval by", "Approved by", "Rejected by", "Published by", "Source post", "Revision");

    public static readonly CardLabels French = new(
        "Mentions", "Négatives", "Audience", "Pourquoi", "Ouvert", "Ouvert — personne n'a encore pris en charge", "Pris en charge par",
        "Prendre en charge", "Rédiger une réponse", "Projet de réponse", "Texte", "Commentaire", "Enregistrer", "Approuver", "Refuser", "Publier",
        "À approuver par", "Approuvé par", "Refusé par", "Publié par", "Message d'origine", "Version");

    public static CardLabels For(string language) => language == "fr" ? French : English;
}
