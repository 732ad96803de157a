using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CmBot.Bot.Teams.Package;

/// <summary>
/// Builds the Teams app package (a zip with <c>manifest.json</c>, <c>color.png</c> and <c>outline.png</c> at its
/// root) from the template in <c>manifests/teams/</c>, embedded in this assembly: the placeholder ids become the
/// bot's Microsoft App ID and <c>YOUR-HOST</c> becomes CmBot's public host name.
/// </summary>
public static class TeamsAppPackage
{
    public const string ManifestFile = "manifest.json";
    public const string ColorIcon = "color.png";
    public const string OutlineIcon = "outline.png";
    public const string DefaultOutput = "cmbot-teams.zip";

    /// <summary>The manifest's <c>name.short</c> limit (Teams app manifest schema).</summary>
    public const int MaxShortName = 30;

    private const string ResourcePrefix = "CmBot.Teams.Package.";
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Returns why the arguments cannot make a package, or null when they can.</summary>
    public static string? Check(string? appId, string? host, string? name)
    {
        if (string.IsNullOrWhiteSpace(appId))
        {
            return "--app-id is required: the bot's Microsoft App ID (a GUID from the Azure Bot / Entra ID app registration).";
        }

        if (!Guid.TryParseExact(appId, "D", out _))
        {
            return $"--app-id must be a GUID such as 11111111-2222-3333-4444-555555555555, not '{appId}'.";
        }

        if (string.IsNullOrWhiteSpace(host))
        {
            return "--host is required: CmBot's public host name, e.g. cmbot.example.com (Teams posts to https://HOST/api/messages).";
        }

        if (Uri.CheckHostName(host) != UriHostNameType.Dns || !host.Contains('.', StringComparison.Ordinal))
        {
            return $"--host must be a bare public host name such as cmbot.example.com (no scheme, port or path), not '{host}'.";
        }

        if (name is not null && (string.IsNullOrWhiteSpace(name) || name.Length > MaxShortName))
        {
            return $"--name must be 1 to {MaxShortName} characters (Teams' short app name), not '{name}'.";
        }

        return null;
    }

    /// <summary>The template manifest with the app id, host and optional name filled in.</summary>
    public static JsonObject Manifest(string appId, string host, string? name = null)
    {
        var problem = Check(appId, host, name);
        if (problem is not null)
        {
            throw new ArgumentException(problem);
        }

        var id = Guid.ParseExact(appId, "D").ToString("D");
        var manifest = JsonNode.Parse(Resource(ManifestFile))!.AsObject();
        manifest["id"] = id;
        foreach (var bot in manifest["bots"]!.AsArray())
        {
            bot!["botId"] = id;
        }

        var site = $"https://{host}/";
        var developer = manifest["developer"]!.AsObject();
        foreach (var key in new[] { "websiteUrl", "privacyUrl", "termsOfUseUrl" })
        {
            developer[key] = site;
        }

        manifest["validDomains"] = new JsonArray(host);
        if (name is not null)
        {
            manifest["name"] = new JsonObject { ["short"] = name, ["full"] = name };
        }

        return manifest;
    }

    /// <summary>Writes the package zip (replacing the file if it exists).</summary>
    public static void Write(Stream output, string appId, string host, string? name = null)
    {
        var manifest = Manifest(appId, host, name);
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        Add(zip, ManifestFile, JsonSerializer.SerializeToUtf8Bytes(manifest, Indented));
        Add(zip, ColorIcon, Resource(ColorIcon));
        Add(zip, OutlineIcon, Resource(OutlineIcon));
    }

    private static void Add(ZipArchive zip, string name, byte[] content)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        using var stream = entry.Open();
        stream.Write(content);
    }

    private static byte[] Resource(string file)
    {
        using var stream = typeof(TeamsAppPackage).Assembly.GetManifestResourceStream(ResourcePrefix + file)
            ?? throw new InvalidOperationException($"The Teams package template '{file}' is not embedded in the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
