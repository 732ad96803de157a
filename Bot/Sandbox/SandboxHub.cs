using System.Threading.Channels;

namespace CmBot.Bot.Sandbox;

/// <summary>
/// Tells open sandbox pages that something changed, over server-sent events. It carries no state: pages
/// re-read the database, so a restart loses nothing.
/// </summary>
public sealed class SandboxHub
{
    private readonly Lock _lock = new();
    private readonly List<Channel<string>> _subscribers = [];

    public ChannelReader<string> Subscribe(CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<string>(new BoundedChannelOptions(16) { FullMode = BoundedChannelFullMode.DropOldest });
        lock (_lock)
        {
            _subscribers.Add(channel);
        }

        cancellationToken.Register(() =>
        {
            lock (_lock)
            {
                _subscribers.Remove(channel);
            }

            channel.Writer.TryComplete();
        });
        return channel.Reader;
    }

    public void Notify(string what)
    {
        lock (_lock)
        {
            foreach (var subscriber in _subscribers)
            {
                subscriber.Writer.TryWrite(what);
            }
        }
    }
}
