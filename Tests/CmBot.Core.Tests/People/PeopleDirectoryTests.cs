using CmBot.Core.People;

namespace CmBot.Core.Tests.People;

public sealed class PeopleDirectoryTests
{
    [Fact]
    public void FindById_CaseInsensitive_Found()
    {
        var directory = new PeopleDirectory([Team.Camille, Team.Ines]);

        Assert.Same(Team.Ines, directory.FindById("INES"));
    }

    [Fact]
    public void Constructor_DuplicateId_ThrowsNamingId()
    {
        var ex = Assert.Throws<ArgumentException>(() => new PeopleDirectory([Team.Camille, Team.Camille]));

        Assert.Contains("camille", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FindBySlackUserAndEmail_Mapped_Found()
    {
        var anna = new Person("anna", "Anna Roy", [Role.Comms], Email: "Anna@Lumio.example", SlackUserId: "U123");
        var directory = new PeopleDirectory([anna]);

        Assert.Same(anna, directory.FindBySlackUser("U123"));
        Assert.Same(anna, directory.FindByEmail("anna@lumio.example"));
        Assert.Null(directory.FindBySlackUser("U999"));
    }

    [Fact]
    public void Unknown_Person_HasNoRoles() => Assert.Empty(Team.Stranger.Roles);

    [Fact]
    public void FirstName_FullName_FirstWord() => Assert.Equal("Inès", Team.Ines.FirstName);
}
