using CmBot.Bot.Hosting;
using CmBot.Bot.Silences;
using Microsoft.Extensions.Configuration;

namespace CmBot.Bot.Tests.Silences;

public sealed class SilenceSettingsTests
{
    private static SilenceSettings From(params (string Key, string Value)[] settings) =>
        SilenceSettings.From(new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build());

    [Fact]
    public void From_Nothing_ThirtyDaysAndMuteTopicForADay() =>
        Assert.Equal(new SilenceSettings(TimeSpan.FromDays(30), TimeSpan.FromHours(24)), From());

    [Fact]
    public void From_TypedDurations_Read()
    {
        var settings = From(("Silences:MaxDuration", "7d"), ("Silences:MuteTopicDuration", "4h"));

        Assert.Equal(new SilenceSettings(TimeSpan.FromDays(7), TimeSpan.FromHours(4)), settings);
        Assert.Equal(["30m", "1h", "2h", "4h", "8h", "1d", "3d", "7d"], settings.AllowedChoices);
    }

    [Theory]
    [InlineData("Silences:MaxDuration", "forever", "Silences:MaxDuration: 'forever' is not a duration")]
    [InlineData("Silences:MuteTopicDuration", "0m", "Silences:MuteTopicDuration: '0m' is not a duration")]
    public void From_Unreadable_ConfigurationErrorNamesTheKey(string key, string value, string expected)
    {
        var ex = Assert.Throws<ConfigurationException>(() => From((key, value)));

        Assert.StartsWith(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_MuteTopicLongerThanMax_ConfigurationError()
    {
        var ex = Assert.Throws<ConfigurationException>(() => From(("Silences:MaxDuration", "1d"), ("Silences:MuteTopicDuration", "2d")));

        Assert.Equal("Silences:MuteTopicDuration: 2d is longer than Silences:MaxDuration (1d).", ex.Message);
    }
}
