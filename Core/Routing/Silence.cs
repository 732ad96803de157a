namespace CmBot.Core.Routing;

/// <summary>
/// Mutes the alerts whose labels match every matcher between <see cref="StartsAt"/> and <see cref="EndsAt"/>.
/// Expired silences are kept for the record and ignored.
/// </summary>
public sealed record Silence(
    Guid Id,
    IReadOnlyList<LabelMatcher> Matchers,
    string CreatedBy,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string Reason)
{
    public bool IsActive(DateTimeOffset now) => now >= StartsAt && now < EndsAt;

    public bool Mutes(AlertLabels labels, DateTimeOffset now) =>
        Matchers.Count > 0 && IsActive(now) && LabelMatcher.All(Matchers, labels);

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
