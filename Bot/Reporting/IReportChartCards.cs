using CmBot.Core.Chat;

namespace CmBot.Bot.Reporting;

/// <summary>
/// How a platform whose cards hold pictures (Teams, the sandbox) shows a report's charts: as cards posted in the
/// digest's thread. Platforms that share images as files (Slack) use <see cref="Chat.IChatImageUploads"/> instead.
/// Each platform folder registers its own; a platform with neither gets the digest card alone.
/// </summary>
public interface IReportChartCards
{
    /// <summary>The <see cref="Chat.IChatPlatform.Name"/> these cards are for.</summary>
    string Platform { get; }

    IReadOnlyList<Card> CardsFor(RenderedReport report);
}
