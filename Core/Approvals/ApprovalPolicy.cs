using CmBot.Core.People;

namespace CmBot.Core.Approvals;

/// <summary>One signature a reply needs: any one person holding one of these roles.</summary>
public sealed record ApprovalStep(IReadOnlyList<Role> AnyOf)
{
    public bool AcceptsAny(Person person)
    {
        ArgumentNullException.ThrowIfNull(person);
        return AnyOf.Any(person.Has);
    }

    /// <summary>"legal", "lead or legal".</summary>
    public string Describe() => string.Join(" or ", AnyOf.Select(RoleNames.Display));

    public bool Equals(ApprovalStep? other) => other is not null && AnyOf.ToHashSet().SetEquals(other.AnyOf);

    public override int GetHashCode() => AnyOf.Aggregate(0, (hash, role) => hash ^ role.GetHashCode());
}

/// <summary>
/// Who must sign a reply off before it can be published: every step needs its own approver (distinct people,
/// never the author), so two steps are four-eyes.
/// </summary>
public sealed record ApprovalRequirement(IReadOnlyList<ApprovalStep> Steps, string Why)
{
    public static readonly ApprovalRequirement None = new(Array.Empty<ApprovalStep>(), "no approval needed");

    /// <summary>A single step: any one of <paramref name="anyOf"/>.</summary>
    public ApprovalRequirement(IReadOnlyList<Role> anyOf, string why)
        : this(anyOf is { Count: > 0 } ? [new ApprovalStep(anyOf)] : Array.Empty<ApprovalStep>(), why)
    {
    }

    public bool IsRequired => Steps.Count > 0;

    /// <summary>"legal and comms", "lead or legal"; "nobody" when none is needed.</summary>
    public string Describe() => Steps.Count == 0 ? "nobody" : string.Join(" and ", Steps.Select(s => s.Describe()));
}
