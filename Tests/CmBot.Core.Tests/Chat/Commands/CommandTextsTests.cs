using CmBot.Core.Chat.Commands;

namespace CmBot.Core.Tests.Chat.Commands;

public sealed class CommandTextsTests
{
    private static readonly CommandTexts English = CommandTexts.For("en");
    private static readonly CommandTexts French = CommandTexts.For("fr");

    [Theory]
    [InlineData("foo", "I did not understand: unknown command 'foo'.")]
    [InlineData("ack", "I did not understand: ack needs an incident number, e.g. /cm ack 12.")]
    [InlineData("ack x", "I did not understand: 'x' is not an incident number (type 12 or #12).")]
    [InlineData("silence k 45d", "I did not understand: a silence lasts at most 30 days ('45d' is longer).")]
    [InlineData("report 10m", "I did not understand: a report covers 1 hour to 90 days ('10m' is outside).")]
    public void NotUnderstood_English_ShortReason(string text, string expected) =>
        Assert.Equal(expected, English.NotUnderstood(((HelpCommand)CommandParser.Parse(text)).Problem!));

    [Theory]
    [InlineData("truc", "Je n'ai pas compris : commande inconnue « truc ».")]
    [InlineData("brouillon", "Je n'ai pas compris : brouillon demande un numéro d'incident, par exemple /cm brouillon 12.")]
    [InlineData("rapport 2x", "Je n'ai pas compris : « 2x » n'est pas une durée (tapez 30m, 2h ou 1j).")]
    public void NotUnderstood_French_ShortReason(string text, string expected) =>
        Assert.Equal(expected, French.NotUnderstood(((HelpCommand)CommandParser.Parse(text)).Problem!));

    [Fact]
    public void NotUnderstood_EveryProblemKind_HasAnEnglishAndFrenchReason()
    {
        foreach (var kind in Enum.GetValues<CommandProblemKind>())
        {
            var problem = new CommandProblem(kind, "w");
            Assert.StartsWith("I did not understand: ", English.NotUnderstood(problem), StringComparison.Ordinal);
            Assert.StartsWith("Je n'ai pas compris : ", French.NotUnderstood(problem), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(24, "24 hours", "24 heures")]
    [InlineData(1, "1 hour", "1 heure")]
    [InlineData(7 * 24, "7 days", "7 jours")]
    [InlineData(30 * 24, "30 days", "30 jours")]
    [InlineData(36, "36 hours", "36 heures")]
    public void Period_WholeHoursOrDays_AsPeopleSayIt(int hours, string english, string french)
    {
        Assert.Equal(english, English.Period(TimeSpan.FromHours(hours)));
        Assert.Equal(french, French.Period(TimeSpan.FromHours(hours)));
    }

    [Theory]
    [InlineData(0.5, "< 1 min")]
    [InlineData(45, "45 min")]
    [InlineData(192, "3 h 12 min")]
    [InlineData(60 * 52, "2 d 4 h")]
    public void Elapsed_English_Compact(double minutes, string expected) =>
        Assert.Equal(expected, English.Elapsed(TimeSpan.FromMinutes(minutes)));

    [Fact]
    public void Elapsed_FrenchDays_UsesJ() => Assert.Equal("2 j 4 h", French.Elapsed(TimeSpan.FromHours(52)));

    [Fact]
    public void HelpLines_BothLanguages_ListEveryVerbOnceWithAWordTheParserKnows()
    {
        string[] verbs = [CommandWords.Help, CommandWords.Status, CommandWords.Acknowledge, CommandWords.Draft, CommandWords.Silence, CommandWords.Silences, CommandWords.Unsilence, CommandWords.Report];
        foreach (var texts in new[] { English, French })
        {
            var typed = texts.HelpLines.Select(l => CommandWords.Canonical(l.Usage.Split(' ')[1])).ToList();
            Assert.Equal(verbs.Order(), typed.Order());
        }
    }
}
