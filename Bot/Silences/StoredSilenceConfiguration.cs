using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CmBot.Bot.Silences;

public sealed class StoredSilenceConfiguration : IEntityTypeConfiguration<StoredSilence>
{
    public void Configure(EntityTypeBuilder<StoredSilence> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("silences");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();

        // The active ones are read by end time: at start, on every refresh, and to end one early.
        builder.HasIndex(s => s.EndsAt);
        builder.Property(s => s.Matchers).HasMaxLength(2000);
        builder.Property(s => s.CreatedBy).HasMaxLength(128);
        builder.Property(s => s.Reason).HasMaxLength(500);
        builder.Property(s => s.Origin).HasMaxLength(64);
        builder.Property(s => s.ExpiredBy).HasMaxLength(128);
    }
}
