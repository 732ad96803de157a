using CmBot.Core.Text;

namespace CmBot.Core.Tests.Text;

public sealed class TextFoldingTests
{
    [Theory]
    [InlineData("Sécurité", "securite")]
    [InlineData("BRÛLÉ", "brule")]
    [InlineData("cœur", "coeur")]
    [InlineData("Ça va", "ca va")]
    public void Fold_AccentsAndCase_Removed(string input, string expected) =>
        Assert.Equal(expected, TextFolding.Fold(input));

    [Fact]
    public void Tokenize_ApostrophesAndPunctuation_SplitWords()
    {
        var tokens = TextFolding.Tokenize("J'appelle l'avocat!! La K2 a brûlé... #recall");

        Assert.Equal(["j", "appelle", "l", "avocat", "la", "k2", "a", "brule", "recall"], tokens);
    }

    [Fact]
    public void Words_SameBoundariesAsTokenize_KeepOriginalSpelling()
    {
        const string text = "Ma bouilloire a brûlé, c'est dangereux";

        var words = TextFolding.Words(text);
        var tokens = TextFolding.Tokenize(text);

        Assert.Equal(tokens.Count, words.Count);
        Assert.Contains("brûlé", words);
    }

    [Fact]
    public void Tokenize_Empty_NoTokens() => Assert.Empty(TextFolding.Tokenize("  ...  "));
}
