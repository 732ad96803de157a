using System.Buffers.Binary;
using SkiaSharp;

namespace CmBot.Bot.Tests.Reporting;

/// <summary>Checks a PNG the way a viewer would: signature, IHDR size, and a full decode with varied pixels.</summary>
internal static class PngAssert
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public static void Valid(byte[] png, int width, int height)
    {
        Assert.True(png.Length > 5_000, $"a {png.Length}-byte PNG is too small to hold a chart");
        Assert.Equal(Signature, png[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        Assert.Equal(width, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
        Assert.Equal(height, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));

        using var bitmap = SKBitmap.Decode(png);
        Assert.NotNull(bitmap);
        Assert.Equal(width, bitmap.Width);
        Assert.Equal(height, bitmap.Height);
        var colours = new HashSet<SKColor>();
        for (var y = 0; y < bitmap.Height; y += 4)
        {
            for (var x = 0; x < bitmap.Width; x += 4)
            {
                colours.Add(bitmap.GetPixel(x, y));
            }
        }

        Assert.True(colours.Count >= 4, $"only {colours.Count} colours: the chart looks blank");
    }

    /// <summary>How many sampled pixels have the given colour (to check a series was drawn).</summary>
    public static int Count(byte[] png, SKColor colour)
    {
        using var bitmap = SKBitmap.Decode(png);
        var n = 0;
        for (var y = 0; y < bitmap.Height; y += 2)
        {
            for (var x = 0; x < bitmap.Width; x += 2)
            {
                n += bitmap.GetPixel(x, y) == colour ? 1 : 0;
            }
        }

        return n;
    }
}
