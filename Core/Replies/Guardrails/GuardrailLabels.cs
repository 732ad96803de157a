namespace CmBot.Core.Replies.Guardrails;

/// <summary>How findings are named on cards, in French or English.</summary>
public sealed record GuardrailLabels(IReadOnlyDictionary<GuardrailKind, string> Kinds, string Blocks, string Review, string Notice, string MissingSignature)
{
    public static readonly GuardrailLabels English = new(
        new Dictionary<GuardrailKind, string>
        {
            [GuardrailKind.LiabilityAdmission] = "Admits liability",
            [GuardrailKind.CompensationPromise] = "Promises compensation",
            [GuardrailKind.SafetyClaim] = "Safety claim",
            [GuardrailKind.LegalVocabulary] = "Legal wording",
            [GuardrailKind.PersonalData] = "Personal data",
            [GuardrailKind.TooLong] = "Too long for the platform",
            [GuardrailKind.Tone] = "Tone",
            [GuardrailKind.MissingSignature] = "Signature",
        },
        "blocks publishing", "needs review", "check", "not signed with the author's first name");

    public static readonly GuardrailLabels French = new(
        new Dictionary<GuardrailKind, string>
        {
            [GuardrailKind.LiabilityAdmission] = "Reconnaît une responsabilité",
            [GuardrailKind.CompensationPromise] = "Promet un dédommagement",
            [GuardrailKind.SafetyClaim] = "Affirmation sur la sécurité",
            [GuardrailKind.LegalVocabulary] = "Vocabulaire juridique",
            [GuardrailKind.PersonalData] = "Données personnelles",
            [GuardrailKind.TooLong] = "Trop long pour la plateforme",
            [GuardrailKind.Tone] = "Ton",
            [GuardrailKind.MissingSignature] = "Signature",
        },
        "bloque la publication", "à faire relire", "à vérifier", "pas signé du prénom de l'auteur");

    public static GuardrailLabels For(string language) => language == "fr" ? French : English;

    /// <summary>"Promises compensation: “refund” (needs review)".</summary>
    public (string Label, string Value) Describe(GuardrailFinding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        var weight = finding.Level switch
        {
            GuardrailLevel.Block => Blocks,
            GuardrailLevel.Review => Review,
            _ => Notice,
        };
        var evidence = finding.Kind == GuardrailKind.MissingSignature ? MissingSignature : $"“{finding.Evidence}”";
        return (Kinds[finding.Kind], $"{evidence} ({weight})");
    }
}
