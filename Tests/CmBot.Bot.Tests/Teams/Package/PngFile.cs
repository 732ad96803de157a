using System.Buffers.Binary;
using System.IO.Compression;

namespace CmBot.Bot.Tests.Teams.Package;

/// <summary>
/// Just enough PNG reading to check an icon: the IHDR header (size, bit depth, colour type) and, for 8-bit RGBA
/// images written without row filters (as manifests/teams/icons/make_icons.py writes them), the pixels.
/// </summary>
internal sealed record PngFile(int Width, int Height, byte BitDepth, byte ColorType, byte[] Idat)
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public const byte Rgba = 6;

    public static PngFile Read(byte[] bytes)
    {
        if (bytes.Length < 33 || !bytes.AsSpan(0, 8).SequenceEqual(Signature))
        {
            throw new InvalidDataException("Not a PNG file.");
        }

        // The first chunk must be IHDR: length(4) "IHDR"(4) width(4) height(4) depth(1) colour type(1) ...
        if (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(8)) != 13 || !bytes.AsSpan(12, 4).SequenceEqual("IHDR"u8))
        {
            throw new InvalidDataException("The first PNG chunk is not IHDR.");
        }

        var width = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16));
        var height = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20));
        using var idat = new MemoryStream();
        for (var at = 8; at + 12 <= bytes.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(at));
            if (bytes.AsSpan(at + 4, 4).SequenceEqual("IDAT"u8))
            {
                idat.Write(bytes, at + 8, length);
            }

            at += 12 + length;
        }

        return new PngFile(width, height, bytes[24], bytes[25], idat.ToArray());
    }

    /// <summary>RGBA pixels, row by row; only for unfiltered 8-bit RGBA images.</summary>
    public IEnumerable<(byte R, byte G, byte B, byte A)> Pixels()
    {
        using var zlib = new ZLibStream(new MemoryStream(Idat), CompressionMode.Decompress);
        using var raw = new MemoryStream();
        zlib.CopyTo(raw);
        var data = raw.ToArray();
        var stride = 1 + (Width * 4);
        if (BitDepth != 8 || ColorType != Rgba || data.Length != stride * Height)
        {
            throw new InvalidDataException("Only 8-bit RGBA images are decoded.");
        }

        for (var y = 0; y < Height; y++)
        {
            if (data[y * stride] != 0)
            {
                throw new InvalidDataException($"Row {y} uses PNG filter {data[y * stride]}; only unfiltered rows are decoded.");
            }

            for (var x = 0; x < Width; x++)
            {
                var p = (y * stride) + 1 + (x * 4);
                yield return (data[p], data[p + 1], data[p + 2], data[p + 3]);
            }
        }
    }
}
