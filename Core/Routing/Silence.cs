namespace CmBot.Core.Routing;

/// <summary>
/// Mutes the alerts whose labels match every matcher between <see cref="StartsAt"/> and <see cref="EndsAt"/>.
/// Expired silences are kept for the record and ignored. A silence ended before its time keeps who ended it and when
/// (<see cref="ExpiredBy"/>, <see cref="ExpiredAt"/>); its <see cref="EndsAt"/> becomes that moment.
/// </summary>
public sealed record Silence(
    Guid Id,
    IReadOnlyList<LabelMatcher> Matchers,
    string CreatedBy,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string Reason)
{
    /// <summary>How many hex digits of the id people see and type (<c>/cm unsilence 3f2a9c1b</c>).</summary>
    public const int ShortIdLength = 8;

    public string? ExpiredBy { get; init; }

    public DateTimeOffset? ExpiredAt { get; init; }

    /// <summary>The first hex digits of the id: short to type, and unique enough among the silences of a team.</summary>
    public string ShortId => ShortIdOf(Id);

    /// <summary>What it mutes, as people typed it: <c>topic=~.*kettle.*, source=reddit</c>.</summary>
    public string Describe() => string.Join(", ", Matchers.Select(m => m.ToString()));

    public bool IsActive(DateTimeOffset now) => now >= StartsAt && now < EndsAt;

    public bool Mutes(AlertLabels labels, DateTimeOffset now) =>
        Matchers.Count > 0 && IsActive(now) && LabelMatcher.All(Matchers, labels);

    /// <summary>Ends the silence now, before its time; a silence already over cannot be ended again.</summary>
    public Silence EndEarly(string by, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        if (!IsActive(now))
        {
            throw new InvalidOperationException($"Silence {ShortId} is not active.");
        }

        return this with { EndsAt = now, ExpiredBy = by, ExpiredAt = now };
    }

    public static string ShortIdOf(Guid id) => id.ToString("N")[..ShortIdLength];

    public static Silence Create(Guid id, IReadOnlyList<LabelMatcher> matchers, string createdBy, DateTimeOffset now, TimeSpan duration, string reason)
    {
        ArgumentNullException.ThrowIfNull(matchers);
        if (matchers.Count == 0)
        {
            throw new ArgumentException("A silence needs at least one matcher.", nameof(matchers));
        }

        if (duration <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "A silence lasts a positive time.");
        }

        return new Silence(id, matchers, createdBy, now, now + duration, reason);
    }
}
