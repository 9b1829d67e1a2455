namespace Climaborough.Server.Files;

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Climaborough.Abstractions.Storage;
using Climaborough.Contracts;
using Microsoft.AspNetCore.WebUtilities;

/// <summary>
/// Short-lived signed links to one file (or its thumbnail) of one lab, for <c>&lt;img&gt;</c> and download
/// links that cannot carry a bearer token: an HMAC-SHA256 over the lab, the file, the variant and the
/// expiry, with a key kept in the file store (so every node of a cluster checks the others' links). A link
/// works for <see cref="FileLimits.LinkLifetime"/>; an expired one, or one used for another file, is refused.
/// </summary>
public sealed class FileLinks(IFileStore files, TimeProvider time)
{
    private const string KeyName = "keys/file-links.key";
    private readonly Lazy<Task<byte[]>> key = new(() => LoadKeyAsync(files));

    /// <summary>The path and query of a signed link, and when it expires.</summary>
    public async Task<(string Url, DateTimeOffset ExpiresAt)> SignAsync(string labId, string fileId, string variant)
    {
        var expires = time.GetUtcNow() + FileLimits.LinkLifetime;
        var exp = expires.ToUnixTimeSeconds();
        var sig = await SignatureAsync(labId, fileId, variant, exp);
        return ($"/api/labs/{labId}/files/{fileId}/{variant}?exp={exp.ToString(CultureInfo.InvariantCulture)}&sig={sig}", DateTimeOffset.FromUnixTimeSeconds(exp));
    }

    /// <summary>Whether <paramref name="sig"/> signs this very file and variant and has not expired.</summary>
    public async Task<bool> VerifyAsync(string labId, string fileId, string variant, string? exp, string? sig)
    {
        if (!long.TryParse(exp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || string.IsNullOrEmpty(sig) || sig.Length > 100)
        {
            return false;
        }

        var now = time.GetUtcNow().ToUnixTimeSeconds();
        if (seconds < now || seconds > now + (long)FileLimits.LinkLifetime.TotalSeconds + 5)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(await SignatureAsync(labId, fileId, variant, seconds));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(sig));
    }

    private async Task<string> SignatureAsync(string labId, string fileId, string variant, long exp)
    {
        var data = Encoding.UTF8.GetBytes($"{labId}\n{fileId}\n{variant}\n{exp.ToString(CultureInfo.InvariantCulture)}");
        return WebEncoders.Base64UrlEncode(HMACSHA256.HashData(await key.Value, data));
    }

    private static async Task<byte[]> LoadKeyAsync(IFileStore files)
    {
        if (await files.GetAsync(KeyName) is { Content.Length: 32 } stored)
        {
            return stored.Content;
        }

        using (var content = new MemoryStream(RandomNumberGenerator.GetBytes(32)))
        {
            await files.PutAsync(KeyName, content, "application/octet-stream");
        }

        // Read back what is stored: when two nodes start together, both then use the one that was written last.
        return (await files.GetAsync(KeyName))!.Content;
    }
}
