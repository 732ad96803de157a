using CmBot.Bot.Slack.Payloads;
using CmBot.Core.Chat;

namespace CmBot.Bot.Slack.Inbound;

/// <summary>Reads the card inputs (<see cref="CardInputs"/>) out of a message's or a modal's state.values.</summary>
public static class SlackInputs
{
    private static readonly string[] Known = [CardInputs.DraftText, CardInputs.Comment, CardInputs.SilenceMatch, CardInputs.SilenceDuration, CardInputs.SilenceReason, CardInputs.PostedLink];

    /// <summary>
    /// The values of the known inputs, found by action_id in whichever block holds them (renderers may name blocks
    /// differently); an input left empty is absent.
    /// </summary>
    public static Dictionary<string, string> Read(SlackState? state)
    {
        var inputs = new Dictionary<string, string>(StringComparer.Ordinal);
        if (state?.Values is not { } blocks)
        {
            return inputs;
        }

        foreach (var block in blocks.Values)
        {
            foreach (var id in Known)
            {
                if (block.TryGetValue(id, out var value) && (value.Value ?? value.SelectedOption?.Value) is { Length: > 0 } text)
                {
                    inputs[id] = text;
                }
            }
        }

        return inputs;
    }
}
