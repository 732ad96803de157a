using System.Collections.Concurrent;
using System.Globalization;
using CmBot.Bot.Chat;
using CmBot.Core.Chat;

namespace CmBot.Bot.Tests.Storage;

/// <summary>A chat platform that records what it receives and fails on demand (429 with Retry-After, permanent errors).</summary>
public sealed class FakeChatPlatform : IChatPlatform
{
    private int _next;

    public string Name => "fake";

    public ChatChannels Channels { get; } = new("#alerts", "#legal", "#exec");

    public ConcurrentQueue<(string Channel, string Title, string? Thread, string? Status)> Posts { get; } = new();

    public ConcurrentQueue<(string Channel, string Id, string? Status)> Updates { get; } = new();

    /// <summary>Each send first consumes one queued failure, if any.</summary>
    public ConcurrentQueue<ChatDeliveryException> Failures { get; } = new();

    /// <summary>Errors a buggy sender would throw (not delivery failures).</summary>
    public ConcurrentQueue<Exception> Unexpected { get; } = new();

    public Task<string> PostCardAsync(string channel, Card card, string? threadExternalId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(card);
        ThrowQueuedFailure();
        Posts.Enqueue((channel, card.Title, threadExternalId, card.Status));
        return Task.FromResult(Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>What the outbox told each post about its row (a claim that ended without a result, the last error).</summary>
    public ConcurrentQueue<ChatSendOrigin> Origins { get; } = new();

    public Task<string> PostCardAsync(string channel, Card card, string? threadExternalId, ChatSendOrigin origin, CancellationToken cancellationToken)
    {
        Origins.Enqueue(origin);
        return PostCardAsync(channel, card, threadExternalId, cancellationToken);
    }

    public Task UpdateCardAsync(string channel, string externalId, Card card, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(card);
        ThrowQueuedFailure();
        Updates.Enqueue((channel, externalId, card.Status));
        return Task.CompletedTask;
    }

    private void ThrowQueuedFailure()
    {
        if (Failures.TryDequeue(out var failure))
        {
            throw failure;
        }

        if (Unexpected.TryDequeue(out var bug))
        {
            throw bug;
        }
    }
}
