using CmBot.Core.Escalation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CmBot.Bot.Escalation;

/// <summary>
/// One escalation notice that fired. Its unique key (incident, generation, kind, sequence) is what makes a step fire once,
/// whatever restarts, misfires or second instance try it again: a second insert fails and rolls back its sends.
/// </summary>
public sealed class EscalationFired
{
    public long Id { get; set; }
    public Guid IncidentId { get; set; }

    /// <summary>Which run of the ladder (a reopened or re-frozen incident climbs again).</summary>
    public int Generation { get; set; }

    public NoticeKind Kind { get; set; }
    public int Sequence { get; set; }
    public int StepIndex { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public DateTimeOffset FiredAt { get; set; }

    /// <summary>The recipients it went to ("channel:alerts", "person:claire"), comma-separated.</summary>
    public string Recipients { get; set; } = string.Empty;
}

public sealed class EscalationFiredConfiguration : IEntityTypeConfiguration<EscalationFired>
{
    public void Configure(EntityTypeBuilder<EscalationFired> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("escalation_fired");
        builder.HasKey(f => f.Id);
        builder.HasIndex(f => new { f.IncidentId, f.Generation, f.Kind, f.Sequence }).IsUnique();
        builder.Property(f => f.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(f => f.Recipients).HasMaxLength(2048);
    }
}

/// <summary>An incident's escalation: the frozen policy and how far the ladder went (optimistic concurrency on Version).</summary>
public sealed class EscalationStateConfiguration : IEntityTypeConfiguration<EscalationState>
{
    public void Configure(EntityTypeBuilder<EscalationState> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("incident_escalations");
        builder.HasKey(s => s.IncidentId);
        builder.Property(s => s.PolicyName).HasMaxLength(128);
        builder.Property(s => s.Version).IsConcurrencyToken();
    }
}
