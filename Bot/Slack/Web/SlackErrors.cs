namespace CmBot.Bot.Slack.Web;

/// <summary>
/// Slack's error codes as CmBot treats them. Slack answers most mistakes with HTTP 200 and
/// <c>{"ok":false,"error":"..."}</c>; only a few codes are worth retrying, the rest will fail the same way again.
/// </summary>
public static class SlackErrors
{
    public const string RateLimited = "ratelimited";
    public const string InternalError = "internal_error";
    public const string FatalError = "fatal_error";
    public const string ServiceUnavailable = "service_unavailable";
    public const string RequestTimeout = "request_timeout";
    public const string ChannelNotFound = "channel_not_found";
    public const string NotInChannel = "not_in_channel";
    public const string IsArchived = "is_archived";
    public const string InvalidAuth = "invalid_auth";
    public const string MessageTooLong = "msg_too_long";
    public const string InvalidBlocks = "invalid_blocks";
    public const string UserNotFound = "user_not_found";
    public const string UsersNotFound = "users_not_found";
    public const string FileNotFound = "file_not_found";

    /// <summary>CmBot's own codes for failures below Slack's API (no JSON answer).</summary>
    public const string Timeout = "cmbot_timeout";
    public const string Transport = "cmbot_transport_error";
    public const string HttpStatusPrefix = "cmbot_http_";
    public const string InvalidResponse = "cmbot_invalid_response";

    private static readonly HashSet<string> Transient = new(StringComparer.Ordinal)
    {
        RateLimited, InternalError, FatalError, ServiceUnavailable, RequestTimeout, "team_added_to_org", Timeout, Transport,
    };

    /// <summary>
    /// Failures after which Slack may have done the work anyway: the request left, but no answer says whether it
    /// was applied (Slack documents internal_error and fatal_error as "some aspect of the operation may have succeeded").
    /// </summary>
    private static readonly HashSet<string> Uncertain = new(StringComparer.Ordinal)
    {
        InternalError, FatalError, Timeout, Transport,
    };

    /// <summary>Unknown codes count as permanent: they are reported at once rather than retried for an hour.</summary>
    public static bool IsPermanent(string error) =>
        !Transient.Contains(error) && !IsServerStatus(error);

    public static bool MayHaveSucceeded(string error) =>
        Uncertain.Contains(error) || IsServerStatus(error);

    /// <summary>A 5xx without a Slack answer: the request may or may not have been processed.</summary>
    private static bool IsServerStatus(string error) =>
        error.StartsWith(HttpStatusPrefix + "5", StringComparison.Ordinal);
}
