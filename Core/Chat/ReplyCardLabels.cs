namespace CmBot.Core.Chat;

/// <summary>The words of the reply card's paths around approval (CEO direct, break-glass, review), French or English.</summary>
public sealed record ReplyCardLabels(
    string PublishAsCeo,
    string BreakGlass,
    string MarkReviewed,
    string PublishedDirectlyBy,
    string PublishedBreakGlassBy,
    string AwaitsReview,
    string ReviewedBy,
    string Justification,
    string RequestChanges,
    string ChangesRequestedBy,
    string PostManually,
    string MarkPosted,
    string PostedLink,
    string PostedManuallyBy,
    string AsDeputyOf,
    string UseSuggestion)
{
    public static readonly ReplyCardLabels English = new(
        "Publish now (CEO)", "Break glass (comment = why)", "Mark reviewed",
        "Published directly by the CEO,", "Published without approval by", "to review by legal or comms", "reviewed by", "Justification",
        "Request changes", "Changes requested by", "No connector posts here: copy the text below, post it, then mark it as posted.",
        "Mark as posted", "Link to the posted reply", "Posted by hand by", "as deputy of", "Use suggestion {0} ({1:P0})");

    public static readonly ReplyCardLabels French = new(
        "Publier maintenant (PDG)", "Bris de glace (commentaire = motif)", "Marquer comme relu",
        "Publié directement par la direction :", "Publié sans approbation par", "à relire par le juridique ou la communication", "relu par", "Motif",
        "Demander des modifications", "Modifications demandées par", "Aucun connecteur ne publie ici : copiez le texte ci-dessous, publiez-le, puis marquez-le comme publié.",
        "Marquer comme publié", "Lien vers la réponse publiée", "Publié à la main par", "en suppléance de", "Utiliser la suggestion {0} ({1:P0})");

    public static ReplyCardLabels For(CardLabels labels) => labels == CardLabels.French ? French : English;
}
