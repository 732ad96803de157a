using CmBot.Core.Text;
using CmBot.Core.Triage.Complaints;

namespace CmBot.Core.Tests.Triage.Complaints;

/// <summary>English failure reports built from denials and verbs of a product doing its job (FailureReports).</summary>
public sealed class FailureReportsTests
{
    private static ComplaintVerdict Detect(string text) =>
        ComplaintDetector.Default.Detect(TextFolding.Tokenize(text), TextFolding.Words(text), 0);

    [Theory]
    [InlineData("Your stupid site will not let me login to my email", "will not let me")]
    [InlineData("hello, do you still have a chat service? I'm not able to find it", "not able to find")]
    [InlineData("I'm not getting e-mail notifications and comments aren't appearing", "not getting")]
    [InlineData("I bought a game but I did not get it", "did not get")]
    [InlineData("i cant access my email since yesterday", "cant access")]
    [InlineData("the app keeps logging me out", "keeps logging me out")]
    [InlineData("I am having trouble activating my card", "having trouble")]
    [InlineData("my refund still hasn't gone through", "hasn t gone")]
    [InlineData("Every other movie buffers and won't play", "won t play")]
    public void Detect_FailureReport_IsComplaintQuotingTheCue(string text, string cue)
    {
        var verdict = Detect(text);

        Assert.True(verdict.IsComplaint, text);
        Assert.Contains(verdict.Cues, c => string.Join(' ', TextFolding.Tokenize(c)).Contains(cue, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("I don't get why people like this show")]
    [InlineData("Don't play dumb, we all know what you meant")]
    [InlineData("Can't wait for the new model!")]
    [InlineData("I can't believe how good this kettle is")]
    [InlineData("Even a new router won't save you from that laggy game")]
    public void Detect_DenialWithoutAFailingFunction_NotComplaint(string text) => Assert.False(Detect(text).IsComplaint, text);

    [Theory]
    [InlineData("L'appli ne se lance plus depuis la mise à jour", "ne se lance plus")]
    [InlineData("je ne reçois pas le code de validation", "ne recois pas")]
    [InlineData("ma carte ne s'affiche plus dans mon compte", "ne s affiche plus")]
    [InlineData("le terminal ne reconnaît pas ma carte", "ne reconnait pas")]
    public void Detect_FrenchFailureReport_IsComplaint(string text, string cue)
    {
        var verdict = Detect(text);

        Assert.True(verdict.IsComplaint, text);
        Assert.Contains(verdict.Cues, c => string.Join(' ', TextFolding.Tokenize(c)).Contains(cue, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ce spot ne passe pas inaperçu")]
    [InlineData("je ne trouve pas ça drôle du tout")]
    [InlineData("la nouvelle bouilloire ne laisse pas indifférent")]
    public void Detect_FrenchDenialWithoutAFailingFunction_NotComplaint(string text) => Assert.False(Detect(text).IsComplaint, text);

    [Fact]
    public void English_EveryPhraseFolded_NoDuplicates()
    {
        Assert.Equal(FailureReports.English.Count, FailureReports.English.Distinct(StringComparer.Ordinal).Count());
        Assert.All(FailureReports.English, p => Assert.Equal(string.Join(' ', TextFolding.Tokenize(p)), p));
        Assert.All(FailureReports.French, p => Assert.Equal(string.Join(' ', TextFolding.Tokenize(p)), p));
        Assert.Contains("can t log in", FailureReports.English);
        Assert.DoesNotContain("don t get", FailureReports.English);
    }
}
