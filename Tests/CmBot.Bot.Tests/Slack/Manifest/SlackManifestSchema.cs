using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace CmBot.Bot.Tests.Slack.Manifest;

/// <summary>
/// Slack's published app manifest schema (draft-07), loaded from the recorded fixtures. The root schema refers to
/// the versioned schemas by absolute URL; those URLs are mapped to the local copies and anything else is refused,
/// so validation never reaches the network.
/// </summary>
internal static class SlackManifestSchema
{
    private const string RefBase = "https://raw.githubusercontent.com/slackapi/manifest-schema/v0.5.0/schemas/";

    private static readonly Lazy<JsonSchema> Root = new(Load);

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Slack", "manifest-schema");

    /// <summary>The schema's complaints, empty when the manifest is valid.</summary>
    public static IReadOnlyList<string> Errors(JsonNode manifest)
    {
        using var document = JsonDocument.Parse(manifest.ToJsonString());
        var results = Root.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return results.IsValid
            ? []
            : (results.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.SchemaLocation}): {e.Key} {e.Value}"))
                .DefaultIfEmpty("invalid (no detail)")
                .ToList();
    }

    private static JsonSchema Load()
    {
        var registry = new SchemaRegistry
        {
            Fetch = (uri, _) => throw new InvalidOperationException($"The manifest schema refers to {uri}, which is not among the local fixtures."),
        };
        // Slack's schemas are draft-07 (they say so in $schema); the library's default dialect is newer and stricter.
        var options = new BuildOptions { SchemaRegistry = registry, Dialect = Dialect.Draft07 };
        foreach (var name in new[] { "manifest.schema.1.0.0.json", "manifest.schema.2.0.0.json" })
        {
            var uri = new Uri(RefBase + name);
            registry.Register(uri, JsonSchema.FromText(File.ReadAllText(Path.Combine(Folder, name)), options, uri));
        }

        return JsonSchema.FromText(File.ReadAllText(Path.Combine(Folder, "manifest.schema.json")), options);
    }
}
