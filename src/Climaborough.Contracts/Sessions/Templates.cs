namespace Climaborough.Contracts;

/// <summary>Limits of the network's saved workshop templates.</summary>
public static class WorkshopTemplateLimits
{
    /// <summary>Length of a template's name.</summary>
    public const int MaxNameLength = 120;

    /// <summary>Length of a template's description.</summary>
    public const int MaxDescriptionLength = 500;

    /// <summary>Templates the network keeps (saving one more is refused with <c>limit-exceeded</c>).</summary>
    public const int MaxTemplates = 500;

    /// <summary>Frames a template keeps from the board (the first by position).</summary>
    public const int MaxFrames = 40;

    /// <summary>Notes and texts a template keeps inside each frame (the first by position).</summary>
    public const int MaxNotesPerFrame = 30;
}

/// <summary>
/// Body of <c>POST /api/labs/{labId}/sessions/{sessionId}/template</c> (moderators): saves the workshop's agenda and its
/// board's layout as a template for the whole network. <see cref="RequestId"/> is the client's (8 to 64 letters, digits,
/// <c>-</c> or <c>_</c>): the same one again answers the template it saved.
/// </summary>
public sealed record SaveTemplateRequest(string RequestId, string Name, string? Description);

/// <summary>
/// A workshop template saved by a moderator for the network: a default agenda and a board layout (frames with their
/// titles and the texts of the notes and texts inside them; no authors, votes, private notes, images or shapes).
/// <see cref="CityId"/> and <see cref="CityName"/> are the source lab's city; <see cref="YouMayDelete"/> is true for
/// its author and for platform administrators.
/// </summary>
public sealed record WorkshopTemplateView(
    string Id,
    string Name,
    string Description,
    string CityId,
    string CityName,
    string AuthorName,
    DateTimeOffset CreatedAt,
    IReadOnlyList<TemplateStepView> Steps,
    IReadOnlyList<TemplateFrameView> Frames,
    bool YouMayDelete);

/// <summary>A step of a saved template's agenda.</summary>
public sealed record TemplateStepView(string Title, SessionStepKind Kind, int Minutes, string Instructions);

/// <summary>A frame of a saved template's board: where it sits (the layout's top-left corner is 0, 0), its title and colour, and the notes inside it.</summary>
public sealed record TemplateFrameView(double X, double Y, double Width, double Height, string Color, string Title, IReadOnlyList<TemplateNoteView> Notes);

/// <summary>A note or text inside a template's frame, in the same coordinates as the frame.</summary>
public sealed record TemplateNoteView(ElementKind Kind, double X, double Y, double Width, double Height, string Color, string Text);
