using System.Globalization;

namespace CmBot.Core.Chat.Commands;

/// <summary>
/// Reads the short durations people type: <c>30m</c>, <c>2h</c>, <c>1d</c>, <c>1w</c>, combined as
/// <c>1h30m</c>. French units are accepted too (<c>7j</c> for jours, <c>1sem</c>).
/// </summary>
public static class CommandDuration
{
    // Six digits per part is already years; the bound keeps arithmetic far from overflow.
    private const int MaxDigits = 6;

    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim().ToLowerInvariant();
        var total = TimeSpan.Zero;
        var i = 0;
        while (i < s.Length)
        {
            var digitsStart = i;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
            }

            var digits = i - digitsStart;
            if (digits is 0 or > MaxDigits)
            {
                return false;
            }

            var amount = int.Parse(s.AsSpan(digitsStart, digits), NumberStyles.None, CultureInfo.InvariantCulture);
            var unitStart = i;
            while (i < s.Length && char.IsAsciiLetter(s[i]))
            {
                i++;
            }

            if (Unit(s[unitStart..i]) is not { } unit)
            {
                return false;
            }

            total += unit * amount;
        }

        if (total <= TimeSpan.Zero)
        {
            return false;
        }

        duration = total;
        return true;
    }

    private static TimeSpan? Unit(string unit) => unit switch
    {
        "m" or "min" or "mn" => TimeSpan.FromMinutes(1),
        "h" => TimeSpan.FromHours(1),
        "d" or "j" => TimeSpan.FromDays(1),
        "w" or "sem" => TimeSpan.FromDays(7),
        _ => null,
    };
}
