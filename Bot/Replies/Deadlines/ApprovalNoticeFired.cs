using CmBot.Core.Approvals;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CmBot.Bot.Replies.Deadlines;

/// <summary>
/// One approval notice (reminder or deputy call) that fired for one revision of a draft. Its unique key (draft,
/// revision, kind) makes it fire once whatever restarts, misfires or a second instance try again: the second insert
/// fails and rolls back its sends.
/// </summary>
public sealed class ApprovalNoticeFired
{
    public long Id { get; set; }
    public Guid DraftId { get; set; }
    public int Revision { get; set; }
    public ApprovalNoticeKind Kind { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public DateTimeOffset FiredAt { get; set; }

    /// <summary>Who it went to ("person:ines", "channel:alerts"), comma-separated.</summary>
    public string Recipients { get; set; } = string.Empty;
}

public sealed class ApprovalNoticeFiredConfiguration : IEntityTypeConfiguration<ApprovalNoticeFired>
{
    public void Configure(EntityTypeBuilder<ApprovalNoticeFired> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("approval_notices_fired");
        builder.HasKey(f => f.Id);
        builder.HasIndex(f => new { f.DraftId, f.Revision, f.Kind }).IsUnique();
        builder.Property(f => f.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(f => f.Recipients).HasMaxLength(2048);
    }
}
