using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace CmBot.Bot.Triage.Models;

/// <summary>
/// The small JSON file written next to a model (`model.zip` → `model.json`): its labels, the languages it was
/// trained on (empty: not stated, the model is used for every language), how many rows it learned from and was
/// checked on, when, with which seed, and the held-out figures in the `evaluate --json` shape.
/// </summary>
public sealed record SentimentModelCard(
    [property: JsonPropertyName("labels")] IReadOnlyList<string> Labels,
    [property: JsonPropertyName("languages")] IReadOnlyList<string> Languages,
    [property: JsonPropertyName("training_rows")] int TrainingRows,
    [property: JsonPropertyName("held_out_rows")] int HeldOutRows,
    [property: JsonPropertyName("seed")] int Seed,
    [property: JsonPropertyName("trained_at")] DateTimeOffset TrainedAt,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("held_out")] JsonObject? HeldOut)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Where the card of a model file lives: the same name with a .json extension.</summary>
    public static string PathFor(string modelPath) => Path.ChangeExtension(modelPath, ".json");

    public void Write(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Indented));

    /// <summary>Reads a card; null when there is none. A malformed card throws FormatException with the path.</summary>
    public static SentimentModelCard? ReadIfPresent(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<SentimentModelCard>(File.ReadAllText(path))
                ?? throw new FormatException($"{path}: empty model card.");
        }
        catch (JsonException ex)
        {
            throw new FormatException($"{path}: not a model card ({ex.Message}).", ex);
        }
    }
}
