using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CmBot.Bot.Slack.Web;

namespace CmBot.Bot.Tests.Slack.Web;

/// <summary>The Web API client against a fake Slack answering with Slack's recorded responses.</summary>
public sealed class SlackApiClientTests
{
    [Fact]
    public async Task PostMessage_Json_SendsBearerCharsetAndMetadataAndReadsRecordedAnswer()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await SlackApiHarness.StartAsync();
        var metadata = new JsonObject { ["event_type"] = "cmbot_card", ["event_payload"] = new JsonObject { ["key"] = "k1" } };

        var posted = await harness.Api.PostMessageAsync("#cm-alerts", "hello", [new JsonObject { ["type"] = "divider" }], "1.000001", metadata, ct);

        var call = Assert.Single(harness.Slack.Calls("chat.postMessage"));
        Assert.Equal("application/json; charset=utf-8", call.ContentType);
        Assert.Equal($"Bearer {FakeSlackServer.BotToken}", call.Authorization);
        Assert.Equal("#cm-alerts", call.Args["channel"]!.GetValue<string>());
        Assert.Equal("1.000001", call.Args["thread_ts"]!.GetValue<string>());
        Assert.Equal("k1", call.Args["metadata"]!["event_payload"]!["key"]!.GetValue<string>());
        Assert.False(call.Args["unfurl_links"]!.GetValue<bool>());
        Assert.Equal(call.ChannelId, posted.Channel);
        Assert.Equal(harness.Slack.State.Messages("#cm-alerts").Single().Ts, posted.Ts);
    }

    [Fact]
    public async Task GetUser_RecordedUsersInfo_FormBodyAndEmailFromProfile()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await SlackApiHarness.StartAsync();

        var user = await harness.Api.GetUserAsync(FakeSlackServer.KnownUser, ct);

        Assert.Equal(new SlackUser("W012A3CDE", "spengler", "Egon Spengler", "spengler@ghostbusters.example.com", false), user);
        Assert.Equal("application/x-www-form-urlencoded", Assert.Single(harness.Slack.Calls("users.info")).ContentType);
    }

    [Fact]
    public async Task GetUser_Unknown_Null()
    {
        await using var harness = await SlackApiHarness.StartAsync();

        Assert.Null(await harness.Api.GetUserAsync("U0NOBODY00", TestContext.Current.CancellationToken));
    }

    [Fact]
    public void UsersInfo_JavaSdkEverythingSample_DeserializesAndKeepsUnknownFields()
    {
        var json = File.ReadAllText(FakeSlackServer.FixturePath("java-sdk-samples/users.info.json"));

        var response = JsonSerializer.Deserialize<UserResponse>(json, SlackJson.Options)!;

        Assert.False(response.Ok);
        Assert.Equal("U00000000", response.User!.Id);
        Assert.True(response.User.Extra!.ContainsKey("enterprise_user"));
        Assert.True(response.User.Profile!.Extra!.ContainsKey("status_emoji_display_info"));
        Assert.True(response.Extra!.ContainsKey("needed"));
        Assert.Null(response.User.ToUser().Email);
    }

    [Fact]
    public async Task PostMessage_ChannelNotFound_PermanentErrorNamingMethodChannelAndError()
    {
        await using var harness = await SlackApiHarness.StartAsync();
        harness.Slack.State.Inject(new FakeSlackFault("chat.postMessage") { Error = "channel_not_found" });

        var ex = await Assert.ThrowsAsync<SlackApiException>(() =>
            harness.Api.PostMessageAsync("#nowhere", "x", null, null, null, TestContext.Current.CancellationToken));

        Assert.True(ex.Permanent);
        Assert.Equal("chat.postMessage", ex.Method);
        Assert.Equal("channel_not_found", ex.Error);
        Assert.StartsWith("Slack chat.postMessage to #nowhere failed: channel_not_found", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not_in_channel", true)]
    [InlineData("is_archived", true)]
    [InlineData("invalid_auth", true)]
    [InlineData("msg_too_long", true)]
    [InlineData("invalid_blocks", true)]
    [InlineData("internal_error", false)]
    [InlineData("fatal_error", false)]
    [InlineData("service_unavailable", false)]
    public async Task PostMessage_SlackError_ClassifiedPermanentOrTransient(string error, bool permanent)
    {
        await using var harness = await SlackApiHarness.StartAsync();
        harness.Slack.State.Inject(new FakeSlackFault("chat.postMessage") { Error = error });

        var ex = await Assert.ThrowsAsync<SlackApiException>(() =>
            harness.Api.PostMessageAsync("C0ALERTS01", "x", null, null, null, TestContext.Current.CancellationToken));

        Assert.Equal(error, ex.Error);
        Assert.Equal(permanent, ex.Permanent);
        Assert.Single(harness.Slack.Calls("chat.postMessage"));
    }

    [Fact]
    public async Task PostMessage_RateLimited_WaitsRetryAfterThenPostsOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await SlackApiHarness.StartAsync();
        harness.Slack.State.Inject(new FakeSlackFault("chat.postMessage") { Status = 429, RetryAfterSeconds = 1 });

        await harness.Api.PostMessageAsync("C0ALERTS01", "x", null, null, null, ct);

        var calls = harness.Slack.Calls("chat.postMessage");
        Assert.Equal([429, 200], calls.Select(c => c.Status));
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromSeconds(1), $"retried {(calls[1].At - calls[0].At).TotalMilliseconds} ms after a Retry-After of 1 s");
        Assert.Single(harness.Slack.State.Messages("C0ALERTS01"));
    }

    [Fact]
    public async Task PostMessage_RateLimitedLongerThanBudget_TransientWithRetryAfter()
    {
        await using var harness = await SlackApiHarness.StartAsync([new("Slack:WebApi:MaxRateLimitWaitSeconds", "0")]);
        harness.Slack.State.Inject(new FakeSlackFault("chat.postMessage") { Status = 429, RetryAfterSeconds = 7 });

        var ex = await Assert.ThrowsAsync<SlackApiException>(() =>
            harness.Api.PostMessageAsync("C0ALERTS01", "x", null, null, null, TestContext.Current.CancellationToken));

        Assert.Equal("ratelimited", ex.Error);
        Assert.False(ex.Permanent);
        Assert.Equal(TimeSpan.FromSeconds(7), ex.RetryAfter);
    }

    [Fact]
    public async Task PostMessage_ServerError_NotRetriedTransient()
    {
        await using var harness = await SlackApiHarness.StartAsync();
        harness.Slack.State.Inject(new FakeSlackFault("chat.postMessage") { Status = 503 });

        var ex = await Assert.ThrowsAsync<SlackApiException>(() =>
            harness.Api.PostMessageAsync("C0ALERTS01", "x", null, null, null, TestContext.Current.CancellationToken));

        Assert.False(ex.Permanent);
        Assert.Equal(SlackErrors.HttpStatusPrefix + "503", ex.Error);
        Assert.True(SlackErrors.MayHaveSucceeded(ex.Error));
        Assert.Single(harness.Slack.Calls("chat.postMessage"));
    }

    [Fact]
    public async Task GetUser_ServerErrorOnce_RetriedBecauseReadsAreIdempotent()
    {
        await using var harness = await SlackApiHarness.StartAsync();
        harness.Slack.State.Inject(new FakeSlackFault("users.info") { Status = 503 });

        var user = await harness.Api.GetUserAsync(FakeSlackServer.KnownUser, TestContext.Current.CancellationToken);

        Assert.Equal("spengler@ghostbusters.example.com", user?.Email);
        Assert.Equal([503, 200], harness.Slack.Calls("users.info").Select(c => c.Status));
    }

    [Fact]
    public async Task PostMessage_NoAnswerInTime_TimeoutThatMayHavePosted()
    {
        await using var harness = await SlackApiHarness.StartAsync([new("Slack:WebApi:RequestTimeoutSeconds", "1")]);
        harness.Slack.State.Inject(new FakeSlackFault("chat.postMessage") { Delay = TimeSpan.FromSeconds(3), ApplyAnyway = true });

        var ex = await Assert.ThrowsAsync<SlackApiException>(() =>
            harness.Api.PostMessageAsync("C0ALERTS01", "x", null, null, null, TestContext.Current.CancellationToken));

        Assert.Equal(SlackErrors.Timeout, ex.Error);
        Assert.False(ex.Permanent);
        Assert.True(SlackErrors.MayHaveSucceeded(ex.Error));
    }

    [Fact]
    public async Task UploadFile_V2_GetsUrlPostsBytesWithoutTokenThenCompletes()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await SlackApiHarness.StartAsync();
        var bytes = Encoding.UTF8.GetBytes("date,mentions\n2026-01-01,3\n");

        var fileId = await harness.Api.UploadFileAsync("C0ALERTS01", "report.csv", bytes, "Weekly report", "Here it is", "1.5", ct);

        Assert.StartsWith("F0FAKE", fileId, StringComparison.Ordinal);
        var getUrl = Assert.Single(harness.Slack.Calls("files.getUploadURLExternal"));
        Assert.Equal("report.csv", getUrl.Args["filename"]!.GetValue<string>());
        Assert.Equal(bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), getUrl.Args["length"]!.GetValue<string>());
        Assert.Equal(bytes, harness.Slack.State.Uploads[fileId]);
        Assert.Null(Assert.Single(harness.Slack.Calls("upload")).Authorization);
        var complete = Assert.Single(harness.Slack.Calls("files.completeUploadExternal"));
        Assert.Equal(fileId, complete.Args["files"]![0]!["id"]!.GetValue<string>());
        Assert.Equal("Weekly report", complete.Args["files"]![0]!["title"]!.GetValue<string>());
        Assert.Equal("C0ALERTS01", complete.Args["channel_id"]!.GetValue<string>());
        Assert.Equal("1.5", complete.Args["thread_ts"]!.GetValue<string>());
    }

    [Fact]
    public async Task OpenSocketConnection_UsesAppToken()
    {
        await using var harness = await SlackApiHarness.StartAsync();

        var url = await harness.Api.OpenSocketConnectionAsync(TestContext.Current.CancellationToken);

        Assert.Equal("ws", url.Scheme);
        Assert.Equal($"Bearer {FakeSlackServer.AppToken}", Assert.Single(harness.Slack.Calls("apps.connections.open")).Authorization);
    }

    [Fact]
    public async Task GetReplies_RecordedAnswerWithCursor_FollowsCursorRootFirst()
    {
        await using var harness = await SlackApiHarness.StartAsync();
        harness.Slack.State.Inject(new FakeSlackFault("conversations.replies") { Body = File.ReadAllText(FakeSlackServer.FixturePath("conversations.replies.ok.json")) });

        var messages = await harness.Api.GetRepliesAsync("C0ALERTS01", "1482960137.003543", TestContext.Current.CancellationToken);

        Assert.Equal(["island", "one island", "two island", "three for the land"], messages.Select(m => m["text"]!.GetValue<string>()));
        var calls = harness.Slack.Calls("conversations.replies");
        Assert.Equal(2, calls.Count);
        Assert.Equal("bmV4dF90czoxNDg0Njc4MjkwNTE3MDkx", calls[1].Args["cursor"]!.GetValue<string>());
        Assert.All(calls, c => Assert.Equal("true", c.Args["include_all_metadata"]!.GetValue<string>()));
    }

    [Fact]
    public async Task OtherMethods_AgainstFake_ParseTheirAnswers()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await SlackApiHarness.StartAsync();
        var api = harness.Api;

        var posted = await api.PostMessageAsync("C0ALERTS01", "root", null, null, null, ct);
        await api.UpdateMessageAsync("C0ALERTS01", posted.Ts, "edited", null, ct);
        await api.PostEphemeralAsync("C0ALERTS01", "U1", "only you", null, null, ct);
        var permalink = await api.GetPermalinkAsync("C0ALERTS01", posted.Ts, ct);
        var viewId = await api.OpenViewAsync("trigger-1", new JsonObject { ["type"] = "modal" }, ct);
        await api.UpdateViewAsync(viewId, new JsonObject { ["type"] = "modal" }, "1712345678.abc", ct);
        var dm = await api.OpenConversationAsync(["U1", "U2"], ct);
        var byEmail = await api.LookupUserByEmailAsync("spengler@ghostbusters.example.com", ct);
        var nobody = await api.LookupUserByEmailAsync("nobody@example.com", ct);
        var history = await api.GetHistoryAsync("C0ALERTS01", DateTimeOffset.UtcNow.AddMinutes(-1), ct);

        Assert.Equal("edited", harness.Slack.State.Messages("C0ALERTS01").Single().Text);
        Assert.Contains("/archives/C0ALERTS01/", permalink, StringComparison.Ordinal);
        Assert.Equal("V0FAKE0001", viewId);
        Assert.Equal("D0FAKEDM01", dm);
        Assert.Equal("U1,U2", Assert.Single(harness.Slack.Calls("conversations.open")).Args["users"]!.GetValue<string>());
        Assert.Equal("W012A3CDE", byEmail?.Id);
        Assert.Null(nobody);
        Assert.Equal(posted.Ts, Assert.Single(history)["ts"]!.GetValue<string>());
    }

    [Fact]
    public async Task FindChannelId_ByName_FromConversationsList()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var harness = await SlackApiHarness.StartAsync();
        var posted = await harness.Api.PostMessageAsync("#cm-legal", "x", null, null, null, ct);

        Assert.Equal(posted.Channel, await harness.Api.FindChannelIdAsync("#cm-legal", ct));
        Assert.Null(await harness.Api.FindChannelIdAsync("#unknown", ct));
    }

    [Fact]
    public void PartitionOf_PostsPerChannelOtherMethodsPerMethod()
    {
        Assert.NotEqual(SlackRateLimiter.PartitionOf(SlackMethods.PostMessage, "C1"), SlackRateLimiter.PartitionOf(SlackMethods.PostMessage, "C2"));
        Assert.Equal(SlackRateLimiter.PartitionOf(SlackMethods.Update, "C1"), SlackRateLimiter.PartitionOf(SlackMethods.Update, "C2"));
    }
}
