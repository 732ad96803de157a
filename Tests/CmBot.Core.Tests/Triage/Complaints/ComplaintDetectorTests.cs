using CmBot.Core.Text;
using CmBot.Core.Triage.Complaints;

namespace CmBot.Core.Tests.Triage.Complaints;

public sealed class ComplaintDetectorTests
{
    private static ComplaintVerdict Detect(string text, double sentiment = 0) =>
        ComplaintDetector.Default.Detect(TextFolding.Tokenize(text), TextFolding.Words(text), sentiment);

    [Theory]
    [InlineData("My order never arrived and nobody answers")]
    [InlineData("@lumio my kettle stopped working after two days, I want a refund")]
    [InlineData("I was charged twice for the same order")]
    [InlineData("ma bouilloire fuit depuis 2 jours, remboursez-moi")]
    [InlineData("Commande jamais reçue, toujours pas de réponse du SAV")]
    [InlineData("L'appli ne marche plus depuis la mise à jour")]
    [InlineData("Service client injoignable depuis 3 jours, zéro réponse")]
    [InlineData("colis toujours pas livré, ça devient n'importe quoi svp")]
    [InlineData("ma box est hors service, personne ne répond au téléphone")]
    [InlineData("Internet coupé depuis hier soir, vous comptez faire quoi ?")]
    [InlineData("colis tjrs pas arrivé, remboursez svp")]
    public void Detect_ProblemReports_AreComplaints(string text) => Assert.True(Detect(text).IsComplaint, text);

    [Theory]
    [InlineData("What is the current exchange rate?")]
    [InlineData("Love the new kettle, great design")]
    [InlineData("Quel est le délai de livraison pour la K2 ?")]
    [InlineData("Bravo à l'équipe pour le lancement")]
    [InlineData("Livré sans souci, merci !")]
    [InlineData("ptdr le nouveau spot pub est trop drôle")]
    public void Detect_QuestionsAndPraise_AreNotComplaints(string text) => Assert.False(Detect(text).IsComplaint, text);

    [Fact]
    public void Detect_WeakCueAlone_NotComplaint_WithNegativeToneItIs()
    {
        Assert.False(Detect("That movie was the worst").IsComplaint);
        Assert.True(Detect("Worst service ever, please fix it", sentiment: -0.6).IsComplaint);
    }

    [Fact]
    public void Detect_Cues_QuotedAsWritten()
    {
        var verdict = Detect("Ma commande n'est JAMAIS REÇUE, remboursez-moi");

        Assert.Contains("jamais reçue", verdict.Cues);
        Assert.Contains("remboursez", verdict.Cues);
    }

    [Fact]
    public void Detect_WildcardPhrase_MatchesWordStart() =>
        Assert.Contains("défectueuse", Detect("Bouilloire défectueuse dès le premier jour").Cues);
}
