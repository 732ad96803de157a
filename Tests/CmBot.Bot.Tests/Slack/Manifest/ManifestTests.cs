using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CmBot.Bot.Tests.Infrastructure;

namespace CmBot.Bot.Tests.Slack.Manifest;

/// <summary>manifests/slack/manifest.json against Slack's schema, and against what CmBot actually serves.</summary>
public sealed partial class ManifestTests
{
    private static string ManifestFolder => Path.Combine(SampleFeed.RepoRoot(), "manifests", "slack");

    private static JsonObject Manifest() => JsonNode.Parse(File.ReadAllText(Path.Combine(ManifestFolder, "manifest.json")))!.AsObject();

    [Fact]
    public void Validate_ShippedManifest_ValidAgainstSlackSchema()
    {
        var errors = SlackManifestSchema.Errors(Manifest());

        Assert.True(errors.Count == 0, string.Join('\n', errors));
    }

    [Fact]
    public void Validate_UpstreamValidExample_Valid()
    {
        var example = JsonNode.Parse(File.ReadAllText(Path.Combine(SlackManifestSchema.Folder, "examples", "manifest.v2.valid.json")))!;

        var errors = SlackManifestSchema.Errors(example);

        Assert.True(errors.Count == 0, string.Join('\n', errors));
    }

    [Theory]
    [InlineData("no display information")]
    [InlineData("command without slash")]
    [InlineData("interactivity without is_enabled")]
    [InlineData("events url without scheme")]
    [InlineData("bot user without display name")]
    [InlineData("unknown settings key")]
    [InlineData("name too long")]
    [InlineData("major version 3")]
    [InlineData("scopes as a string")]
    public void Validate_DeliberatelyBrokenCopy_Invalid(string breakage)
    {
        var manifest = Manifest();
        Break(manifest, breakage);

        Assert.NotEmpty(SlackManifestSchema.Errors(manifest));
    }

    [Fact]
    public void Manifest_Settings_PointAtCmBotEndpointsAndTheCmCommand()
    {
        var manifest = Manifest();

        Assert.Equal(2, (int?)manifest["_metadata"]!["major_version"]);
        Assert.Equal("CmBot", (string?)manifest["display_information"]!["name"]);
        Assert.Equal("CmBot", (string?)manifest["features"]!["bot_user"]!["display_name"]);
        Assert.True((bool?)manifest["features"]!["bot_user"]!["always_online"]);
        Assert.True((bool?)manifest["features"]!["app_home"]!["messages_tab_enabled"]);
        var command = manifest["features"]!["slash_commands"]!.AsArray().Single()!;
        Assert.Equal("/cm", (string?)command["command"]);
        Assert.Equal("https://YOUR-HOST/slack/commands", (string?)command["url"]);
        var settings = manifest["settings"]!;
        Assert.Equal("https://YOUR-HOST/slack/events", (string?)settings["event_subscriptions"]!["request_url"]);
        Assert.Equal(
            ["app_home_opened", "app_mention", "message.channels", "message.groups", "message.im"],
            settings["event_subscriptions"]!["bot_events"]!.AsArray().Select(e => (string)e!).Order());
        Assert.True((bool?)settings["interactivity"]!["is_enabled"]);
        Assert.Equal("https://YOUR-HOST/slack/interactivity", (string?)settings["interactivity"]!["request_url"]);
        Assert.False((bool?)settings["socket_mode_enabled"]);
        Assert.False((bool?)settings["org_deploy_enabled"]);
        Assert.False((bool?)settings["token_rotation_enabled"]);
    }

    [Fact]
    public void Manifest_BotScopes_MinimalAndEachExplainedInTheReadme()
    {
        var scopes = Manifest()["oauth_config"]!["scopes"]!["bot"]!.AsArray().Select(s => (string)s!).ToList();
        var readme = File.ReadAllText(Path.Combine(ManifestFolder, "README.md"));
        var explained = ScopeRow().Matches(readme).Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(scopes.Order(), explained.Order());
        Assert.Equal(scopes.Count, scopes.Distinct().Count());
        Assert.DoesNotContain("chat:write.public", scopes);
        Assert.Equal(["bot"], Manifest()["oauth_config"]!["scopes"]!.AsObject().Select(p => p.Key));
    }

    private static void Break(JsonObject manifest, string breakage)
    {
        var settings = manifest["settings"]!.AsObject();
        switch (breakage)
        {
            case "no display information":
                manifest.Remove("display_information");
                break;
            case "command without slash":
                manifest["features"]!["slash_commands"]![0]!["command"] = "cm";
                break;
            case "interactivity without is_enabled":
                settings["interactivity"]!.AsObject().Remove("is_enabled");
                break;
            case "events url without scheme":
                settings["event_subscriptions"]!["request_url"] = "YOUR-HOST/slack/events";
                break;
            case "bot user without display name":
                manifest["features"]!["bot_user"] = new JsonObject { ["always_online"] = true };
                break;
            case "unknown settings key":
                settings["socket_mode"] = true;
                break;
            case "name too long":
                manifest["display_information"]!["name"] = new string('x', 36);
                break;
            case "major version 3":
                manifest["_metadata"]!["major_version"] = 3;
                break;
            default:
                manifest["oauth_config"]!["scopes"]!["bot"] = "chat:write commands";
                break;
        }
    }

    /// <summary>A row of the scope table: "| `chat:write` | why |".</summary>
    [GeneratedRegex(@"^\| `([a-z_]+:[a-z_.]+|commands)` \|", RegexOptions.Multiline)]
    private static partial Regex ScopeRow();
}
