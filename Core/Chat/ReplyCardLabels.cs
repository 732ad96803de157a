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
    string Justification)
{
    public static readonly ReplyCardLabels English = new(
        "Publish now (CEO)", "Break glass (comment = why)", "Mark reviewed",
        "Published directly by the CEO,", "Published without approval by", "to review by legal or comms", "reviewed by", "Justification");

    public static readonly ReplyCardLabels French = new(
        "Publier maintenant (PDG)", "Bris de glace (commentaire = motif)", "Marquer comme relu",
        "Publié directement par la direction :", "Publié sans approbation par", "à relire par le juridique ou la communication", "relu par", "Motif");

    public static ReplyCardLabels For(CardLabels labels) => labels == CardLabels.French ? French : English;
}
