namespace Climaborough.Web.Boards;

using Climaborough.Client;
using Climaborough.Contracts;

/// <summary>A file the browser holds for an upload: its key there, its name, size and the type the browser guessed.</summary>
public sealed record ImagePick(string Key, string Name, long Size, string Type);

/// <summary>The browser's answer to an upload: the HTTP status (0: no answer, -1: the file was gone) and the body.</summary>
public sealed record UploadAnswer(int Status, string Body);

/// <summary>A stored image to place, and where it was dropped (screen coordinates), if it was.</summary>
public sealed record PlacedImage(LabFile File, double? ClientX, double? ClientY);

/// <summary>
/// The signed links of a board's images (files of the board's lab), fetched when first shown and again when they are
/// about to expire; and the zoom, which decides between the thumbnail and the full image.
/// </summary>
public sealed class BoardImageLinks(ClimaboroughApi api, TimeProvider time)
{
    /// <summary>The longest side of a thumbnail (the server makes them at most this size).</summary>
    public const double ThumbnailSide = 320;

    private readonly Dictionary<string, Task<LabFile?>> files = new(StringComparer.Ordinal);
    private string? labId;
    private (string BoardId, long Seq)? version;

    /// <summary>Raised when the zoom changed.</summary>
    public event Action? ZoomChanged;

    /// <summary>The board's lab (its files are the board's images).</summary>
    public string? LabId
    {
        get => labId;
        set
        {
            if (value != labId)
            {
                labId = value;
                files.Clear();
            }
        }
    }

    /// <summary>
    /// The stored version being previewed, or null for the live board: a version's images are read through the version,
    /// which keeps them even once their files were deleted from the lab (docs/security.md, "Images on boards").
    /// </summary>
    public (string BoardId, long Seq)? Version
    {
        get => version;
        set
        {
            if (value != version)
            {
                version = value;
                files.Clear();
            }
        }
    }

    /// <summary>The camera's zoom.</summary>
    public double Zoom { get; private set; } = 1;

    /// <summary>Whether an image drawn this size at this zoom shows more pixels than its thumbnail has.</summary>
    public static bool WantsFull(BoardElement image, double zoom) => Math.Max(image.Width, image.Height) * zoom > ThumbnailSide;

    /// <summary>Tells the images the zoom.</summary>
    public void SetZoom(double zoom)
    {
        if (zoom != Zoom)
        {
            Zoom = zoom;
            ZoomChanged?.Invoke();
        }
    }

    /// <summary>The file with links good for at least another 30 seconds; null when it cannot be read (deleted, or no access).</summary>
    public async Task<LabFile?> GetAsync(string fileId)
    {
        if (labId is null || !FileLimits.IsValidId(fileId))
        {
            return null;
        }

        if (files.TryGetValue(fileId, out var known) && (!known.IsCompleted || (await known is { } file && file.LinksExpireAt > time.GetUtcNow().AddSeconds(30))))
        {
            return await known;
        }

        var lab = labId;
        var fetch = version is { } v ? FetchVersionAsync(v.BoardId, v.Seq, fileId) : FetchAsync(lab, fileId);
        files[fileId] = fetch;
        var answer = await fetch;
        if (answer is null && files.TryGetValue(fileId, out var now) && now == fetch)
        {
            files.Remove(fileId); // not remembered: the next showing asks again
        }

        return answer;
    }

    private async Task<LabFile?> FetchAsync(string lab, string fileId) => (await api.GetLabFileAsync(lab, fileId)).Value;

    private async Task<LabFile?> FetchVersionAsync(string boardId, long seq, string fileId) => (await api.GetBoardVersionFileAsync(boardId, seq, fileId)).Value;

    /// <summary>A new image element for a stored file: at most 320 units a side keeping its proportions, its name as alt text.</summary>
    public static BoardElement Element(IReadOnlyDictionary<string, BoardElement> view, LabFile file, double? centreX, double? centreY, BoardViewport inView)
    {
        ArgumentNullException.ThrowIfNull(file);
        var (w, h) = (file.Width ?? 320, file.Height ?? 240);
        var scale = Math.Min(1, ThumbnailSide / Math.Max(1, Math.Max(w, h)));
        var (width, height) = (Math.Max(16, Math.Round(w * scale)), Math.Max(16, Math.Round(h * scale)));
        var (x, y) = centreX is { } cx && centreY is { } cy ? (cx - width / 2, cy - height / 2) : BoardEdits.FreeSpot(view, inView, width, height);
        return new BoardElement(BoardEdits.NewId("i"), ElementKind.Image, Math.Round(x), Math.Round(y), width, height, BoardEdits.NextZ(view), "#ffffff",
            file.Name.Length > BoardLimits.MaxTextLength ? file.Name[..BoardLimits.MaxTextLength] : file.Name, null, null, file.Id, string.Empty, default, default);
    }
}
