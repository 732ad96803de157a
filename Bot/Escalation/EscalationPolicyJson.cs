using System.Text.Json;
using System.Text.Json.Serialization;
using CmBot.Core.Escalation;

namespace CmBot.Bot.Escalation;

/// <summary>How a policy is frozen onto an incident: JSON in its escalation row, read back unchanged by every step.</summary>
public static class EscalationPolicyJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize(EscalationPolicy policy) => JsonSerializer.Serialize(policy, Options);

    public static EscalationPolicy Deserialize(string json) =>
        JsonSerializer.Deserialize<EscalationPolicy>(json, Options) ?? throw new InvalidOperationException("A frozen escalation policy is empty.");
}
