namespace CmBot.Core.Replies.Guardrails;

/// <summary>
/// The phrases each guardrail looks for, French and English together (a reply may mix them). Phrases match
/// whole words, case- and accent-insensitive; apostrophes split words ("c'est" is "c est"); a trailing '*'
/// matches any ending. The charter may add its own phrases to these defaults.
/// </summary>
public sealed record GuardrailRules(
    IReadOnlyList<string> Liability,
    IReadOnlyList<string> Compensation,
    IReadOnlyList<string> SafetyClaims,
    IReadOnlyList<string> LegalVocabulary,
    IReadOnlyList<string> Blame)
{
    public static readonly GuardrailRules Default = new(
        Liability:
        [
            "our fault", "my fault", "we are responsible", "we re responsible", "we are liable", "we re liable",
            "we take full responsibility", "we accept responsibility", "we accept full responsibility", "we admit",
            "we were negligent", "manufacturing defect", "design flaw",
            "notre faute", "ma faute", "nous sommes responsables", "nous sommes fautifs", "nous reconnaissons notre responsabilite",
            "nous assumons la responsabilite", "nous assumons l entiere responsabilite", "nous assumons toute la responsabilite",
            "nous admettons", "nous avons ete negligents", "defaut de fabrication", "defaut de conception", "vice cache",
        ],
        Compensation:
        [
            "refund*", "reimburs*", "compensat*", "money back", "free replacement", "replace it for free", "replace them for free",
            "voucher*", "gift card*", "store credit", "we will pay", "we ll pay",
            "rembours*", "dedommag*", "indemnis*", "geste commercial", "bon d achat", "bons d achat", "carte cadeau",
            "remplacement gratuit", "echange gratuit", "a nos frais", "nous prendrons en charge", "prise en charge des frais",
        ],
        SafetyClaims:
        [
            "perfectly safe", "completely safe", "totally safe", "entirely safe", "100 safe", "is safe", "are safe",
            "no risk", "no danger", "no health risk", "no safety risk", "harmless", "risk free", "not dangerous", "poses no",
            "sans danger", "sans risque", "sans aucun danger", "sans aucun risque", "aucun risque", "aucun danger",
            "parfaitement sur", "parfaitement sure", "totalement sur", "totalement sure", "completement sur",
            "inoffensi*", "pas dangereu*", "ne presente aucun",
        ],
        LegalVocabulary:
        [
            "liable", "liability", "liabilities", "lawsuit*", "litigation", "negligence", "negligent", "legal action",
            "court", "courts", "damages", "settlement", "lawyer*", "attorney*", "without prejudice",
            "juridique*", "responsabilite civile", "prejudice", "contentieux", "tribunal", "tribunaux", "mise en demeure",
            "plainte", "plaintes", "avocat", "avocats", "sans reconnaissance de responsabilite", "transaction amiable",
        ],
        Blame:
        [
            "your fault", "you should have", "you should ve", "you didn t read", "you did not read", "user error",
            "votre faute", "vous auriez du", "vous n avez pas lu", "mauvaise utilisation", "erreur de manipulation",
        ]);
}
