using CmBot.Core.Common;
using CmBot.Core.People;

namespace CmBot.Core.Routing;

/// <summary>Who may create or end a silence, and how long one may last.</summary>
public static class SilenceRules
{
    /// <summary>Those who answer for the alerts: community managers, leads, comms, the CEO, admins (not legal, not unknown people).</summary>
    public static bool MaySilence(Person person)
    {
        ArgumentNullException.ThrowIfNull(person);
        return person.Has(Role.CommunityManager) || person.Has(Role.Lead) || person.Has(Role.Comms) || person.Has(Role.Ceo) || person.Has(Role.Admin);
    }

    /// <exception cref="DomainRuleException">The person may not, or the duration is not in (0, max].</exception>
    public static void Check(Person person, TimeSpan duration, TimeSpan maxDuration, SilenceTexts texts)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(texts);
        if (!MaySilence(person))
        {
            throw new DomainRuleException("forbidden", texts.MayNotSilence(person.Name));
        }

        if (duration <= TimeSpan.Zero || duration > maxDuration)
        {
            throw new DomainRuleException("input", texts.TooLong(maxDuration));
        }
    }

    /// <summary>The active silence whose id starts with <paramref name="typed"/> (at least 4 hex digits), or null.</summary>
    public static Silence? FindByShortId(IEnumerable<Silence> silences, string typed)
    {
        ArgumentNullException.ThrowIfNull(silences);
        var prefix = (typed ?? string.Empty).Trim().TrimStart('#').ToLowerInvariant();
        if (prefix.Length < 4 || !prefix.All(char.IsAsciiHexDigit))
        {
            return null;
        }

        var found = silences.Where(s => s.Id.ToString("N").StartsWith(prefix, StringComparison.Ordinal)).Take(2).ToList();
        return found.Count == 1 ? found[0] : null;
    }
}
