using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CmBot.Bot.Triage.Spikes;

public sealed class StoredSpikeBaselineConfiguration : IEntityTypeConfiguration<StoredSpikeBaseline>
{
    public void Configure(EntityTypeBuilder<StoredSpikeBaseline> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("spike_baselines");
        builder.HasKey(b => b.Key);
        builder.Property(b => b.Key).HasMaxLength(128);

        // 168 numbers of up to ~20 characters each.
        builder.Property(b => b.Buckets).HasMaxLength(4096);
    }
}
