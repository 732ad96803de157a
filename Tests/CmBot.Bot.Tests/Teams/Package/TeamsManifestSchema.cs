using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace CmBot.Bot.Tests.Teams.Package;

/// <summary>
/// Microsoft's Teams app manifest schema v1.30, from the recorded fixtures. The file declares draft-04, which
/// JsonSchema.Net does not implement; the keywords it uses are those of draft-06 (it relies on <c>const</c>, a
/// draft-06 keyword, and has no boolean <c>exclusiveMaximum</c> nor schema-level <c>id</c>), so it is evaluated
/// with the draft-06 dialect and its <c>$schema</c> line removed. It has no external <c>$ref</c>.
/// </summary>
internal static class TeamsManifestSchema
{
    private static readonly Lazy<JsonSchema> Root = new(Load);

    public static string File => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Teams", "schemas", "teams-manifest-v1.30", "MicrosoftTeams.schema.json");

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
        var schema = JsonNode.Parse(System.IO.File.ReadAllText(File))!.AsObject();
        schema.Remove("$schema");
        var registry = new SchemaRegistry
        {
            Fetch = (uri, _) => throw new InvalidOperationException($"The manifest schema refers to {uri}, which is not among the local fixtures."),
        };
        return JsonSchema.FromText(schema.ToJsonString(), new BuildOptions { SchemaRegistry = registry, Dialect = Dialect.Draft06 });
    }
}
