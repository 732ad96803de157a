namespace CmBot.Bot.Reporting.Digests;

/// <summary>One scheduled digest (<c>Reporting:Digests:&lt;name&gt;</c>).</summary>
public sealed class DigestScheduleOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Quartz cron (seconds first), e.g. "0 0 8 ? * MON-FRI" for 08:00 on weekdays.</summary>
    public string Cron { get; set; } = string.Empty;

    /// <summary>How far back the digest looks: 1d, 7d, 30d.</summary>
    public string Period { get; set; } = "1d";

    /// <summary>The logical channel it goes to on every platform: Alerts (the team), Legal or Direction.</summary>
    public string Channel { get; set; } = "Alerts";
}

/// <summary>A validated schedule.</summary>
public sealed record DigestSchedule(string Name, string Cron, TimeSpan Period, string Channel);
