namespace Climaborough.Server.Files;

using SkiaSharp;

/// <summary>
/// Images are decoded and encoded again with SkiaSharp before they are stored: what is kept is only the
/// pixels (turned upright by the EXIF orientation), so metadata such as EXIF GPS positions, comments and
/// anything appended to the file (a polyglot's script) is gone. GIFs keep their first frame, as PNG.
/// A thumbnail (WebP, at most <see cref="ThumbnailSide"/> pixels a side) is made alongside.
/// </summary>
public static class ImageProcessor
{
    /// <summary>Longest side of a thumbnail.</summary>
    public const int ThumbnailSide = 320;

    /// <summary>Images with more pixels are refused before decoding (a "pixel flood" would take gigabytes).</summary>
    public const long MaxPixels = 50_000_000;

    /// <summary>The re-encoded image, or the reason it cannot be.</summary>
    public static ProcessedImage? Process(Stream content, string type, out string? refused)
    {
        ArgumentNullException.ThrowIfNull(content);
        refused = null;
        content.Position = 0;
        using var codec = SKCodec.Create(content);
        if (codec is null)
        {
            refused = "The image cannot be read.";
            return null;
        }

        var info = codec.Info;
        if (info.Width <= 0 || info.Height <= 0 || (long)info.Width * info.Height > MaxPixels)
        {
            refused = $"The image is too large: at most {MaxPixels / 1_000_000} megapixels.";
            return null;
        }

        using var decoded = SKBitmap.Decode(codec, info.WithColorType(SKColorType.Rgba8888).WithAlphaType(info.AlphaType == SKAlphaType.Opaque ? SKAlphaType.Opaque : SKAlphaType.Premul));
        if (decoded is null)
        {
            refused = "The image cannot be read.";
            return null;
        }

        using var upright = Upright(decoded, codec.EncodedOrigin);
        using var image = SKImage.FromBitmap(upright);
        var (format, outType, extension) = type switch
        {
            "image/jpeg" => (SKEncodedImageFormat.Jpeg, "image/jpeg", ".jpg"),
            "image/webp" => (SKEncodedImageFormat.Webp, "image/webp", ".webp"),
            _ => (SKEncodedImageFormat.Png, "image/png", ".png"),
        };
        using var encoded = image.Encode(format, 90);
        if (encoded is null)
        {
            refused = "The image cannot be read.";
            return null;
        }

        var scale = Math.Min(1.0, (double)ThumbnailSide / Math.Max(upright.Width, upright.Height));
        var size = new SKSizeI(Math.Max(1, (int)Math.Round(upright.Width * scale)), Math.Max(1, (int)Math.Round(upright.Height * scale)));
        using var small = upright.Resize(size, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear)) ?? upright.Copy();
        using var smallImage = SKImage.FromBitmap(small);
        using var thumbnail = smallImage.Encode(SKEncodedImageFormat.Webp, 80);
        return new ProcessedImage(encoded.ToArray(), outType, extension, upright.Width, upright.Height, thumbnail?.ToArray(), "image/webp");
    }

    /// <summary>The bitmap turned as its EXIF orientation says (the orientation itself is not kept).</summary>
    private static SKBitmap Upright(SKBitmap source, SKEncodedOrigin origin)
    {
        if (origin == SKEncodedOrigin.TopLeft)
        {
            return source.Copy();
        }

        var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var result = new SKBitmap(swap ? source.Height : source.Width, swap ? source.Width : source.Height, source.ColorType, source.AlphaType);
        using var canvas = new SKCanvas(result);
        var (w, h) = (source.Width, source.Height);
        switch (origin)
        {
            case SKEncodedOrigin.TopRight: canvas.Scale(-1, 1, w / 2f, 0); break;
            case SKEncodedOrigin.BottomRight: canvas.RotateDegrees(180, w / 2f, h / 2f); break;
            case SKEncodedOrigin.BottomLeft: canvas.Scale(1, -1, 0, h / 2f); break;
            case SKEncodedOrigin.LeftTop: canvas.Scale(-1, 1, h / 2f, 0); canvas.Translate(h, 0); canvas.RotateDegrees(90); break;
            case SKEncodedOrigin.RightTop: canvas.Translate(h, 0); canvas.RotateDegrees(90); break;
            case SKEncodedOrigin.RightBottom: canvas.Scale(1, -1, 0, w / 2f); canvas.Translate(h, 0); canvas.RotateDegrees(90); break;
            case SKEncodedOrigin.LeftBottom: canvas.Translate(0, w); canvas.RotateDegrees(270); break;
        }

        canvas.DrawBitmap(source, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest), null);
        return result;
    }
}

/// <summary>A re-encoded image and its thumbnail.</summary>
public sealed record ProcessedImage(byte[] Content, string ContentType, string Extension, int Width, int Height, byte[]? Thumbnail, string ThumbnailType);
