using System.Collections.Concurrent;
using CmBot.Bot.Slack.Web;
using CmBot.Core.People;

namespace CmBot.Bot.Slack;

/// <summary>
/// Maps a Slack user to a CmBot person: the <c>slack:</c> id in people.yaml first, else the user's Slack e-mail
/// (<see cref="ISlackUserDirectory"/>, or users.info) matched against people.yaml. Lookups are cached for a while so a
/// burst of clicks costs one API call. Anyone else is <see cref="Person.Unknown"/>: can see, cannot act.
/// </summary>
public sealed partial class SlackIdentity(
    PeopleDirectory people,
    IServiceProvider services,
    TimeProvider time,
    ILogger<SlackIdentity> logger)
{
    private const int MaxEntries = 10_000;
    private static readonly TimeSpan KnownFor = TimeSpan.FromMinutes(30);

    // Short, so someone just added to Slack or to people.yaml's e-mails is recognised soon.
    private static readonly TimeSpan UnknownFor = TimeSpan.FromMinutes(2);

    private readonly ConcurrentDictionary<string, Entry> _cache = new(StringComparer.Ordinal);

    /// <summary>Answers without any network call when it can (people.yaml id or a fresh cache entry).</summary>
    public bool TryResolveLocally(string slackUserId, out Person person)
    {
        ArgumentNullException.ThrowIfNull(slackUserId);
        if (people.FindBySlackUser(slackUserId) is { } declared)
        {
            person = declared;
            return true;
        }

        if (_cache.TryGetValue(slackUserId, out var entry) && entry.Until > time.GetUtcNow())
        {
            person = entry.Person;
            return true;
        }

        person = Person.Unknown(slackUserId);
        return false;
    }

    /// <summary>True for someone declared in people.yaml; false for <see cref="Person.Unknown"/>.</summary>
    public bool IsKnown(Person person)
    {
        ArgumentNullException.ThrowIfNull(person);
        return people.FindById(person.Id) is not null;
    }

    /// <summary>True when <paramref name="id"/> is the id of a person in people.yaml.</summary>
    public bool IsDeclaredId(string id) => people.FindById(id) is not null;

    public async Task<Person> ResolveAsync(string slackUserId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(slackUserId);
        if (TryResolveLocally(slackUserId, out var person))
        {
            return person;
        }

        string? email;
        try
        {
            email = await LookUpEmailAsync(slackUserId, cancellationToken);
        }
        catch (Exception ex) when (ex is SlackApiException or HttpRequestException or TimeoutException)
        {
            // Not cached: the next click tries again.
            LogLookupFailed(ex, slackUserId);
            return Person.Unknown(slackUserId);
        }

        var found = email is null ? null : people.FindByEmail(email);
        var result = found ?? Person.Unknown(slackUserId);
        Remember(slackUserId, result, found is null ? UnknownFor : KnownFor);
        LogResolved(slackUserId, result.Id, email is null ? "no e-mail" : found is null ? "e-mail not in people.yaml" : "e-mail");
        return result;
    }

    private async Task<string?> LookUpEmailAsync(string slackUserId, CancellationToken cancellationToken)
    {
        if (services.GetService<ISlackUserDirectory>() is { } directory)
        {
            return await directory.GetEmailAsync(slackUserId, cancellationToken);
        }

        return services.GetService<ISlackApi>() is { } api
            ? (await api.GetUserAsync(slackUserId, cancellationToken))?.Email
            : null;
    }

    private void Remember(string slackUserId, Person person, TimeSpan lifetime)
    {
        var now = time.GetUtcNow();
        if (_cache.Count >= MaxEntries)
        {
            foreach (var (key, entry) in _cache)
            {
                if (entry.Until <= now)
                {
                    _cache.TryRemove(key, out _);
                }
            }

            if (_cache.Count >= MaxEntries)
            {
                _cache.Clear();
            }
        }

        _cache[slackUserId] = new Entry(person, now + lifetime);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack user {SlackUserId} is CmBot person {PersonId} (by {How})")]
    private partial void LogResolved(string slackUserId, string personId, string how);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not look up Slack user {SlackUserId}; treated as unknown for now")]
    private partial void LogLookupFailed(Exception exception, string slackUserId);

    private sealed record Entry(Person Person, DateTimeOffset Until);
}
