namespace CmBot.Bot.Jobs;

/// <summary>The <c>Scheduling</c> section.</summary>
public sealed class SchedulingOptions
{
    public const string Section = "Scheduling";

    /// <summary>Instances sharing one PostgreSQL database and this name share the work (Quartz clustering).</summary>
    public string SchedulerName { get; set; } = "CmBot";
}
