using CmBot.Core.Chat.Commands;

namespace CmBot.Core.Tests.Chat.Commands;

public sealed class CommandDurationTests
{
    [Theory]
    [InlineData("30m", 30)]
    [InlineData("30min", 30)]
    [InlineData("45mn", 45)]
    [InlineData("2h", 120)]
    [InlineData("2H", 120)]
    [InlineData("1d", 1440)]
    [InlineData("1j", 1440)]
    [InlineData("1w", 10080)]
    [InlineData("1sem", 10080)]
    [InlineData("1h30m", 90)]
    [InlineData("1d12h", 2160)]
    [InlineData(" 2h ", 120)]
    public void TryParse_ShortDuration_ReadsIt(string text, int minutes)
    {
        Assert.True(CommandDuration.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromMinutes(minutes), duration);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2")]
    [InlineData("h")]
    [InlineData("2x")]
    [InlineData("2 h")]
    [InlineData("-2h")]
    [InlineData("0m")]
    [InlineData("1h30")]
    [InlineData("1.5h")]
    [InlineData("9999999d")]
    [InlineData("two hours")]
    public void TryParse_NotADuration_False(string? text)
    {
        Assert.False(CommandDuration.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.Zero, duration);
    }
}
