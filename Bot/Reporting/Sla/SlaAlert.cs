using CmBot.Core.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CmBot.Bot.Reporting.Sla;

/// <summary>
/// "This incident's response clock passed this threshold, and it was dealt with." The unique (incident,
/// threshold) pair makes each warning fire once, whichever instance scans first and however often it restarts.
/// </summary>
public sealed class SlaAlert
{
    public long Id { get; set; }
    public Guid IncidentId { get; set; }
    public SlaThreshold Threshold { get; set; }

    /// <summary>When the clock reached the threshold (business hours applied).</summary>
    public DateTimeOffset ReachedAt { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>False for a lower threshold passed while CmBot was down: one message (the highest) said it all.</summary>
    public bool Announced { get; set; }
}

public sealed class SlaAlertConfiguration : IEntityTypeConfiguration<SlaAlert>
{
    public void Configure(EntityTypeBuilder<SlaAlert> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("sla_alerts");
        builder.HasKey(a => a.Id);
        builder.HasIndex(a => new { a.IncidentId, a.Threshold }).IsUnique();
        builder.Property(a => a.Threshold).HasConversion<string>().HasMaxLength(16);
    }
}
