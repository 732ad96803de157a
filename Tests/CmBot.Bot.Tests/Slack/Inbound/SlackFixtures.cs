using System.Text.Json.Nodes;
using System.Web;

namespace CmBot.Bot.Tests.Slack.Inbound;

/// <summary>The recorded Slack payloads copied under Fixtures/Slack (see the SOURCES.md next to them).</summary>
public static class SlackFixtures
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Slack");

    /// <summary>The raw bytes of a fixture, e.g. "events/app_mention.json".</summary>
    public static byte[] Bytes(string relativePath) => File.ReadAllBytes(Path.Combine(Folder, relativePath));

    public static string Text(string relativePath) => File.ReadAllText(Path.Combine(Folder, relativePath));

    /// <summary>A fixture parsed for editing (the test says which fields it changes and why).</summary>
    public static JsonObject Json(string relativePath) => JsonNode.Parse(Text(relativePath))!.AsObject();

    /// <summary>An interactivity payload the way Slack posts it: one form field, payload=&lt;url-encoded JSON&gt;.</summary>
    public static byte[] Form(JsonObject payload) =>
        System.Text.Encoding.UTF8.GetBytes("payload=" + HttpUtility.UrlEncode(payload.ToJsonString()));

    public static IEnumerable<string> Files(string folder, string pattern) =>
        Directory.EnumerateFiles(Path.Combine(Folder, folder), pattern).Select(f => $"{folder}/{Path.GetFileName(f)}").Order(StringComparer.Ordinal);
}
