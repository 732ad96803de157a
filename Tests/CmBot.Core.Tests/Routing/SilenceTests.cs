using CmBot.Core.Common;
using CmBot.Core.Incidents;
using CmBot.Core.People;
using CmBot.Core.Routing;
using CmBot.Core.Tests.People;

namespace CmBot.Core.Tests.Routing;

public sealed class SilenceTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 21, 0, 0, TimeSpan.Zero);
    private static readonly AlertLabels Recall = AlertLabels.Of(("topic", "topic:recall"), ("severity", "P2"));

    private static Silence TwoHours() => Silence.Create(Guid.NewGuid(), SilenceMatch.Parse("recall"), "camille", Now, TimeSpan.FromHours(2), "drill");

    [Fact]
    public void Mutes_DuringItsTime_ThenExpiresByTime()
    {
        var silence = TwoHours();

        Assert.True(silence.Mutes(Recall, Now));
        Assert.True(silence.Mutes(Recall, Now.AddHours(2).AddTicks(-1)));
        Assert.False(silence.Mutes(Recall, Now.AddHours(2)));
        Assert.False(silence.IsActive(Now.AddDays(1)));
    }

    [Fact]
    public void EndEarly_RecordsWhoAndWhenAndStopsMuting()
    {
        var ended = TwoHours().EndEarly("hugo", Now.AddMinutes(10));

        Assert.Equal(("hugo", Now.AddMinutes(10), Now.AddMinutes(10)), (ended.ExpiredBy, ended.ExpiredAt, ended.EndsAt));
        Assert.False(ended.Mutes(Recall, Now.AddMinutes(10)));
        Assert.Throws<InvalidOperationException>(() => ended.EndEarly("hugo", Now.AddMinutes(11)));
    }

    [Fact]
    public void Decide_StoredSilenceMatches_SilencedWithItsId()
    {
        var policy = new RoutingPolicy(
            new Route("team", [], false, [AlertLabels.Topic], GroupTimings.Default, [], [], [], "route"),
            [new Receiver("team", ["alerts"], [])], [], [], []);
        var silence = TwoHours();

        var during = policy.Decide(Recall, Now.AddMinutes(5), [silence], []);
        var after = policy.Decide(Recall, Now.AddHours(3), [silence], []);

        Assert.Equal((Suppression.Silenced, silence.Id), (during.Suppression, during.SilenceId));
        Assert.True(after.Send);
    }

    [Fact]
    public void ShortId_FirstEightHexDigitsAndFoundBack()
    {
        var silence = TwoHours();
        var other = TwoHours();

        Assert.Equal(silence.Id.ToString("N")[..8], silence.ShortId);
        Assert.Same(silence, SilenceRules.FindByShortId([silence, other], silence.ShortId.ToUpperInvariant()));
        Assert.Null(SilenceRules.FindByShortId([silence], "abc"));
        Assert.Null(SilenceRules.FindByShortId([silence], "zzzzzzzz"));
    }

    [Theory]
    [InlineData("camille")]
    [InlineData("hugo")]
    [InlineData("paul")]
    [InlineData("claire")]
    public void Check_RespondersMaySilence(string id)
    {
        var person = new[] { Team.Camille, Team.Hugo, Team.Paul, Team.Claire }.Single(p => p.Id == id);

        SilenceRules.Check(person, TimeSpan.FromHours(1), TimeSpan.FromDays(30), SilenceTexts.English);
        Assert.True(SilenceRules.MaySilence(new Person("root", "Root", [Role.Admin])));
    }

    [Fact]
    public void Check_LegalAndUnknown_RefusedForbidden()
    {
        var legal = Assert.Throws<DomainRuleException>(() => SilenceRules.Check(Team.Ines, TimeSpan.FromHours(1), TimeSpan.FromDays(30), SilenceTexts.English));
        var stranger = Assert.Throws<DomainRuleException>(() => SilenceRules.Check(Team.Stranger, TimeSpan.FromHours(1), TimeSpan.FromDays(30), SilenceTexts.French));

        Assert.Equal("forbidden", legal.Code);
        Assert.StartsWith("Inès Moreau may not create", legal.Message, StringComparison.Ordinal);
        Assert.StartsWith("U999 ne peut pas", stranger.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_LongerThanMax_RefusedWithTheLimit()
    {
        var ex = Assert.Throws<DomainRuleException>(() => SilenceRules.Check(Team.Camille, TimeSpan.FromDays(8), TimeSpan.FromDays(7), SilenceTexts.English));

        Assert.Equal(("input", "A silence lasts at most 7d."), (ex.Code, ex.Message));
    }

    [Theory]
    [InlineData(30, "30m")]
    [InlineData(120, "2h")]
    [InlineData(1440, "1d")]
    [InlineData(2190, "1d12h30m")]
    public void Typed_ReadsBackAsTheSameDuration(int minutes, string typed)
    {
        Assert.Equal(typed, SilenceTexts.Typed(TimeSpan.FromMinutes(minutes)));
        Assert.True(CmBot.Core.Chat.Commands.CommandDuration.TryParse(typed, out var back));
        Assert.Equal(TimeSpan.FromMinutes(minutes), back);
    }
}
