using System.Text.RegularExpressions;
using CmBot.Bot.Hosting;

namespace CmBot.Bot.Feeds.Sources;

/// <summary>A configured source, validated: its name and options.</summary>
public sealed record ConfiguredSource(string Name, FeedSourceOptions Options)
{
    public string Key => $"{FeedSourcesConfiguration.Section}:{Name}";
}

/// <summary>
/// Reads and checks <c>Feeds:Sources</c>. Every mistake stops start-up naming the key
/// (<c>Feeds:Sources:acme-news:Url</c>) and the reason. No entry means no real source: the default runs offline.
/// </summary>
public sealed partial class FeedSourcesConfiguration(IReadOnlyList<ConfiguredSource> sources)
{
    public const string Section = "Feeds:Sources";

    public IReadOnlyList<ConfiguredSource> Sources { get; } = sources;

    /// <summary>Enabled sources that are polled (every type but webhook).</summary>
    public IEnumerable<ConfiguredSource> Polled => Sources.Where(s => s.Options.Enabled && s.Options.Type != SourceTypes.Webhook);

    public ConfiguredSource? Find(string name) =>
        Sources.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.Ordinal));

    public static FeedSourcesConfiguration Load(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var sources = new List<ConfiguredSource>();
        foreach (var section in configuration.GetSection(Section).GetChildren())
        {
            var options = new FeedSourceOptions();
            try
            {
                section.Bind(options);
            }
            catch (InvalidOperationException ex)
            {
                throw new ConfigurationException($"{Section}:{section.Key}: {ex.InnerException?.Message ?? ex.Message}", ex);
            }

            var source = new ConfiguredSource(section.Key, options);
            Validate(source);
            sources.Add(source);
        }

        return new FeedSourcesConfiguration(sources);
    }

    public static void Validate(ConfiguredSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var key = source.Key;
        var o = source.Options;
        if (!NameRule().IsMatch(source.Name) || source.Name == ReplayFeed.SourceName)
        {
            throw new ConfigurationException($"{key}: a source name is 1-48 lower-case letters, digits or '-' (and not '{ReplayFeed.SourceName}').");
        }

        o.Type = o.Type.Trim().ToLowerInvariant();
        if (!SourceTypes.All.Contains(o.Type))
        {
            throw new ConfigurationException($"{key}:Type must be one of {string.Join(", ", SourceTypes.All)} (was '{o.Type}').");
        }

        if (o.IntervalSeconds is < 10 or > 86_400)
        {
            throw new ConfigurationException($"{key}:IntervalSeconds must be between 10 and 86400.");
        }

        if (o.MaxBytes is < 1024 or > 64 * 1024 * 1024)
        {
            throw new ConfigurationException($"{key}:MaxBytes must be between 1024 and 67108864.");
        }

        if (o.MaxItems is < 1 or > 1000)
        {
            throw new ConfigurationException($"{key}:MaxItems must be between 1 and 1000.");
        }

        if (o.MaxPages is < 1 or > 100)
        {
            throw new ConfigurationException($"{key}:MaxPages must be between 1 and 100.");
        }

        if (o.Language is { Length: > 0 } language && language is not ("fr" or "en"))
        {
            throw new ConfigurationException($"{key}:Language must be 'fr' or 'en'.");
        }

        switch (o.Type)
        {
            case SourceTypes.File:
                Require(key, "Path", o.Path);
                if (!o.Path!.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) && !o.Path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
                {
                    throw new ConfigurationException($"{key}:Path must name a .jsonl or .csv file.");
                }

                break;
            case SourceTypes.Webhook:
                if (string.IsNullOrWhiteSpace(o.Secret) && string.IsNullOrWhiteSpace(o.Token))
                {
                    throw new ConfigurationException($"{key}: a webhook needs a Secret (HMAC-SHA256) or a Token (bearer).");
                }

                break;
            default:
                RequireUrl(key, o.Url);
                if (o.Type is SourceTypes.Bluesky or SourceTypes.HackerNews or SourceTypes.Reddit or SourceTypes.X)
                {
                    Require(key, "Query", o.Query);
                }

                if (o.Type == SourceTypes.Mastodon && string.IsNullOrWhiteSpace(o.Tag) && string.IsNullOrWhiteSpace(o.Query) && !o.Notifications)
                {
                    throw new ConfigurationException($"{key}: a mastodon source needs a Tag (hashtag timeline), a Query (search) or Notifications = true (the account's mentions).");
                }

                if (o.Type == SourceTypes.Mastodon && o.Notifications && string.IsNullOrWhiteSpace(o.Token))
                {
                    throw new ConfigurationException($"{key}:Token is required for mastodon Notifications (they belong to the token's account).");
                }

                if (o.Type == SourceTypes.Mastodon && !string.IsNullOrWhiteSpace(o.Query) && string.IsNullOrWhiteSpace(o.Token))
                {
                    throw new ConfigurationException($"{key}:Token is required for a mastodon Query (status search needs an account); use Tag for a public hashtag timeline.");
                }

                if (o.Type == SourceTypes.X)
                {
                    Require(key, "Token", o.Token);
                }

                break;
        }
    }

    private static void Require(string key, string name, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ConfigurationException($"{key}:{name} is required for this source type.");
        }
    }

    private static void RequireUrl(string key, string? value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ConfigurationException($"{key}:Url must be an absolute http(s) URL (was '{value}').");
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,47}$", RegexOptions.CultureInvariant)]
    private static partial Regex NameRule();
}
