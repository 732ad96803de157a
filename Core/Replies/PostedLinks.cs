namespace CmBot.Core.Replies;

/// <summary>The link someone gives when they mark a reply as posted by hand: an absolute http or https URL.</summary>
public static class PostedLinks
{
    /// <summary>Longest link stored.</summary>
    public const int MaxLength = 2048;

    public static bool TryParse(string? text, out Uri? link)
    {
        link = null;
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxLength || trimmed.Any(char.IsWhiteSpace))
        {
            return false;
        }

        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || string.IsNullOrEmpty(uri.Host))
        {
            return false;
        }

        link = uri;
        return true;
    }
}
