namespace Climaborough.Server.Tests.Files;

using System.Buffers.Binary;
using System.Text;
using SkiaSharp;

/// <summary>Files for upload tests, made here (no binary fixtures): real images from SkiaSharp, and a photo carrying an EXIF GPS position.</summary>
internal static class TestFiles
{
    /// <summary>The latitude written into <see cref="PhotoWithGps"/>: 42° 41' 51.23" N (central Sofia), as its EXIF rationals.</summary>
    public static readonly byte[] GpsLatitude = Rationals((42, 1), (41, 1), (5123, 100));

    /// <summary>A <paramref name="width"/> × <paramref name="height"/> image, half red and half blue (so turning it is visible).</summary>
    public static byte[] Image(SKEncodedImageFormat format, int width = 40, int height = 20)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Blue);
            using var red = new SKPaint { Color = SKColors.Red };
            canvas.DrawRect(0, 0, width / 2f, height, red);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }

    /// <summary>A 40 × 20 JPEG whose EXIF says "turn 90° clockwise" (orientation 6) and where it was taken (GPS latitude).</summary>
    public static byte[] PhotoWithGps()
    {
        var jpeg = Image(SKEncodedImageFormat.Jpeg);
        var tiff = new List<byte>();
        tiff.AddRange("II*\0"u8.ToArray());
        tiff.AddRange(U32(8));
        tiff.AddRange(U16(2));
        tiff.AddRange(Entry(0x0112, 3, 1, U16(6).Concat(U16(0)).ToArray())); // orientation: 6
        tiff.AddRange(Entry(0x8825, 4, 1, U32(38))); // the GPS directory at 38
        tiff.AddRange(U32(0));
        tiff.AddRange(U16(2));
        tiff.AddRange(Entry(0x0001, 2, 2, "N\0\0\0"u8.ToArray()));
        tiff.AddRange(Entry(0x0002, 5, 3, U32(68))); // three rationals at 68
        tiff.AddRange(U32(0));
        tiff.AddRange(GpsLatitude);
        var exif = "Exif\0\0"u8.ToArray().Concat(tiff).ToArray();
        var segment = new byte[4 + exif.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(2 + exif.Length));
        exif.CopyTo(segment, 4);
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }

    /// <summary>UTF-8 text of about <paramref name="bytes"/> bytes, different for each <paramref name="seed"/>.</summary>
    public static byte[] Text(int bytes, string seed)
    {
        var line = $"count,{seed},street\n";
        var text = new StringBuilder(bytes + line.Length);
        while (text.Length < bytes)
        {
            text.Append(line);
        }

        return Encoding.UTF8.GetBytes(text.ToString()[..bytes]);
    }

    public static bool Contains(byte[] haystack, ReadOnlySpan<byte> needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    private static byte[] Entry(ushort tag, ushort type, uint count, byte[] value) => [.. U16(tag), .. U16(type), .. U32(count), .. value];

    private static byte[] U16(ushort v)
    {
        var b = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(b, v);
        return b;
    }

    private static byte[] U32(uint v)
    {
        var b = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, v);
        return b;
    }

    private static byte[] Rationals(params (uint N, uint D)[] values) => values.SelectMany(v => U32(v.N).Concat(U32(v.D))).ToArray();
}
