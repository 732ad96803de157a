using CmBot.Bot.Sandbox;
using CmBot.Bot.Slack.Inbound;
using CmBot.Core.Approvals;
using CmBot.Core.Audit;
using CmBot.Core.Incidents;
using CmBot.Core.Mentions;
using CmBot.Core.Replies;
using Microsoft.EntityFrameworkCore;

namespace CmBot.Bot.Storage;

/// <summary>
/// The one model for every provider. Each provider has a small subclass so that it keeps its own migrations
/// (<see cref="SqliteCmBotDbContext"/>, <see cref="PostgresCmBotDbContext"/>).
/// </summary>
public abstract class CmBotDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Mention> Mentions => Set<Mention>();
    public DbSet<Incident> Incidents => Set<Incident>();
    public DbSet<Draft> Drafts => Set<Draft>();
    public DbSet<Approval> Approvals => Set<Approval>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<ChatMessageRef> ChatMessages => Set<ChatMessageRef>();
    public DbSet<SourceCursor> SourceCursors => Set<SourceCursor>();
    public DbSet<SandboxMessage> SandboxMessages => Set<SandboxMessage>();
    public DbSet<PublicPost> PublicPosts => Set<PublicPost>();
    public DbSet<SlackInboxItem> SlackInbox => Set<SlackInboxItem>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<Mention>(e =>
        {
            e.ToTable("mentions");
            e.HasKey(m => m.Id);
            e.HasIndex(m => new { m.Source, m.ExternalId }).IsUnique();
            e.HasIndex(m => new { m.IncidentId, m.PublishedAt });
            e.Property(m => m.Source).HasMaxLength(64);
            e.Property(m => m.ExternalId).HasMaxLength(256);
            e.Property(m => m.Url).HasMaxLength(2048);
            e.Property(m => m.Author).HasMaxLength(256);
            e.Property(m => m.Language).HasMaxLength(8);
            e.Property(m => m.RiskCategories).HasMaxLength(256);
            e.Property(m => m.Severity).HasConversion<string>().HasMaxLength(4);

            // De-duplication: one article under several tracking tails, and near-duplicates within a recent window.
            e.Property(m => m.CanonicalUrl).HasMaxLength(2048);
            e.HasIndex(m => m.CanonicalUrl);
            e.HasIndex(m => m.PublishedAt);
        });
        modelBuilder.Entity<Incident>(e =>
        {
            e.ToTable("incidents");
            e.HasKey(i => i.Id);
            e.HasIndex(i => i.Number).IsUnique();
            e.HasIndex(i => new { i.Key, i.Status });
            e.Property(i => i.Key).HasMaxLength(128);
            e.Property(i => i.Title).HasMaxLength(256);
            e.Property(i => i.RiskCategories).HasMaxLength(256);
            e.Property(i => i.AcknowledgedBy).HasMaxLength(128);
            e.Property(i => i.Severity).HasConversion<string>().HasMaxLength(4);
            e.Property(i => i.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(i => i.Version).IsConcurrencyToken();
            e.Ignore(i => i.IsActive);
        });
        modelBuilder.Entity<Draft>(e =>
        {
            e.ToTable("drafts");
            e.HasKey(d => d.Id);
            e.HasIndex(d => d.IncidentId);
            e.Property(d => d.TextSha256).HasMaxLength(64);
            e.Property(d => d.Target).HasMaxLength(2048);
            e.Property(d => d.Language).HasMaxLength(8);
            e.Property(d => d.AuthorId).HasMaxLength(128);
            e.Property(d => d.PublishedBy).HasMaxLength(128);
            e.Property(d => d.RequiredRoles).HasMaxLength(128);
            e.Property(d => d.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(d => d.Version).IsConcurrencyToken();
            e.Property(d => d.RequiredWhy).HasMaxLength(256);
            e.Property(d => d.Findings).HasMaxLength(Draft.MaxFindingsLength);
            e.Ignore(d => d.Required);
            e.Ignore(d => d.Steps);
            e.Ignore(d => d.FindingList);
            e.Ignore(d => d.IsBlocked);
            e.Ignore(d => d.AwaitsReview);
            e.Ignore(d => d.AwaitsApproval);
            e.Property(d => d.PublishMode).HasConversion<string>().HasMaxLength(16);
            e.Property(d => d.Justification).HasMaxLength(2000);
            e.Property(d => d.ReviewedBy).HasMaxLength(128);
            e.Property(d => d.PublishedVia).HasMaxLength(32);
            e.Property(d => d.PublishedUrl).HasMaxLength(PostedLinks.MaxLength);
            e.HasMany(d => d.Approvals).WithOne().HasForeignKey(a => a.DraftId);
            e.Navigation(d => d.Approvals).HasField("_approvals").UsePropertyAccessMode(PropertyAccessMode.Field);
        });
        modelBuilder.Entity<Approval>(e =>
        {
            e.ToTable("approvals");
            e.HasKey(a => a.Id);
            e.Property(a => a.ApproverId).HasMaxLength(128);
            e.Property(a => a.Role).HasMaxLength(32);
            e.Property(a => a.TextSha256).HasMaxLength(64);
            e.Property(a => a.Decision).HasConversion<string>().HasMaxLength(16);
            e.Property(a => a.DeputyFor).HasMaxLength(128);
        });
        modelBuilder.Entity<AuditEvent>(e =>
        {
            e.ToTable("audit_events");
            e.HasKey(a => a.Sequence);
            e.Property(a => a.Sequence).ValueGeneratedNever();
            e.HasIndex(a => new { a.SubjectType, a.SubjectId });
            e.Property(a => a.ActorId).HasMaxLength(128);
            e.Property(a => a.Action).HasMaxLength(64);
            e.Property(a => a.SubjectType).HasMaxLength(32);
            e.Property(a => a.SubjectId).HasMaxLength(128);
            e.Property(a => a.PreviousHash).HasMaxLength(64);
            e.Property(a => a.Hash).HasMaxLength(64);
        });
        modelBuilder.Entity<OutboxMessage>(e =>
        {
            e.ToTable("outbox");
            e.HasKey(o => o.Id);
            e.HasIndex(o => o.IdempotencyKey).IsUnique();
            e.HasIndex(o => new { o.State, o.Priority, o.Id });
            e.Property(o => o.IdempotencyKey).HasMaxLength(256);
            e.Property(o => o.Kind).HasMaxLength(32);
            e.Property(o => o.Platform).HasMaxLength(32);
            e.Property(o => o.Channel).HasMaxLength(128);
            e.Property(o => o.SubjectType).HasMaxLength(32);
            e.Property(o => o.SubjectId).HasMaxLength(128);
            e.Property(o => o.ThreadSubjectId).HasMaxLength(128);
            e.Property(o => o.ExternalId).HasMaxLength(256);
            e.Property(o => o.State).HasConversion<string>().HasMaxLength(16);
            e.Ignore(o => o.ClaimedBeforeWithoutResult);
        });
        modelBuilder.Entity<ChatMessageRef>(e =>
        {
            e.ToTable("chat_messages");
            e.HasKey(c => c.Id);
            e.HasIndex(c => new { c.Platform, c.Channel, c.SubjectType, c.SubjectId }).IsUnique();
            e.Property(c => c.Platform).HasMaxLength(32);
            e.Property(c => c.Channel).HasMaxLength(128);
            e.Property(c => c.SubjectType).HasMaxLength(32);
            e.Property(c => c.SubjectId).HasMaxLength(128);
            e.Property(c => c.ExternalId).HasMaxLength(256);
            e.Property(c => c.ThreadExternalId).HasMaxLength(256);
        });
        modelBuilder.Entity<SourceCursor>(e =>
        {
            e.ToTable("source_cursors");
            e.HasKey(c => c.Source);
            e.Property(c => c.Source).HasMaxLength(128);
            e.Property(c => c.Cursor).HasMaxLength(1024);
            e.Property(c => c.ETag).HasMaxLength(256);
            e.Property(c => c.LastModified).HasMaxLength(64);
        });
        modelBuilder.Entity<SandboxMessage>(e =>
        {
            e.ToTable("sandbox_messages");
            e.HasKey(m => m.Id);
            e.HasIndex(m => new { m.Channel, m.Id });
            e.HasIndex(m => m.OutboxKey).IsUnique();
            e.Property(m => m.Channel).HasMaxLength(128);
            e.Property(m => m.OutboxKey).HasMaxLength(512);
        });
        modelBuilder.Entity<PublicPost>(e =>
        {
            e.ToTable("public_posts");
            e.HasKey(p => p.Id);
            e.HasIndex(p => p.DraftId).IsUnique();
            e.Property(p => p.Author).HasMaxLength(256);
            e.Property(p => p.TextSha256).HasMaxLength(64);
            e.Property(p => p.InReplyTo).HasMaxLength(2048);
        });

        // Platform folders own their tables (IEntityTypeConfiguration next to the entity, e.g. Teams/Storage).
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CmBotDbContext).Assembly);
    }
}

/// <summary>SQLite flavour: stores instants as UTC ticks so they sort and compare in SQL.</summary>
public sealed class SqliteCmBotDbContext(DbContextOptions<SqliteCmBotDbContext> options) : CmBotDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }
}
