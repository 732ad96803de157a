using System.Collections.Frozen;
using System.Text;

namespace CmBot.Core.Triage;

/// <summary>
/// Valences (VADER scale) of the emoji that carry a clear tone in posts; the rest count as nothing. Chosen by
/// hand from their Unicode names (a face's expression, hearts, thumbs).
/// </summary>
internal static class Emoji
{
    private static readonly FrozenDictionary<int, double> Valences = new Dictionary<int, double>
    {
        // Positive faces, hearts, approval.
        [0x1F600] = 2.0, [0x1F601] = 2.0, [0x1F602] = 1.5, [0x1F923] = 1.5, [0x1F603] = 2.0, [0x1F604] = 2.0, [0x1F605] = 1.0,
        [0x1F606] = 2.0, [0x1F609] = 1.5, [0x1F60A] = 2.0, [0x1F60B] = 1.5, [0x1F60D] = 2.5, [0x1F618] = 2.0, [0x1F970] = 2.5,
        [0x1F642] = 1.0, [0x1F917] = 2.0, [0x1F60E] = 1.5, [0x1F973] = 2.5, [0x1F929] = 2.5, [0x263A] = 1.5,
        [0x1F44D] = 1.5, [0x1F44F] = 2.0, [0x1F64F] = 1.0, [0x1F64C] = 2.0, [0x1F4AF] = 2.0, [0x1F389] = 2.0, [0x2728] = 1.0,
        [0x2764] = 2.5, [0x1F495] = 2.5, [0x1F496] = 2.5, [0x1F497] = 2.5, [0x1F499] = 2.0, [0x1F49A] = 2.0, [0x1F49C] = 2.0,
        [0x1F49B] = 2.0, [0x1F5A4] = 1.0, [0x1F60C] = 1.0, [0x1F607] = 1.5, [0x1F525] = 1.0, [0x2705] = 1.0, [0x1F44C] = 1.5,

        // Negative faces, broken heart, disapproval, alarm.
        [0x1F61E] = -2.0, [0x1F61F] = -1.5, [0x1F620] = -2.5, [0x1F621] = -3.0, [0x1F92C] = -3.0, [0x1F622] = -2.0, [0x1F62D] = -2.0,
        [0x1F624] = -2.0, [0x1F629] = -2.0, [0x1F62B] = -2.0, [0x1F612] = -1.5, [0x1F644] = -1.5, [0x1F44E] = -2.0, [0x1F494] = -2.5,
        [0x1F631] = -2.0, [0x1F628] = -2.0, [0x1F630] = -2.0, [0x1F633] = -1.0, [0x1F92E] = -2.5, [0x1F922] = -2.5, [0x1F4A9] = -2.0,
        [0x1F615] = -1.0, [0x1F641] = -1.5, [0x2639] = -1.5, [0x1F623] = -1.5, [0x1F616] = -1.5, [0x1F625] = -1.5,
        [0x1F613] = -1.0, [0x1F62A] = -1.0, [0x1F62C] = -0.5, [0x1F611] = -0.5, [0x1F610] = -0.3, [0x1F47F] = -2.0, [0x1F480] = -1.0,
        [0x1F92F] = -1.0, [0x26A0] = -1.0, [0x274C] = -1.5, [0x1F6AB] = -1.5, [0x1F645] = -1.5, [0x1F926] = -1.5,

        // Mockery and exasperation common in complaints ("service client 🤡", "toujours rien 🙃🤷").
        [0x1F921] = -1.5, [0x1F937] = -0.5, [0x1F643] = -0.5, [0x1F97A] = -0.5, [0x1F198] = -2.0, [0x26D4] = -1.5, [0x1F6D1] = -1.0,
        [0x1F4A2] = -1.5,
    }.ToFrozenDictionary();

    /// <summary>The valence of the emoji at <paramref name="index"/>, and how many chars it takes.</summary>
    public static bool TryGet(ReadOnlySpan<char> text, int index, out double valence, out int width)
    {
        valence = 0;
        width = 1;
        if (Rune.DecodeFromUtf16(text[index..], out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
        {
            return false;
        }

        width = consumed;
        return rune.Value >= 0x2000 && Valences.TryGetValue(rune.Value, out valence);
    }
}
