namespace CmBot.Core.People;

/// <summary>What a person may do in CmBot. A person can hold several roles.</summary>
public enum Role
{
    CommunityManager,
    Lead,
    Legal,
    Comms,
    Ceo,
    Admin,
}
