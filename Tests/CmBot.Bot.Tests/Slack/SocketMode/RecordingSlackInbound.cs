using System.Threading.Channels;
using CmBot.Bot.Slack.Inbound;

namespace CmBot.Bot.Tests.Slack.SocketMode;

/// <summary>Records what Socket Mode hands to the inbound handling and answers as told (by default 200, no body).</summary>
internal sealed class RecordingSlackInbound : ISlackInbound
{
    private readonly Channel<SlackInboundRequest> _requests = Channel.CreateUnbounded<SlackInboundRequest>();
    private int _count;

    /// <summary>The answer for each request.</summary>
    public Func<SlackInboundRequest, SlackAck> Answer { get; set; } = _ => SlackAck.Empty;

    /// <summary>When set, AcceptAsync waits for it before answering (to see that nothing is acked before).</summary>
    public TaskCompletionSource? Gate { get; set; }

    public int Count => Volatile.Read(ref _count);

    public async Task<SlackInboundRequest> NextAsync(CancellationToken cancellationToken) => await _requests.Reader.ReadAsync(cancellationToken);

    public async Task<SlackAck> AcceptAsync(SlackInboundRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Interlocked.Increment(ref _count);
        _requests.Writer.TryWrite(request);
        if (Gate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        return Answer(request);
    }
}
