using CmBot.Core.People;

namespace CmBot.Core.Tests.People;

/// <summary>The demo team used across Core tests.</summary>
internal static class Team
{
    public static readonly Person Camille = new("camille", "Camille Martin", [Role.CommunityManager]);
    public static readonly Person Hugo = new("hugo", "Hugo Lefèvre", [Role.Lead]);
    public static readonly Person Ines = new("ines", "Inès Moreau", [Role.Legal]);
    public static readonly Person Claire = new("claire", "Claire Dubois", [Role.Ceo]);
    public static readonly Person Paul = new("paul", "Paul Girard", [Role.Comms]);
    public static readonly Person Stranger = Person.Unknown("U999");
}
