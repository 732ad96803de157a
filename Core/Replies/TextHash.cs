using System.Security.Cryptography;
using System.Text;

namespace CmBot.Core.Replies;

/// <summary>The SHA-256 an approval is bound to: the exact text and where it will be posted.</summary>
public static class TextHash
{
    public static string Of(string text, string target)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(target);
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"{target}\n{text}"));
        return Convert.ToHexStringLower(bytes);
    }
}
