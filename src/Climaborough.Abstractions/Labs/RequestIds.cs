namespace Climaborough.Abstractions.Labs;

/// <summary>
/// A creation a client asked for with its own request id, remembered by the parent grain (the city for
/// labs, the lab for its boards and threads) so that the same request again gets the first result.
/// </summary>
[GenerateSerializer, Immutable, Alias("climaborough.remembered-request.v1")]
public sealed record RememberedRequest([property: Id(0)] string Key, [property: Id(1)] string ResultId);

/// <summary>
/// Client-chosen request ids of creations (<c>requestId</c> in the bodies of <c>POST /api/labs</c>,
/// <c>POST /api/labs/{id}/boards</c>, <c>POST /api/boards</c> with a lab, <c>POST /api/labs/{id}/threads</c>).
/// </summary>
public static class RequestIds
{
    /// <summary>How many request ids a parent keeps (the oldest is forgotten first).</summary>
    public const int Kept = 200;

    /// <summary>Whether a request id is well-formed: 8 to 64 ASCII letters, digits, dashes or underscores (a GUID fits).</summary>
    public static bool IsValid(string? id) => id is { Length: >= 8 and <= 64 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>
    /// The id remembered for <paramref name="key"/>, or <paramref name="newId"/> after remembering it
    /// (<paramref name="added"/> tells which; the caller then writes its state). Keeps at most <see cref="Kept"/>.
    /// </summary>
    public static string Claim(List<RememberedRequest> remembered, string key, string newId, out bool added)
    {
        ArgumentNullException.ThrowIfNull(remembered);
        if (remembered.FirstOrDefault(r => r.Key == key) is { } known)
        {
            added = false;
            return known.ResultId;
        }

        remembered.Add(new RememberedRequest(key, newId));
        if (remembered.Count > Kept)
        {
            remembered.RemoveRange(0, remembered.Count - Kept);
        }

        added = true;
        return newId;
    }
}
