using CmBot.Bot.Chat;
using CmBot.Bot.Storage;
using CmBot.Bot.Teams.Storage;
using CmBot.Core.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CmBot.Bot.Teams.Outbound;

/// <summary>Where a send goes: the Bot Connector endpoint, the conversation, its tenant, and whether it is a team channel.</summary>
public sealed record TeamsTarget(Uri ServiceUrl, string ConversationId, string? TenantId, bool IsChannel)
{
    /// <summary>The tenant key for rate limiting.</summary>
    public string Tenant => TenantId ?? "default";
}

/// <summary>
/// Resolves a conversation id (or <c>person:{id}</c>) to a <see cref="TeamsTarget"/> from the stored conversation
/// references; a conversation the bot never heard from uses the configured service URL; a person without a 1:1
/// chat yet gets one created.
/// </summary>
public sealed class TeamsTargets(CmBotDbContext db, WriteGate gate, PeopleDirectory people, TeamsConnectorClient connector, IOptions<TeamsOptions> options, TimeProvider time)
{
    private DbSet<TeamsConversation> Conversations => db.Set<TeamsConversation>();

    public async Task<TeamsTarget> ResolveAsync(string conversation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        if (conversation.StartsWith(TeamsChatPlatform.PersonPrefix, StringComparison.Ordinal))
        {
            return await PersonalAsync(conversation[TeamsChatPlatform.PersonPrefix.Length..], cancellationToken);
        }

        var row = await Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.ConversationId == conversation, cancellationToken);
        if (row is { Active: false })
        {
            throw new ChatDeliveryException($"CmBot was removed from Teams conversation {conversation}; add the app back or change Teams:Channels.", permanent: true);
        }

        var isChannel = row?.ConversationType is { } type
            ? type == "channel"
            : conversation.EndsWith("@thread.tacv2", StringComparison.OrdinalIgnoreCase) || conversation.EndsWith("@thread.skype", StringComparison.OrdinalIgnoreCase);
        return new TeamsTarget(row is null ? options.Value.ServiceUrl : new Uri(row.ServiceUrl), conversation, row?.TenantId ?? options.Value.TenantId, isChannel);
    }

    private async Task<TeamsTarget> PersonalAsync(string personId, CancellationToken cancellationToken)
    {
        var person = people.FindById(personId) ?? throw new ChatDeliveryException($"No person '{personId}' in people.yaml.", permanent: true);
        if (person.TeamsUserId is not { Length: > 0 } user)
        {
            throw new ChatDeliveryException($"{person.Name} has no 'teams:' id in people.yaml; a 1:1 message cannot be sent.", permanent: true);
        }

        var row = await Conversations.AsNoTracking()
            .Where(c => c.UserAadObjectId == user && c.ConversationType == "personal" && c.Active)
            .OrderByDescending(c => c.UpdatedAt)
            .FirstOrDefaultAsync(cancellationToken);
        if (row is not null)
        {
            return new TeamsTarget(new Uri(row.ServiceUrl), row.ConversationId, row.TenantId, IsChannel: false);
        }

        var teams = options.Value;
        var created = await connector.CreateConversationAsync(
            teams.ServiceUrl,
            OutboundActivities.Personal($"28:{teams.AppId}", user, teams.TenantId),
            $"{TeamsChatPlatform.PersonPrefix}{personId}",
            teams.TenantId ?? "default",
            cancellationToken);
        var now = time.GetUtcNow();
        using (await gate.EnterAsync(cancellationToken))
        {
            if (!await Conversations.AnyAsync(c => c.ConversationId == created.Id, cancellationToken))
            {
                Conversations.Add(new TeamsConversation
                {
                    ConversationId = created.Id!,
                    ServiceUrl = created.ServiceUrl ?? teams.ServiceUrl.AbsoluteUri,
                    ConversationType = "personal",
                    TenantId = teams.TenantId,
                    BotId = $"28:{teams.AppId}",
                    UserAadObjectId = user,
                    Active = true,
                    InstalledAt = now,
                    UpdatedAt = now,
                });
                await db.SaveChangesAsync(cancellationToken);
            }
        }

        return new TeamsTarget(new Uri(created.ServiceUrl ?? teams.ServiceUrl.AbsoluteUri), created.Id!, teams.TenantId, IsChannel: false);
    }
}
