using System.Text.Json;
using CmBot.Bot.Slack.Payloads;

namespace CmBot.Bot.Tests.Slack.Inbound;

/// <summary>
/// CmBot's Slack payload records read every field shape Slack sends (Fixtures/Slack/shapes, see its SOURCES.md): a
/// field that is an id in one event and an object in another must not make a genuine payload "malformed".
/// </summary>
public sealed class SlackPayloadShapeTests
{
    public static TheoryData<string> EventShapes() => [.. SlackFixtures.Files("shapes/events", "*.json")];

    [Theory]
    [MemberData(nameof(EventShapes))]
    public void Deserialize_EveryEventTypeShape_ReadsWithoutError(string fixture)
    {
        var json = SlackFixtures.Bytes(fixture);

        var route = JsonSerializer.Deserialize(json, SlackRouteJsonContext.Default.SlackEventRoute);
        var envelope = JsonSerializer.Deserialize(json, SlackJsonContext.Default.SlackEventEnvelope);

        Assert.NotNull(route?.Event?.Type);
        Assert.Equal(route.Event.Type, envelope?.Event?.Type);
    }

    [Theory]
    [InlineData("shapes/app-backend/BlockActionPayload.json")]
    [InlineData("shapes/app-backend/ViewSubmissionPayload.json")]
    [InlineData("shapes/app-backend/ViewClosedPayload.json")]
    [InlineData("shapes/app-backend/MessageShortcutPayload.json")]
    [InlineData("shapes/app-backend/SlashCommandPayload.json")]
    public void Deserialize_InteractivityShapes_ReadWithoutError(string fixture)
    {
        var json = SlackFixtures.Bytes(fixture);

        object? payload = Path.GetFileName(fixture) switch
        {
            "BlockActionPayload.json" => (object?)JsonSerializer.Deserialize(json, SlackRouteJsonContext.Default.SlackClickRoute)
                ?? JsonSerializer.Deserialize(json, SlackJsonContext.Default.SlackBlockActionsPayload),
            "ViewSubmissionPayload.json" => JsonSerializer.Deserialize(json, SlackJsonContext.Default.SlackViewSubmissionPayload),
            "ViewClosedPayload.json" => JsonSerializer.Deserialize(json, SlackJsonContext.Default.SlackViewClosedPayload),
            "MessageShortcutPayload.json" => JsonSerializer.Deserialize(json, SlackJsonContext.Default.SlackShortcutPayload),
            _ => JsonSerializer.Deserialize(json, SlackJsonContext.Default.SlackSlashCommand),
        };

        Assert.NotNull(payload);
    }

    [Fact]
    public void Deserialize_BlockActionShape_EveryRecordReadsTheActions()
    {
        var json = SlackFixtures.Bytes("shapes/app-backend/BlockActionPayload.json");

        var route = JsonSerializer.Deserialize(json, SlackRouteJsonContext.Default.SlackClickRoute)!;
        var full = JsonSerializer.Deserialize(json, SlackJsonContext.Default.SlackBlockActionsPayload)!;

        Assert.NotEmpty(route.Actions!);
        Assert.Equal(route.Actions!.Count, full.Actions!.Count);
    }

    [Theory]
    [InlineData("""{"type":"user_change","user":{"id":"U0ABC","name":"ana","profile":{"id":"nested"}}}""", "U0ABC")]
    [InlineData("""{"type":"channel_created","channel":{"name":"fun","created":1360782804}}""", null)]
    [InlineData("""{"type":"message","user":"U0ABC"}""", "U0ABC")]
    [InlineData("""{"type":"x","user":12345}""", "12345")]
    [InlineData("""{"type":"x","user":["U1","U2"]}""", null)]
    [InlineData("""{"type":"x","user":true}""", "true")]
    public void LenientString_UserAsIdObjectNumberOrArray_IdOrNullAndTheRestStillRead(string @event, string? expectedUser)
    {
        var json = $$"""{"type":"event_callback","event_id":"Ev1","event":{{@event}},"team_id":"T1"}""";

        var route = JsonSerializer.Deserialize(json, SlackRouteJsonContext.Default.SlackEventRoute)!;

        Assert.Equal(expectedUser, route.Event!.User ?? route.Event.Channel);
        Assert.Equal("T1", route.TeamId);
        Assert.Equal("Ev1", route.EventId);
    }
}
