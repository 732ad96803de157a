using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using CmBot.Bot.Slack.Web;

namespace CmBot.Bot.Tests.Slack.SocketMode;

/// <summary>
/// apps.connections.open, answered with a URL of the local server (a new ticket per call), or with a queued
/// failure. The other Web API methods are not used by Socket Mode.
/// </summary>
internal sealed class FakeSocketModeApi(FakeSocketModeServer server) : ISlackApi
{
    private readonly Channel<int> _calls = Channel.CreateUnbounded<int>();
    private int _count;

    /// <summary>Each call first consumes one queued failure, if any.</summary>
    public ConcurrentQueue<Exception> Failures { get; } = new();

    public int Calls => Volatile.Read(ref _count);

    /// <summary>Completes with the call's number when apps.connections.open is called.</summary>
    public async Task<int> NextCallAsync(CancellationToken cancellationToken) => await _calls.Reader.ReadAsync(cancellationToken);

    public Task<Uri> OpenSocketConnectionAsync(CancellationToken cancellationToken)
    {
        var call = Interlocked.Increment(ref _count);
        _calls.Writer.TryWrite(call);
        return Failures.TryDequeue(out var failure) ? Task.FromException<Uri>(failure) : Task.FromResult(server.UrlFor(call));
    }

    public Task<SlackPosted> PostMessageAsync(string channel, string text, JsonArray? blocks, string? threadTs, JsonObject? metadata, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task UpdateMessageAsync(string channel, string ts, string text, JsonArray? blocks, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task PostEphemeralAsync(string channel, string user, string text, JsonArray? blocks, string? threadTs, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<string> GetPermalinkAsync(string channel, string ts, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<string> OpenViewAsync(string triggerId, JsonObject view, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task UpdateViewAsync(string viewId, JsonObject view, string? hash, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<SlackUser?> GetUserAsync(string userId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<SlackUser?> LookupUserByEmailAsync(string email, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<string> OpenConversationAsync(IReadOnlyList<string> userIds, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<JsonObject>> GetRepliesAsync(string channel, string ts, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<JsonObject>> GetHistoryAsync(string channel, DateTimeOffset oldest, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<string> UploadFileAsync(string channel, string fileName, ReadOnlyMemory<byte> content, string? title, string? initialComment, string? threadTs, CancellationToken cancellationToken) => throw new NotSupportedException();
}
