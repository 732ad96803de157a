using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace CmBot.Bot.Tests.Slack.Web;

/// <summary>Answers the fake's /api/{method} calls the way Slack does (HTTP 200 with ok true/false, 429 when limited).</summary>
internal sealed class FakeSlackHandler(FakeSlackServer server)
{
    private FakeSlackState State => server.State;

    public async Task<IResult> HandleAsync(HttpContext context, string method)
    {
        var arrival = DateTimeOffset.UtcNow;
        var args = await FakeSlackServer.ReadArgsAsync(context.Request);
        var channel = Text(args["channel"]) ?? Text(args["channel_id"]);
        var channelId = channel is null ? null : FakeSlackState.ChannelIdOf(channel);
        var auth = context.Request.Headers.Authorization.ToString();
        IResult Record(int status, string? error, JsonObject? body, TimeSpan? retryAfter = null, string? raw = null)
        {
            State.Requests.Enqueue(new FakeSlackRequest(arrival, method, channel, channelId, status, error, retryAfter, auth, context.Request.ContentType, args));
            if (retryAfter is { } wait)
            {
                context.Response.Headers.RetryAfter = ((int)wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            }

            return Results.Text(raw ?? body?.ToJsonString() ?? string.Empty, "application/json; charset=utf-8", statusCode: status);
        }

        if (State.TakeFault(method) is { } fault)
        {
            var applied = fault.ApplyAnyway ? Answer(method, args, channel, channelId, arrival).Body : null;

            if (fault.Delay is { } delay)
            {
                await Task.Delay(delay, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            }

            if (fault.Status == 429)
            {
                return Record(429, "ratelimited", null, TimeSpan.FromSeconds(fault.RetryAfterSeconds ?? 1), File.ReadAllText(FakeSlackServer.FixturePath("error.ratelimited.json")));
            }

            if (fault.Status is { } status)
            {
                return Record(status, $"http_{status}", null, raw: "<html>upstream unavailable</html>");
            }

            if (fault.Body is { } raw)
            {
                return Record(200, null, null, raw: raw);
            }

            if (fault.Error is { } injected)
            {
                return Record(200, injected, Error(injected));
            }

            // Only delayed: the client has given up by now; the work was done (ApplyAnyway) or dropped.
            return applied is not null ? Record(200, null, applied) : Record(200, "fake_dropped", Error("fake_dropped"));
        }

        var expected = method == "apps.connections.open" ? FakeSlackServer.AppToken : FakeSlackServer.BotToken;
        if (auth != $"Bearer {expected}")
        {
            return Record(200, "invalid_auth", Error(auth.Length == 0 ? "not_authed" : "invalid_auth"));
        }

        if (method == "chat.postMessage" && channelId is not null && State.Admit(channelId, arrival) is > 0 and var retryAfter)
        {
            return Record(429, "ratelimited", null, TimeSpan.FromSeconds(retryAfter), File.ReadAllText(FakeSlackServer.FixturePath("error.ratelimited.json")));
        }

        var answer = Answer(method, args, channel, channelId, arrival);
        return Record(answer.Ok ? 200 : answer.Status, answer.Error, answer.Body);
    }

    private (bool Ok, int Status, string? Error, JsonObject Body) Answer(string method, JsonObject args, string? channel, string? channelId, DateTimeOffset now)
    {
        if (channel is not null && channelId is not null && channel != channelId)
        {
            State.ChannelNames[channelId] = channel.TrimStart('#');
        }

        JsonObject? body = method switch
        {
            "chat.postMessage" => PostMessage(args, channelId!, now),
            "chat.update" => Update(args, channelId!),
            "chat.postEphemeral" => new JsonObject { ["ok"] = true, ["message_ts"] = State.NewTs(now) },
            "chat.getPermalink" => new JsonObject { ["ok"] = true, ["channel"] = channelId, ["permalink"] = $"https://fake.slack.test/archives/{channelId}/p{Text(args["message_ts"])?.Replace(".", string.Empty, StringComparison.Ordinal)}" },
            "views.open" or "views.update" => new JsonObject { ["ok"] = true, ["view"] = new JsonObject { ["id"] = Text(args["view_id"]) ?? "V0FAKE0001", ["hash"] = "1712345678.abc" } },
            "users.info" => Text(args["user"]) == FakeSlackServer.KnownUser ? FakeSlackServer.Fixture("users.info.ok.json") : null,
            "users.lookupByEmail" => Text(args["email"]) == "spengler@ghostbusters.example.com" ? FakeSlackServer.Fixture("users.info.ok.json") : null,
            "conversations.open" => new JsonObject
            {
                ["ok"] = true,
                ["channel"] = new JsonObject { ["id"] = Text(args["users"]) is { } users && !users.Contains(',', StringComparison.Ordinal) ? FakeSlackState.ChannelIdOf(users) : "D0FAKEDM01" },
            },
            "conversations.list" => new JsonObject
            {
                ["ok"] = true,
                ["channels"] = new JsonArray([.. State.ChannelNames.Select(c => (JsonNode)new JsonObject { ["id"] = c.Key, ["name"] = c.Value })]),
            },
            "conversations.history" => History(args, channelId!),
            "conversations.replies" => Replies(args, channelId!),
            "files.getUploadURLExternal" => UploadUrl(),
            "files.completeUploadExternal" => CompleteUpload(args, channelId, now),
            "files.info" => FileInfo(Text(args["file"])),
            "apps.connections.open" => new JsonObject { ["ok"] = true, ["url"] = new Uri(server.BaseUrl, "socket?ticket=1").AbsoluteUri.Replace("http", "ws", StringComparison.Ordinal) },
            _ => Error("unknown_method"),
        };

        body ??= Error(method.StartsWith("users", StringComparison.Ordinal) ? (method == "users.info" ? "user_not_found" : "users_not_found") : "channel_not_found");
        var ok = body["ok"]?.GetValue<bool>() == true;
        var error = ok ? null : Text(body["error"]);
        return (ok, error == "unknown_method" ? 404 : 200, error, body);
    }

    private JsonObject PostMessage(JsonObject args, string channelId, DateTimeOffset now)
    {
        var ts = State.NewTs(now);
        var message = State.Store(new FakeSlackMessage(
            channelId, ts, Text(args["text"]) ?? string.Empty, Text(args["thread_ts"]), args["metadata"]?.DeepClone() as JsonObject, args["blocks"]?.DeepClone() as JsonArray));

        // Slack's documented answer, with this post's channel, ts and message.
        var answer = FakeSlackServer.Fixture("chat.postMessage.ok.json");
        answer["channel"] = channelId;
        answer["ts"] = ts;
        answer["message"] = message.ToJson(withMetadata: true);
        return answer;
    }

    private JsonObject UploadUrl()
    {
        // Slack's documented answer, with a fresh file id and this fake's upload URL.
        var fileId = State.NewFileId();
        var answer = FakeSlackServer.Fixture("files.getUploadURLExternal.ok.json");
        answer["upload_url"] = new Uri(server.BaseUrl, $"upload/{fileId}").AbsoluteUri;
        answer["file_id"] = fileId;
        return answer;
    }

    /// <summary>Shares an uploaded file once (Slack: "this method can only be called once"), as a message in the channel or thread.</summary>
    private JsonObject? CompleteUpload(JsonObject args, string? channelId, DateTimeOffset now)
    {
        var fileId = Text(args["files"]?[0]?["id"]) ?? string.Empty;
        var title = Text(args["files"]?[0]?["title"]);
        if (!State.Uploads.ContainsKey(fileId))
        {
            return Error("file_not_found");
        }

        if (!State.FileShares.TryAdd(fileId, channelId ?? string.Empty))
        {
            return Error("file_already_completed");
        }

        if (channelId is not null)
        {
            State.Store(new FakeSlackMessage(channelId, State.NewTs(now), Text(args["initial_comment"]) ?? string.Empty, Text(args["thread_ts"]), null, null) { FileId = fileId });
        }

        var answer = FakeSlackServer.Fixture("files.completeUploadExternal.ok.json");
        answer["files"]![0]!["id"] = fileId;
        answer["files"]![0]!["title"] = title;
        return answer;
    }

    private JsonObject? FileInfo(string? fileId)
    {
        if (fileId is null || !State.Uploads.ContainsKey(fileId))
        {
            return Error("file_not_found");
        }

        var shared = State.FileShares.TryGetValue(fileId, out var channel) && channel.Length > 0 ? new JsonArray(channel) : [];
        return new JsonObject
        {
            ["ok"] = true,
            ["file"] = new JsonObject { ["id"] = fileId, ["title"] = fileId, ["channels"] = shared, ["groups"] = new JsonArray(), ["ims"] = new JsonArray() },
        };
    }

    private JsonObject Update(JsonObject args, string channelId)
    {
        var ts = Text(args["ts"]) ?? string.Empty;
        var text = Text(args["text"]) ?? string.Empty;
        if (!State.Replace(channelId, ts, m => m with { Text = text, Blocks = args["blocks"]?.DeepClone() as JsonArray ?? m.Blocks }))
        {
            return Error("message_not_found");
        }

        var answer = FakeSlackServer.Fixture("chat.update.ok.json");
        answer["channel"] = channelId;
        answer["ts"] = ts;
        answer["text"] = text;
        answer["message"]!["text"] = text;
        return answer;
    }

    private JsonObject History(JsonObject args, string channelId)
    {
        var oldest = decimal.Parse(Text(args["oldest"]) ?? "0", CultureInfo.InvariantCulture);
        var metadata = Text(args["include_all_metadata"]) == "true";
        var messages = State.Messages(channelId)
            .Where(m => m.ThreadTs is null && decimal.Parse(m.Ts, CultureInfo.InvariantCulture) >= oldest)
            .OrderByDescending(m => decimal.Parse(m.Ts, CultureInfo.InvariantCulture))
            .Select(m => (JsonNode)m.ToJson(metadata));
        return new JsonObject { ["ok"] = true, ["messages"] = new JsonArray([.. messages]), ["has_more"] = false };
    }

    private JsonObject Replies(JsonObject args, string channelId)
    {
        var ts = Text(args["ts"]);
        var metadata = Text(args["include_all_metadata"]) == "true";
        var thread = State.Messages(channelId).Where(m => m.Ts == ts || m.ThreadTs == ts).OrderBy(m => decimal.Parse(m.Ts, CultureInfo.InvariantCulture));

        // Slack's documented answer shape, with this thread's messages and no further page.
        var answer = FakeSlackServer.Fixture("conversations.replies.ok.json");
        answer["messages"] = new JsonArray([.. thread.Select(m => (JsonNode)m.ToJson(metadata))]);
        answer["has_more"] = false;
        answer["response_metadata"] = new JsonObject { ["next_cursor"] = string.Empty };
        return answer;
    }

    private static JsonObject Error(string error) => new() { ["ok"] = false, ["error"] = error };

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
