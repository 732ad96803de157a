using CmBot.Core.Triage;

namespace CmBot.Core.Tests.Triage;

public sealed class LanguageGuesserTests
{
    [Theory]
    [InlineData("Ma bouilloire ne chauffe plus, c'est pas normal", "fr")]
    [InlineData("My kettle is not heating anymore and that is weird", "en")]
    public void Guess_FunctionWords_PicksLanguage(string text, string expected) =>
        Assert.Equal(expected, LanguageGuesser.Guess(text));

    [Fact]
    public void Guess_NoFunctionWords_Fallback() => Assert.Equal("fr", LanguageGuesser.Guess("Lumio K2 !!!", "fr"));
}
