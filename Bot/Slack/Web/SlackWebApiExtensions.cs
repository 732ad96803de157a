namespace CmBot.Bot.Slack.Web;

public static class SlackWebApiExtensions
{
    /// <summary>The Web API client (rate limited), the Block Kit renderer and Slack as a chat platform for the outbox.</summary>
    public static IHostApplicationBuilder AddSlackWebApi(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder;
    }
}
