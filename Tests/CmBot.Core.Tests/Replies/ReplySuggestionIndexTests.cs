using CmBot.Core.Replies.Suggestions;

namespace CmBot.Core.Tests.Replies;

/// <summary>Suggestions from approved replies: TF-IDF cosine over the answered mentions, same language only.</summary>
public sealed class ReplySuggestionIndexTests
{
    private static readonly ApprovedReply KettleFr = new(Guid.NewGuid(), "fr", "Ma bouilloire K2 a pris feu ce matin, c'est dangereux !", "Bonjour, la sécurité passe avant tout. Camille, Lumio", "Camille");
    private static readonly ApprovedReply DeliveryFr = new(Guid.NewGuid(), "fr", "Livraison en retard depuis deux semaines, aucune réponse du service client", "Bonjour, désolés pour ce retard. Hugo, Lumio", "Hugo");
    private static readonly ApprovedReply KettleEn = new(Guid.NewGuid(), "en", "My K2 kettle caught fire this morning, dangerous!", "Hello, safety comes first. Camille, Lumio", "Camille");
    private static readonly ApprovedReply DeliveryEn = new(Guid.NewGuid(), "en", "Delivery late for two weeks and no answer from customer service", "Hello, sorry for the delay. Hugo, Lumio", "Hugo");

    private static ReplySuggestionIndex Index() => new([KettleFr, DeliveryFr, KettleEn, DeliveryEn]);

    [Fact]
    public void Suggest_SimilarMention_BestFirst()
    {
        var suggestions = Index().Suggest("La bouilloire K2 de ma mère a pris feu, c'est dangereux", "fr");

        Assert.Equal(KettleFr, suggestions[0].Reply);
        Assert.InRange(suggestions[0].Score, 0.5, 1.0);
        Assert.All(suggestions.Skip(1), s => Assert.True(s.Score < suggestions[0].Score));
    }

    [Fact]
    public void Suggest_AccentsAndCaseFolded()
    {
        var suggestions = Index().Suggest("LIVRAISON EN RETARD, SERVICE CLIENT INJOIGNABLE", "fr", top: 1);

        Assert.Equal(DeliveryFr, Assert.Single(suggestions).Reply);
    }

    [Fact]
    public void Suggest_OnlySameLanguage()
    {
        // "K2" is shared with the English kettle reply, which must not be offered for a French mention.
        var suggestions = Index().Suggest("K2 fire dangerous kettle", "fr", minScore: 0.0);

        Assert.All(suggestions, s => Assert.Equal("fr", s.Reply.Language));
        Assert.Equal(KettleEn, Index().Suggest("K2 fire dangerous kettle", "en", top: 1)[0].Reply);
    }

    [Fact]
    public void Suggest_NothingInCommon_Empty()
    {
        Assert.Empty(Index().Suggest("Super produit, merci !", "fr"));
        Assert.Empty(Index().Suggest("", "fr"));
        Assert.Empty(new ReplySuggestionIndex([]).Suggest("bouilloire feu", "fr"));
    }

    [Fact]
    public void Suggest_BelowThreshold_Dropped()
    {
        var loose = Index().Suggest("retard bouilloire", "fr", top: 3, minScore: 0.0);
        var strict = Index().Suggest("retard bouilloire", "fr", top: 3, minScore: 0.99);

        Assert.Equal(2, loose.Count);
        Assert.Empty(strict);
    }

    [Fact]
    public void Suggest_Top_LimitsCount()
    {
        var replies = Enumerable.Range(0, 10).Select(i => new ApprovedReply(Guid.NewGuid(), "en", $"kettle fire number{i}", "Hello", null));

        Assert.Equal(3, new ReplySuggestionIndex(replies).Suggest("kettle fire", "en", top: 3).Count);
    }

    [Fact]
    public void Suggest_IdenticalMention_ScoreOne()
    {
        var suggestion = Index().Suggest(DeliveryEn.MentionText, "en", top: 1)[0];

        Assert.Equal(DeliveryEn, suggestion.Reply);
        Assert.Equal(1.0, suggestion.Score, 6);
    }

    [Theory]
    [InlineData("Hello, sorry. Hugo, Lumio", "Hugo", "Camille", "Hello, sorry. Camille, Lumio")]
    [InlineData("Hugo here: Hugo, Lumio", "Hugo", "Inès", "Hugo here: Inès, Lumio")]
    [InlineData("Hello. Hugues, Lumio", "Hugo", "Camille", "Hello. Hugues, Lumio")]
    [InlineData("Hello. Hugo, Lumio", null, "Camille", "Hello. Hugo, Lumio")]
    public void Resign_ReplacesLastWholeWordOccurrence(string text, string? previous, string next, string expected) =>
        Assert.Equal(expected, Signature.Resign(text, previous, next));
}
