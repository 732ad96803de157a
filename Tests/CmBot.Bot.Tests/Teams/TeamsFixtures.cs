using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace CmBot.Bot.Tests.Teams;

/// <summary>The recorded Teams payloads and schemas copied under Fixtures/Teams (see its SOURCES.md).</summary>
public static class TeamsFixtures
{
    private static readonly Lazy<JsonSchema> CardSchema = new(() =>
        JsonSchema.FromText(Read("schemas/adaptive-card-1.5.json"), new BuildOptions { SchemaRegistry = new SchemaRegistry() }));

    public static string Path(string relative) => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", "Teams", relative);

    public static string Read(string relative) => File.ReadAllText(Path(relative));

    public static JsonObject ReadObject(string relative) => JsonNode.Parse(Read(relative))!.AsObject();

    /// <summary>Validates a card against the Adaptive Card 1.5 schema; returns the errors (empty when valid).</summary>
    public static IReadOnlyList<string> CardSchemaErrors(JsonNode card)
    {
        ArgumentNullException.ThrowIfNull(card);
        using var document = JsonDocument.Parse(card.ToJsonString());
        var result = CardSchema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return result.IsValid
            ? []
            : (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key} {e.Value}"))
                .DefaultIfEmpty("invalid (no detail)")
                .ToList();
    }
}
