using System.ComponentModel.DataAnnotations;

namespace CmBot.Bot.Jobs;

/// <summary>The <c>Scheduling</c> section.</summary>
public sealed class SchedulingOptions
{
    public const string Section = "Scheduling";

    /// <summary>Instances sharing one PostgreSQL database and this name share the work (Quartz clustering).</summary>
    public string SchedulerName { get; set; } = "CmBot";

    /// <summary>
    /// Every this many minutes, each instance checks that every pending escalation notice, approval notice and repeat
    /// check still has its Quartz trigger and plans the missing ones again (0 turns the check off; it still runs at start).
    /// </summary>
    [Range(0, 24 * 60, ErrorMessage = "Scheduling:TriggerSweepMinutes must be 0 (off) or a number of minutes up to 1440.")]
    public int TriggerSweepMinutes { get; set; } = 10;
}
