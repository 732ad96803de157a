using CmBot.Core.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CmBot.Bot.Escalation;

/// <summary>
/// The lifecycle fields (owner, who closed, dismiss reason) are not stored yet: they need a migration for both
/// providers together with the escalation tables (branch escalation-wip). Until then EF leaves them out.
/// </summary>
public sealed class IncidentLifecycleConfiguration : IEntityTypeConfiguration<Incident>
{
    public void Configure(EntityTypeBuilder<Incident> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Ignore(i => i.AssignedTo);
        builder.Ignore(i => i.ClosedBy);
        builder.Ignore(i => i.ClosedAt);
        builder.Ignore(i => i.DismissReason);
    }
}
