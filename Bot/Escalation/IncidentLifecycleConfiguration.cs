using CmBot.Core.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CmBot.Bot.Escalation;

/// <summary>The lifecycle columns of incidents: owner, who closed it and when, why it was dismissed.</summary>
public sealed class IncidentLifecycleConfiguration : IEntityTypeConfiguration<Incident>
{
    public void Configure(EntityTypeBuilder<Incident> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Property(i => i.AssignedTo).HasMaxLength(128);
        builder.Property(i => i.ClosedBy).HasMaxLength(128);
        builder.Property(i => i.DismissReason).HasConversion<string>().HasMaxLength(32);
    }
}
