using CmBot.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace CmBot.Bot.Chat;

/// <summary>
/// Gives back a row whose lane failed after claiming it (the outcome save refused, a bug, a shutdown in the middle of
/// a send) instead of leaving it in Sending until the claim lease runs out. Like a sender that died, a release counts
/// no attempt: the claim count already says that a claim ended without a recorded result, so the next sender looks for
/// the message on the platform before posting it again (<see cref="OutboxMessage.ClaimedBeforeWithoutResult"/>).
/// Claims that keep ending that way back off, and the row fails loudly after as many as a send may have attempts.
/// </summary>
public static class OutboxRelease
{
    /// <summary>What the claim returned, before the send changed the tracked row.</summary>
    public sealed record Claim(long Id, int Claims, int Attempts);

    public static Claim Of(OutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new Claim(message.Id, message.Claims, message.Attempts);
    }

    /// <summary>
    /// Puts the row back (Pending, or Failed after <paramref name="maxClaimsWithoutResult"/> such claims) if it is still
    /// this claim's: same claim count, still Sending. Returns the state it was given, or null when the row was no longer
    /// this claim's (its outcome was saved after all, or the lease gave it to another sender).
    /// </summary>
    public static async Task<(OutboxState State, DateTimeOffset? NotBefore)?> ReleaseAsync(
        CmBotDbContext db, Claim claim, string error, bool shutdown, DateTimeOffset now, int maxClaimsWithoutResult, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(claim);
        var withoutResult = Math.Max(1, claim.Claims - claim.Attempts);
        var state = !shutdown && withoutResult >= maxClaimsWithoutResult ? OutboxState.Failed : OutboxState.Pending;

        // A shutdown is not the row's fault: another instance may take it at once.
        DateTimeOffset? notBefore = shutdown ? null : now + TimeSpan.FromSeconds(Math.Min(300, Math.Pow(2, withoutResult)));
        var lastError = error.Length > 500 ? error[..500] : error;
        var released = await db.Outbox
            .Where(o => o.Id == claim.Id && o.State == OutboxState.Sending && o.Claims == claim.Claims)
            .ExecuteUpdateAsync(
                s => s.SetProperty(o => o.State, state).SetProperty(o => o.NotBefore, notBefore).SetProperty(o => o.LastError, lastError),
                cancellationToken);
        return released == 0 ? null : (state, notBefore);
    }
}
