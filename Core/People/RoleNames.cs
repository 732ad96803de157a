namespace CmBot.Core.People;

/// <summary>How roles are written in people.yaml and shown to people.</summary>
public static class RoleNames
{
    /// <summary>The kebab-case key used in people.yaml and APIs ("community-manager").</summary>
    public static string Key(Role role) => role switch
    {
        Role.CommunityManager => "community-manager",
        _ => role.ToString().ToLowerInvariant(),
    };

    /// <summary>The words shown in messages ("community manager").</summary>
    public static string Display(Role role) => Key(role).Replace('-', ' ');
}
