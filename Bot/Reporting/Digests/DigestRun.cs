using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CmBot.Bot.Reporting.Digests;

/// <summary>
/// "This schedule's digest for this period was sent." The unique (schedule, period start) pair is what makes a
/// digest go out once, whichever instance fires first and however often a restart re-fires the trigger.
/// </summary>
public sealed class DigestRun
{
    public long Id { get; set; }
    public string Schedule { get; set; } = string.Empty;
    public DateTimeOffset PeriodStart { get; set; }
    public DateTimeOffset PeriodEnd { get; set; }
    public DateTimeOffset SentAt { get; set; }

    /// <summary>The instance that won the race (host name and process id), for operations.</summary>
    public string Instance { get; set; } = string.Empty;
}

public sealed class DigestRunConfiguration : IEntityTypeConfiguration<DigestRun>
{
    public void Configure(EntityTypeBuilder<DigestRun> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("digest_runs");
        builder.HasKey(r => r.Id);
        builder.HasIndex(r => new { r.Schedule, r.PeriodStart }).IsUnique();
        builder.Property(r => r.Schedule).HasMaxLength(64);
        builder.Property(r => r.Instance).HasMaxLength(128);
    }
}
