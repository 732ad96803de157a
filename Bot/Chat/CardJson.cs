using System.Text.Json;
using System.Text.Json.Serialization;
using CmBot.Core.Chat;

namespace CmBot.Bot.Chat;

/// <summary>How cards are stored in the outbox and sent to the sandbox page.</summary>
public static class CardJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Serialize(Card card) => JsonSerializer.Serialize(card, Options);

    public static Card Deserialize(string json) =>
        JsonSerializer.Deserialize<Card>(json, Options) ?? throw new JsonException("Empty card payload.");
}
