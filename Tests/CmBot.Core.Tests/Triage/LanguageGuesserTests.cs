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

    [Theory]
    [InlineData("Franchement la nouvelle K2 est top, the design is great et je la recommande à tout le monde", "fr")]
    [InlineData("The new K2 is honestly great and I recommend it, c'est top", "en")]
    [InlineData("Le SAV ne répond jamais, what a joke, je suis dégoûtée", "fr")]
    [InlineData("Customer service never answers my emails and the app is broken, c'est n'importe quoi", "en")]
    public void Guess_MixedFrenchAndEnglish_DominantLanguage(string text, string expected) =>
        Assert.Equal(expected, LanguageGuesser.Guess(text));

    [Theory]
    [InlineData("Rien à faire.", "fr")]
    [InlineData("Il a dit oui.", "fr")]
    [InlineData("C'est pas vrai !", "fr")]
    [InlineData("Pourquoi moi ?", "fr")]
    [InlineData("It's a trap", "en")]
    [InlineData("Why me?", "en")]
    public void Guess_ShortTextsWithContractionsOrFewWords_PicksLanguage(string text, string expected) =>
        Assert.Equal(expected, LanguageGuesser.Guess(text, fallback: "xx"));

    [Fact]
    public void Guess_OnlyOneLetterTokens_CountForNeither() =>
        Assert.Equal("xx", LanguageGuesser.Guess("j' c' n' t' s' m' a à", fallback: "xx"));
}
