using CmBot.Core.Chat.Commands;

namespace CmBot.Core.Tests.Chat.Commands;

public sealed class CommandParserTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("help")]
    [InlineData("HELP")]
    [InlineData("aide")]
    [InlineData("Aide")]
    [InlineData("?")]
    [InlineData("help ack")]
    public void Parse_HelpOrNothing_HelpWithoutProblem(string? text)
    {
        var command = Assert.IsType<HelpCommand>(CommandParser.Parse(text));

        Assert.Null(command.Problem);
    }

    [Theory]
    [InlineData("status")]
    [InlineData("Status")]
    [InlineData("  status  ")]
    [InlineData("statut")]
    [InlineData("STATUT")]
    [InlineData("état")]
    [InlineData("ETAT")]
    public void Parse_StatusAndAliases_Status(string text) =>
        Assert.IsType<StatusCommand>(CommandParser.Parse(text));

    [Theory]
    [InlineData("ack 12", 12)]
    [InlineData("ack #12", 12)]
    [InlineData("ACK   #7", 7)]
    [InlineData("  ack\t3 ", 3)]
    [InlineData("acknowledge 4", 4)]
    [InlineData("ack 007", 7)]
    [InlineData("ack\u00a05", 5)]
    public void Parse_AckWithNumber_AcknowledgeThatIncident(string text, int number)
    {
        var command = Assert.IsType<AcknowledgeCommand>(CommandParser.Parse(text));

        Assert.Equal(number, command.IncidentNumber);
    }

    [Theory]
    [InlineData("draft 12", 12)]
    [InlineData("Draft #1", 1)]
    [InlineData("brouillon 3", 3)]
    [InlineData("rédiger #9", 9)]
    public void Parse_DraftWithNumber_DraftForThatIncident(string text, int number)
    {
        var command = Assert.IsType<DraftCommand>(CommandParser.Parse(text));

        Assert.Equal(number, command.IncidentNumber);
    }

    [Theory]
    [InlineData("ack", "ack")]
    [InlineData("ACK", "ack")]
    [InlineData("draft", "draft")]
    [InlineData("brouillon", "brouillon")]
    public void Parse_IncidentVerbWithoutNumber_HelpSaysNumberMissing(string text, string verb)
    {
        var problem = ProblemOf(text);

        Assert.Equal(CommandProblemKind.MissingIncidentNumber, problem.Kind);
        Assert.Equal(verb, problem.Word);
    }

    [Theory]
    [InlineData("ack abc", "abc")]
    [InlineData("ack #", "#")]
    [InlineData("ack 0", "0")]
    [InlineData("ack #0", "#0")]
    [InlineData("ack -3", "-3")]
    [InlineData("ack 1.5", "1.5")]
    [InlineData("ack ##2", "##2")]
    [InlineData("draft 99999999999", "99999999999")]
    [InlineData("ack +4", "+4")]
    public void Parse_IncidentVerbWithBadNumber_HelpQuotesTheWord(string text, string word)
    {
        var problem = ProblemOf(text);

        Assert.Equal(CommandProblemKind.InvalidIncidentNumber, problem.Kind);
        Assert.Equal(word, problem.Word);
    }

    [Theory]
    [InlineData("ack 1 2", "ack")]
    [InlineData("draft 1 please", "draft")]
    [InlineData("status now", "status")]
    [InlineData("report 7d 24h", "report")]
    [InlineData("Rapport 7d 24h", "rapport")]
    public void Parse_ExtraWords_HelpSaysTooMany(string text, string verb)
    {
        var problem = ProblemOf(text);

        Assert.Equal(CommandProblemKind.TooManyArguments, problem.Kind);
        Assert.Equal(verb, problem.Word);
    }

    [Theory]
    [InlineData("foo", "foo")]
    [InlineData("Foo bar", "Foo")]
    [InlineData("acknowledged 3", "acknowledged")]
    [InlineData("<!channel>", "<!channel>")]
    public void Parse_UnknownVerb_HelpQuotesItAsTyped(string text, string word)
    {
        var problem = ProblemOf(text);

        Assert.Equal(CommandProblemKind.UnknownCommand, problem.Kind);
        Assert.Equal(word, problem.Word);
    }

    [Theory]
    [InlineData("silence kettle 2h", "kettle", 120)]
    [InlineData("SILENCE Kettle 30m", "Kettle", 30)]
    [InlineData("silence K2 kettle 1d", "K2 kettle", 1440)]
    [InlineData("silence \"K2 kettle\" 1h30m", "K2 kettle", 90)]
    [InlineData("silence « bouilloire K2 » 7j", "bouilloire K2", 10080)]
    [InlineData("mute   recall    45m", "recall", 45)]
    public void Parse_SilenceWithMatchAndDuration_Silence(string text, string match, int minutes)
    {
        var command = Assert.IsType<SilenceCommand>(CommandParser.Parse(text));

        Assert.Equal(match, command.Match);
        Assert.Equal(TimeSpan.FromMinutes(minutes), command.Duration);
        Assert.Null(command.Reason);
    }

    [Theory]
    [InlineData("silence topic=recall 2h legal is on it", "topic=recall", 120, "legal is on it")]
    [InlineData("silence risk=legal,source=reddit 1d \"drill\"", "risk=legal,source=reddit", 1440, "drill")]
    [InlineData("silence K2 kettle 30m known issue", "K2 kettle", 30, "known issue")]
    public void Parse_SilenceWithReason_MatchUpToTheDurationReasonAfter(string text, string match, int minutes, string reason)
    {
        var command = Assert.IsType<SilenceCommand>(CommandParser.Parse(text));

        Assert.Equal((match, TimeSpan.FromMinutes(minutes), reason), (command.Match, command.Duration, command.Reason));
    }

    [Fact]
    public void Parse_SilenceAlone_OpensTheForm() => Assert.IsType<SilenceFormCommand>(CommandParser.Parse("silence"));

    [Fact]
    public void Parse_Silences_ListsThem() => Assert.IsType<SilencesCommand>(CommandParser.Parse("silences"));

    [Theory]
    [InlineData("unsilence 3f2a9c1b", "3f2a9c1b")]
    [InlineData("unmute #3f2a", "3f2a")]
    public void Parse_Unsilence_KeepsTheId(string text, string id) =>
        Assert.Equal(id, Assert.IsType<UnsilenceCommand>(CommandParser.Parse(text)).Id);

    [Fact]
    public void Parse_UnsilenceWithoutId_HelpAsksForIt() =>
        Assert.Equal(CommandProblemKind.MissingSilenceId, ProblemOf("unsilence").Kind);

    [Fact]
    public void Parse_SilenceLongerThanConfiguredMax_TooLongWithThatLimit()
    {
        var help = Assert.IsType<HelpCommand>(CommandParser.Parse("silence kettle 3d", TimeSpan.FromDays(2)));

        Assert.Equal(new CommandProblem(CommandProblemKind.SilenceTooLong, "3d", TimeSpan.FromDays(2)), help.Problem);
        Assert.Equal("I did not understand: a silence lasts at most 2 days ('3d' is longer).", new EnglishCommandTexts().NotUnderstood(help.Problem!));
    }

    [Theory]
    [InlineData("silence 2h")]
    [InlineData("silence \"\" 2h")]
    public void Parse_SilenceMissingParts_HelpSaysWhatSilenceNeeds(string text) =>
        Assert.Equal(CommandProblemKind.MissingSilenceArguments, ProblemOf(text).Kind);

    [Theory]
    [InlineData("silence kettle soon", "soon")]
    [InlineData("silence kettle 2x", "2x")]
    [InlineData("silence kettle 2", "2")]
    public void Parse_SilenceBadDuration_HelpQuotesTheDuration(string text, string word)
    {
        var problem = ProblemOf(text);

        Assert.Equal(CommandProblemKind.InvalidDuration, problem.Kind);
        Assert.Equal(word, problem.Word);
    }

    [Fact]
    public void Parse_SilenceLongerThanMax_HelpSaysTooLong() =>
        Assert.Equal(CommandProblemKind.SilenceTooLong, ProblemOf("silence kettle 31d").Kind);

    [Theory]
    [InlineData("report", 7 * 24)]
    [InlineData("report 7d", 7 * 24)]
    [InlineData("report 24h", 24)]
    [InlineData("report 30d", 30 * 24)]
    [InlineData("Report 30D", 30 * 24)]
    [InlineData("rapport 7j", 7 * 24)]
    [InlineData("bilan 1w", 7 * 24)]
    [InlineData("rapport", 7 * 24)]
    public void Parse_ReportWithOrWithoutPeriod_ReportOverThatPeriod(string text, int hours)
    {
        var command = Assert.IsType<ReportCommand>(CommandParser.Parse(text));

        Assert.Equal(TimeSpan.FromHours(hours), command.Period);
    }

    [Theory]
    [InlineData("report 30m", CommandProblemKind.ReportPeriodOutOfRange)]
    [InlineData("report 91d", CommandProblemKind.ReportPeriodOutOfRange)]
    [InlineData("report week", CommandProblemKind.InvalidDuration)]
    [InlineData("report 7", CommandProblemKind.InvalidDuration)]
    public void Parse_ReportBadPeriod_HelpSaysWhy(string text, CommandProblemKind kind)
    {
        var problem = ProblemOf(text);

        Assert.Equal(kind, problem.Kind);
        Assert.Equal(text.Split(' ')[1], problem.Word);
    }

    [Theory]
    [InlineData("12", 12)]
    [InlineData("#12", 12)]
    [InlineData("#0012", 12)]
    [InlineData("12#", null)]
    [InlineData("", null)]
    [InlineData(" 12", null)]
    [InlineData("٣", null)]
    public void ParseIncidentNumber_AsTyped_NumberOrNull(string word, int? expected) =>
        Assert.Equal(expected, CommandParser.ParseIncidentNumber(word));

    private static CommandProblem ProblemOf(string text)
    {
        var help = Assert.IsType<HelpCommand>(CommandParser.Parse(text));
        Assert.NotNull(help.Problem);
        return help.Problem;
    }
}
