namespace CmBot.Core.People;

/// <summary>A member of the team as declared in people.yaml, with the identities that map chat users to them.</summary>
public sealed record Person(
    string Id,
    string Name,
    IReadOnlyCollection<Role> Roles,
    string? Email = null,
    string? SlackUserId = null,
    string? TeamsUserId = null)
{
    public bool Has(Role role) => Roles.Contains(role);

    public string FirstName => Name.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries) is [var first, ..] ? first : Name;

    /// <summary>Someone who clicked in a chat but is not in people.yaml: can see, cannot act.</summary>
    public static Person Unknown(string chatUserId) => new($"unknown:{chatUserId}", chatUserId, []);
}
