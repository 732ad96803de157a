using System.Net;
using CmBot.Bot.Hosting;

namespace CmBot.Bot.Teams.Auth;

/// <summary>
/// <c>Teams:Auth:AllowUnauthenticatedLoopback</c>: lets a local Teams client emulator (the Microsoft 365 Agents
/// Playground), which sends no Bot Framework token and hosts its own connector, talk to CmBot. An unsigned request is
/// accepted only when it comes from a loopback address without proxy headers AND its activity's serviceUrl is a
/// loopback URL; replies to a loopback serviceUrl then go without a bot token. Refused at start-up outside the
/// Development and Testing environments; off by default.
/// </summary>
public static class LoopbackEmulator
{
    public const string SettingKey = $"{TeamsOptions.Section}:{nameof(TeamsOptions.Auth)}:{nameof(TeamsAuthOptions.AllowUnauthenticatedLoopback)}";

    /// <summary>Environments where the switch may be on.</summary>
    public static readonly IReadOnlyList<string> AllowedEnvironments = [Environments.Development, "Testing"];

    private static readonly string[] ProxyHeaders = ["X-Forwarded-For", "X-Forwarded-Host", "X-Real-IP", "Forwarded"];

    /// <summary>Stops start-up when the switch is on in an environment that is not for local testing.</summary>
    public static void EnsureAllowed(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        if (configuration.GetValue(SettingKey, false) && !AllowedEnvironments.Any(environment.IsEnvironment))
        {
            throw new ConfigurationException(
                $"{SettingKey}=true accepts unauthenticated Teams requests from local emulators; it is refused in the '{environment.EnvironmentName}' environment (only {string.Join(" or ", AllowedEnvironments)}).");
        }
    }

    /// <summary>The request came straight from this machine: a loopback peer address and no reverse-proxy header.</summary>
    public static bool IsLoopbackRequest(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var remote = context.Connection.RemoteIpAddress;
        return remote is not null
            && IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote)
            && !ProxyHeaders.Any(h => context.Request.Headers.ContainsKey(h));
    }

    /// <summary>An absolute http(s) URL whose host is localhost or a loopback address.</summary>
    public static bool IsLoopbackUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && IsLoopbackUrl(uri);

    public static bool IsLoopbackUrl(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps) && url.IsLoopback;
    }
}
