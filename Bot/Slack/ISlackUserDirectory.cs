namespace CmBot.Bot.Slack;

/// <summary>Looks a Slack user up (users.info) so people.yaml can match them by e-mail.</summary>
public interface ISlackUserDirectory
{
    /// <summary>The user's e-mail, or null when unknown or hidden.</summary>
    Task<string?> GetEmailAsync(string userId, CancellationToken cancellationToken);
}
