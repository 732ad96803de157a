using CmBot.Bot.Teams.Inbound;

namespace CmBot.Bot.Tests.Teams;

public sealed class InvokeAnswersTests
{
    [Theory]
    [InlineData("task/fetch", "task")]
    [InlineData("task/submit", "task")]
    [InlineData("composeExtension/fetchTask", "task")]
    [InlineData("composeExtension/submitAction", "composeExtension")]
    [InlineData("composeExtension/query", "composeExtension")]
    [InlineData("composeExtension/queryLink", "composeExtension")]
    public void For_TaskModuleOrMessageExtension_BodyUnderTheKeyTeamsReads(string name, string key)
    {
        var answer = InvokeAnswers.For(name, "en");

        Assert.NotNull(answer);
        Assert.Equal([key], answer.Select(p => p.Key));
    }

    [Theory]
    [InlineData("signin/verifyState")]
    [InlineData("fileConsent/invoke")]
    [InlineData(null)]
    public void For_OtherInvoke_BareOk(string? name)
    {
        Assert.Null(InvokeAnswers.For(name, "en"));
    }

    [Fact]
    public void For_French_MessageInFrench()
    {
        var answer = InvokeAnswers.For("task/fetch", "fr")!;

        Assert.Equal("CmBot ne propose pas cette action ici.", (string?)answer["task"]!["value"]);
    }
}
