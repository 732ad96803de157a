using System.IO.Compression;
using System.Text.Json.Nodes;
using CmBot.Bot.Teams.Package;
using CmBot.Bot.Tests.Infrastructure;

namespace CmBot.Bot.Tests.Teams.Package;

/// <summary>The `teams-package` command and the package it writes.</summary>
public sealed class TeamsPackageTests
{
    private const string AppId = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
    private const string Host = "cmbot.example.com";

    private static Dictionary<string, byte[]> Entries(Stream zip)
    {
        using var archive = new ZipArchive(zip, ZipArchiveMode.Read);
        return archive.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var stream = e.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        });
    }

    private static Dictionary<string, byte[]> Package(string? name = null)
    {
        using var zip = new MemoryStream();
        TeamsAppPackage.Write(zip, AppId, Host, name);
        zip.Position = 0;
        return Entries(zip);
    }

    [Fact]
    public void Write_ValidArguments_ManifestAndIconsAtZipRoot()
    {
        var entries = Package();

        Assert.Equal(["color.png", "manifest.json", "outline.png"], entries.Keys.Order(StringComparer.Ordinal));
        Assert.Equal((192, 192), Size(entries["color.png"]));
        Assert.Equal((32, 32), Size(entries["outline.png"]));
    }

    [Fact]
    public void Write_ValidArguments_ManifestValidWithIdsAndDomainFilledIn()
    {
        var manifest = JsonNode.Parse(Package()["manifest.json"])!;

        Assert.Empty(TeamsManifestSchema.Errors(manifest));
        Assert.Equal(AppId, manifest["id"]!.GetValue<string>());
        Assert.Equal(AppId, manifest["bots"]![0]!["botId"]!.GetValue<string>());
        Assert.Equal([Host], manifest["validDomains"]!.AsArray().Select(d => d!.GetValue<string>()));
        Assert.Equal($"https://{Host}/", manifest["developer"]!["websiteUrl"]!.GetValue<string>());
        Assert.DoesNotContain("YOUR-HOST", manifest.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Guid.Empty.ToString(), manifest.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_WithName_NameReplacedAndStillValid()
    {
        var manifest = JsonNode.Parse(Package("Acme Community Bot")["manifest.json"])!;

        Assert.Equal("Acme Community Bot", manifest["name"]!["short"]!.GetValue<string>());
        Assert.Empty(TeamsManifestSchema.Errors(manifest));
    }

    [Theory]
    [InlineData(null, Host, null, "--app-id is required")]
    [InlineData("cmbot", Host, null, "--app-id must be a GUID")]
    [InlineData("{3f2504e0-4f89-41d3-9a0c-0305e82c3301}", Host, null, "--app-id must be a GUID")]
    [InlineData(AppId, null, null, "--host is required")]
    [InlineData(AppId, "https://cmbot.example.com", null, "--host must be a bare public host name")]
    [InlineData(AppId, "cmbot.example.com/api/messages", null, "--host must be a bare public host name")]
    [InlineData(AppId, "cmbot.example.com:8443", null, "--host must be a bare public host name")]
    [InlineData(AppId, "127.0.0.1", null, "--host must be a bare public host name")]
    [InlineData(AppId, Host, "A name much longer than thirty characters", "--name must be 1 to 30 characters")]
    public void Check_BadArguments_SaysWhich(string? appId, string? host, string? name, string expected)
    {
        var problem = TeamsAppPackage.Check(appId, host, name);

        Assert.NotNull(problem);
        Assert.StartsWith(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TeamsPackage_Command_WritesZipAndExitsZero()
    {
        var output = Path.Combine(Path.GetTempPath(), "cmbot-tests", Guid.NewGuid().ToString("N"), "cmbot-teams.zip");

        var result = await RunAsync("--app-id", AppId, "--host", Host, "--out", output);

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Contains($"https://{Host}/api/messages", result.StandardOutput, StringComparison.Ordinal);
        await using var zip = File.OpenRead(output);
        var manifest = JsonNode.Parse(Entries(zip)["manifest.json"])!;
        Assert.Empty(TeamsManifestSchema.Errors(manifest));
        Assert.Equal(AppId, manifest["bots"]![0]!["botId"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("not-a-guid", Host, "--app-id must be a GUID")]
    [InlineData(AppId, "https://cmbot.example.com/", "--host must be a bare public host name")]
    public async Task TeamsPackage_BadArgument_ExitsTwoWithReasonAndWritesNothing(string appId, string host, string expected)
    {
        var output = Path.Combine(Path.GetTempPath(), "cmbot-tests", Guid.NewGuid().ToString("N"), "cmbot-teams.zip");

        var result = await RunAsync("--app-id", appId, "--host", host, "--out", output);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    private static (int Width, int Height) Size(byte[] png)
    {
        var file = PngFile.Read(png);
        return (file.Width, file.Height);
    }

    private static Task<BotProcess.Result> RunAsync(params string[] arguments) =>
        BotProcess.RunUntilExitAsync(new Dictionary<string, string>(), TimeSpan.FromSeconds(60), ["teams-package", .. arguments], TestContext.Current.CancellationToken);
}
