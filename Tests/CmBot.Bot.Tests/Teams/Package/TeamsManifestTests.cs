using System.Text.Json.Nodes;
using CmBot.Bot.Teams.Inbound;
using CmBot.Bot.Tests.Infrastructure;

namespace CmBot.Bot.Tests.Teams.Package;

/// <summary>manifests/teams/: the manifest against Microsoft's v1.30 schema and against what the bot understands; the icons.</summary>
public sealed class TeamsManifestTests
{
    private static string Folder => Path.Combine(SampleFeed.RepoRoot(), "manifests", "teams");

    private static JsonObject Manifest() => JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "manifest.json")))!.AsObject();

    [Fact]
    public void Validate_ShippedManifest_ValidAgainstTeamsSchema()
    {
        var errors = TeamsManifestSchema.Errors(Manifest());

        Assert.True(errors.Count == 0, string.Join('\n', errors));
    }

    [Theory]
    [InlineData("bot id not a GUID")]
    [InlineData("unknown bot scope")]
    [InlineData("no outline icon")]
    [InlineData("older manifest version")]
    [InlineData("short name too long")]
    [InlineData("unknown top-level key")]
    public void Validate_BrokenManifest_Refused(string mistake)
    {
        var manifest = Manifest();
        var bot = manifest["bots"]![0]!.AsObject();
        switch (mistake)
        {
            case "bot id not a GUID": bot["botId"] = "cmbot"; break;
            case "unknown bot scope": bot["scopes"]!.AsArray().Add("meeting"); break;
            case "no outline icon": manifest["icons"]!.AsObject().Remove("outline"); break;
            case "older manifest version": manifest["manifestVersion"] = "1.29"; break;
            case "short name too long": manifest["name"]!["short"] = new string('x', 31); break;
            case "unknown top-level key": manifest["botCommands"] = new JsonArray(); break;
            default: throw new ArgumentOutOfRangeException(nameof(mistake));
        }

        Assert.NotEmpty(TeamsManifestSchema.Errors(manifest));
    }

    [Fact]
    public void Manifest_Bot_InTeamGroupChatAndPersonalScopes()
    {
        var bot = Manifest()["bots"]![0]!;

        Assert.Equal(["team", "groupChat", "personal"], bot["scopes"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.False(bot["isNotificationOnly"]!.GetValue<bool>());
    }

    [Fact]
    public void Manifest_CommandList_IsExactlyWhatTheBotUnderstands()
    {
        var titles = Manifest()["bots"]![0]!["commandLists"]!.AsArray()
            .SelectMany(list => list!["commands"]!.AsArray().Select(c => c!["title"]!.GetValue<string>()))
            .ToList();

        // Each listed command is understood (with an incident number where it takes one)...
        foreach (var title in titles)
        {
            Assert.NotEqual(TeamsCommandKind.Unknown, TeamsCommand.Parse($"{title} 12").Kind);
        }

        // ...and each command the bot understands is listed (acknowledge is the long form of ack).
        Assert.Equal(
            [TeamsCommand.HelpWord, TeamsCommand.StatusWord, TeamsCommand.AckWord, TeamsCommand.DraftWord],
            titles.Select(t => t.Split(' ')[0]));
    }

    [Fact]
    public void Manifest_Placeholders_AreTheOnesTeamsPackageFillsIn()
    {
        var manifest = Manifest();

        Assert.Equal(Guid.Empty.ToString(), manifest["id"]!.GetValue<string>());
        Assert.Equal(Guid.Empty.ToString(), manifest["bots"]![0]!["botId"]!.GetValue<string>());
        Assert.Equal(["YOUR-HOST"], manifest["validDomains"]!.AsArray().Select(d => d!.GetValue<string>()));
    }

    [Fact]
    public void Icons_Color_Is192SquareFullColour()
    {
        var png = PngFile.Read(File.ReadAllBytes(Path.Combine(Folder, "color.png")));

        Assert.Equal((192, 192, (byte)8, PngFile.Rgba), (png.Width, png.Height, png.BitDepth, png.ColorType));
        var opaque = png.Pixels().Where(p => p.A == 255).ToList();
        Assert.True(opaque.Count > 192 * 192 * 9 / 10, "the colour icon must be (almost) fully opaque");
        Assert.True(opaque.Select(p => (p.R, p.G, p.B)).Distinct().Count() >= 3, "the colour icon must have colours");
    }

    [Fact]
    public void Icons_Outline_Is32SquareWhiteOnTransparent()
    {
        var png = PngFile.Read(File.ReadAllBytes(Path.Combine(Folder, "outline.png")));

        Assert.Equal((32, 32, (byte)8, PngFile.Rgba), (png.Width, png.Height, png.BitDepth, png.ColorType));
        var pixels = png.Pixels().ToList();
        Assert.All(pixels.Where(p => p.A > 0), p => Assert.Equal((255, 255, 255), (p.R, p.G, p.B)));
        Assert.Contains(pixels, p => p.A == 0);
        Assert.Contains(pixels, p => p.A == 255);
    }
}
