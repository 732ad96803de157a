namespace CmBot.Bot.Jobs;

/// <summary>
/// Plans again, from the database, the Quartz triggers one kind of pending work needs (escalation notices, approval
/// notices, repeat checks), creating only those that are missing. Run at start and by <see cref="TriggerSweep"/>.
/// </summary>
public interface ITriggerReplanner
{
    /// <summary>What the triggers wake up, for logs and metrics ("escalation", "approval", "repeat").</summary>
    string Kind { get; }

    Task<ReplanCount> ReplanAsync(CancellationToken cancellationToken);
}

/// <summary>How many items wait for a trigger, and how many of those triggers were missing and have been created.</summary>
public readonly record struct ReplanCount(int Pending, int Created);
