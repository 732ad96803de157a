namespace CmBot.Bot.Reporting.Digests;

/// <summary>One scheduled digest (<c>Reporting:Digests:&lt;name&gt;</c>).</summary>
public sealed class DigestScheduleOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Quartz cron (seconds first), e.g. "0 0 8 ? * MON-FRI" for 08:00 on weekdays.</summary>
    public string Cron { get; set; } = string.Empty;

    /// <summary>How far back the digest looks: 1d, 7d, 30d.</summary>
    public string Period { get; set; } = "1d";

    /// <summary>
    /// Its audience on every platform: Alerts (the team channel), Leads (the leads' channel, else alerts), Legal,
    /// Direction, or Ceo (each person with the ceo role by direct message, else the direction channel).
    /// </summary>
    public string Channel { get; set; } = DigestAudiences.Alerts;
}

/// <summary>A validated schedule.</summary>
public sealed record DigestSchedule(string Name, string Cron, TimeSpan Period, string Channel);

/// <summary>The audiences a digest may address (<c>Reporting:Digests:&lt;name&gt;:Channel</c>).</summary>
public static class DigestAudiences
{
    public const string Alerts = "Alerts";
    public const string Leads = "Leads";
    public const string Legal = "Legal";
    public const string Direction = "Direction";
    public const string Ceo = "Ceo";

    public static readonly IReadOnlyList<string> All = [Alerts, Leads, Legal, Direction, Ceo];
}
