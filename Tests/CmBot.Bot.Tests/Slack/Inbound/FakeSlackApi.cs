using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using CmBot.Bot.Slack;
using CmBot.Bot.Slack.Web;

namespace CmBot.Bot.Tests.Slack.Inbound;

/// <summary>Records what CmBot asks of Slack's Web API and answers like Slack would; no network.</summary>
public sealed class FakeSlackApi : ISlackApi, ISlackUserDirectory
{
    public sealed record Ephemeral(string Channel, string User, string Text, string? ThreadTs);

    public sealed record Posted(string Channel, string Text, string? ThreadTs);

    public sealed record OpenedView(string TriggerId, JsonObject View);

    public ConcurrentQueue<Ephemeral> Ephemerals { get; } = new();
    public ConcurrentQueue<Posted> Messages { get; } = new();
    public ConcurrentQueue<OpenedView> Views { get; } = new();

    /// <summary>users.info e-mails by Slack user id (what <see cref="ISlackUserDirectory"/> answers).</summary>
    public ConcurrentDictionary<string, string> Emails { get; } = new(StringComparer.Ordinal);

    public Task<string?> GetEmailAsync(string userId, CancellationToken cancellationToken) =>
        Task.FromResult(Emails.TryGetValue(userId, out var email) ? email : null);

    public Task<SlackPosted> PostMessageAsync(string channel, string text, JsonArray? blocks, string? threadTs, JsonObject? metadata, CancellationToken cancellationToken)
    {
        Messages.Enqueue(new Posted(channel, text, threadTs));
        return Task.FromResult(new SlackPosted(channel, "1700000000.000100"));
    }

    public Task PostEphemeralAsync(string channel, string user, string text, JsonArray? blocks, string? threadTs, CancellationToken cancellationToken)
    {
        Ephemerals.Enqueue(new Ephemeral(channel, user, text, threadTs));
        return Task.CompletedTask;
    }

    public Task<string> OpenViewAsync(string triggerId, JsonObject view, CancellationToken cancellationToken)
    {
        Views.Enqueue(new OpenedView(triggerId, view));
        return Task.FromResult("V0TEST");
    }

    public Task<string> OpenConversationAsync(IReadOnlyList<string> userIds, CancellationToken cancellationToken) => Task.FromResult("D0TEST");

    public Task UpdateMessageAsync(string channel, string ts, string text, JsonArray? blocks, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<string> GetPermalinkAsync(string channel, string ts, CancellationToken cancellationToken) => Task.FromResult($"https://slack.example/{channel}/{ts}");

    public Task UpdateViewAsync(string viewId, JsonObject view, string? hash, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<SlackUser?> GetUserAsync(string userId, CancellationToken cancellationToken) =>
        Task.FromResult<SlackUser?>(new SlackUser(userId, userId, userId, Emails.GetValueOrDefault(userId), false));

    public Task<SlackUser?> LookupUserByEmailAsync(string email, CancellationToken cancellationToken) => Task.FromResult<SlackUser?>(null);

    public Task<IReadOnlyList<JsonObject>> GetRepliesAsync(string channel, string ts, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<JsonObject>>([]);

    public Task<IReadOnlyList<JsonObject>> GetHistoryAsync(string channel, DateTimeOffset oldest, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<JsonObject>>([]);

    public Task<string> UploadFileAsync(string channel, string fileName, ReadOnlyMemory<byte> content, string? title, string? initialComment, string? threadTs, CancellationToken cancellationToken) => Task.FromResult("F0TEST");

    public Task<Uri> OpenSocketConnectionAsync(CancellationToken cancellationToken) => Task.FromResult(new Uri("ws://127.0.0.1:9/"));
}
