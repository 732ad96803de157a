using CmBot.Bot.Hosting;
using CmBot.Core.Chat.Commands;

namespace CmBot.Bot.Silences;

/// <summary>
/// The <c>Silences</c> configuration: the longest silence anyone may create (<c>MaxDuration</c>, default 30d) and how
/// long "Mute topic" mutes (<c>MuteTopicDuration</c>, default 24h). Durations are written as people type them.
/// </summary>
public sealed record SilenceSettings(TimeSpan MaxDuration, TimeSpan MuteTopicDuration)
{
    public const string Section = "Silences";
    public static readonly SilenceSettings Default = new(TimeSpan.FromDays(30), TimeSpan.FromHours(24));

    /// <summary>The durations offered by the Slack form, filtered by <see cref="MaxDuration"/>.</summary>
    public static readonly IReadOnlyList<string> Choices = ["30m", "1h", "2h", "4h", "8h", "1d", "3d", "7d", "30d"];

    public IReadOnlyList<string> AllowedChoices =>
        [.. Choices.Where(c => CommandDuration.TryParse(c, out var d) && d <= MaxDuration)];

    /// <exception cref="ConfigurationException">A duration cannot be read, is not positive, or "Mute topic" exceeds the maximum.</exception>
    public static SilenceSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var max = Read(configuration, "MaxDuration", Default.MaxDuration);
        var mute = Read(configuration, "MuteTopicDuration", Default.MuteTopicDuration);
        if (mute > max)
        {
            throw new ConfigurationException($"{Section}:MuteTopicDuration: {SilenceTextsDuration(mute)} is longer than {Section}:MaxDuration ({SilenceTextsDuration(max)}).");
        }

        return new SilenceSettings(max, mute);
    }

    private static TimeSpan Read(IConfiguration configuration, string name, TimeSpan fallback)
    {
        var text = configuration[$"{Section}:{name}"];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return CommandDuration.TryParse(text, out var duration)
            ? duration
            : throw new ConfigurationException($"{Section}:{name}: '{text}' is not a duration (write 30m, 4h, 1d or 2w).");
    }

    private static string SilenceTextsDuration(TimeSpan duration) => Core.Routing.SilenceTexts.Typed(duration);
}
