namespace CmBot.Core.Replies.Guardrails;

/// <summary>What a guardrail finding is about. Names are stable: approval policies match on them.</summary>
public enum GuardrailKind
{
    /// <summary>"It's our fault", "nous reconnaissons notre responsabilité": commits the company.</summary>
    LiabilityAdmission,

    /// <summary>A refund, compensation or free replacement promised in public.</summary>
    CompensationPromise,

    /// <summary>"Perfectly safe", "sans danger": a safety or health claim someone will quote back.</summary>
    SafetyClaim,

    /// <summary>Legal vocabulary (liable, lawsuit, préjudice, tribunal) that legal should word.</summary>
    LegalVocabulary,

    /// <summary>An e-mail address, phone number, order or account number in a public reply.</summary>
    PersonalData,

    /// <summary>Longer than the target platform allows.</summary>
    TooLong,

    /// <summary>Against the charter's tone: shouting, blaming the customer.</summary>
    Tone,

    /// <summary>Not signed with the author's first name, as the charter asks (it calms conversations).</summary>
    MissingSignature,
}

/// <summary>How much a finding weighs.</summary>
public enum GuardrailLevel
{
    /// <summary>Shown inline; no effect on the approval path.</summary>
    Notice,

    /// <summary>Shown inline and forces a stricter approval path (the policy decides who).</summary>
    Review,

    /// <summary>The text cannot be published as it is.</summary>
    Block,
}
