using System.ComponentModel.DataAnnotations;

namespace CmBot.Bot.Publishing;

/// <summary>The <c>Publishing</c> section: where approved replies go besides the sandbox.</summary>
public sealed class PublishingOptions : IValidatableObject
{
    public const string Section = "Publishing";

    public MastodonPublishingOptions Mastodon { get; set; } = new();
    public WebhookPublishingOptions Webhook { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Mastodon.Enabled)
        {
            if (!IsHttpUrl(Mastodon.BaseUrl))
            {
                yield return new ValidationResult("Publishing:Mastodon:BaseUrl must be the instance's https:// address when Mastodon publishing is enabled.");
            }

            if (string.IsNullOrWhiteSpace(Mastodon.AccessToken))
            {
                yield return new ValidationResult("Publishing:Mastodon:AccessToken is required (an access token with the write:statuses and read:statuses scopes).");
            }

            if (Mastodon.Visibility is not ("public" or "unlisted" or "private" or "direct"))
            {
                yield return new ValidationResult("Publishing:Mastodon:Visibility must be public, unlisted, private or direct.");
            }
        }

        if (Webhook.Enabled)
        {
            if (!IsHttpUrl(Webhook.Url))
            {
                yield return new ValidationResult("Publishing:Webhook:Url must be an http(s) address when webhook publishing is enabled.");
            }

            if (string.IsNullOrEmpty(Webhook.Secret) || Webhook.Secret.Length < 16)
            {
                yield return new ValidationResult("Publishing:Webhook:Secret must be at least 16 characters: it signs every request.");
            }
        }
    }

    private static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http";
}

public sealed class MastodonPublishingOptions
{
    public bool Enabled { get; set; }

    /// <summary>The instance CmBot posts from, e.g. https://mastodon.social.</summary>
    public string? BaseUrl { get; set; }

    public string? AccessToken { get; set; }

    public string Visibility { get; set; } = "public";

    public int TimeoutSeconds { get; set; } = 15;
}

public sealed class WebhookPublishingOptions
{
    public bool Enabled { get; set; }

    /// <summary>Receives every approved reply as signed JSON; whoever owns it posts the reply.</summary>
    public string? Url { get; set; }

    /// <summary>HMAC-SHA256 key for the X-CmBot-Signature header.</summary>
    public string? Secret { get; set; }

    public int TimeoutSeconds { get; set; } = 15;
}
