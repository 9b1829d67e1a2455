namespace Climaborough.Web.Sessions.Workshop;

using Climaborough.Contracts;

/// <summary>
/// What a moderator's new vote is on: every note, text and shape of the board, the elements inside one frame, or
/// the current selection (a selected frame stands for what is inside it). The browser turns it into the element ids
/// of <see cref="StartVoteRequest"/>; the session grain checks each id against the board as the moderator may read it.
/// </summary>
public sealed record VoteScope(VoteScopeKind Kind, string? FrameId = null)
{
    /// <summary>The whole board (the server picks every note, text and shape).</summary>
    public static readonly VoteScope WholeBoard = new(VoteScopeKind.WholeBoard);

    /// <summary>The current selection.</summary>
    public static readonly VoteScope Selection = new(VoteScopeKind.Selection);

    /// <summary>The elements inside one frame.</summary>
    public static VoteScope Frame(string frameId) => new(VoteScopeKind.Frame, frameId);

    /// <summary>
    /// The element ids to vote on, in the board's reading order (top to bottom, left to right): null for the whole
    /// board, and an empty list when the scope holds nothing that can be voted on.
    /// </summary>
    public IReadOnlyList<string>? ElementIds(IReadOnlyDictionary<string, BoardElement>? elements, IReadOnlyCollection<string> selectedIds)
    {
        ArgumentNullException.ThrowIfNull(selectedIds);
        if (Kind == VoteScopeKind.WholeBoard || elements is null)
        {
            return Kind == VoteScopeKind.WholeBoard ? null : [];
        }

        IEnumerable<BoardElement> chosen = Kind switch
        {
            VoteScopeKind.Frame => FrameId is not null && elements.TryGetValue(FrameId, out var frame) ? Inside(frame, elements) : [],
            _ => selectedIds.Where(elements.ContainsKey).Select(id => elements[id])
                .SelectMany(e => e.Kind == ElementKind.Frame ? Inside(e, elements) : [e]),
        };

        return [.. chosen.Where(Votable).DistinctBy(e => e.Id).OrderBy(e => e.Y).ThenBy(e => e.X).Select(e => e.Id)];
    }

    /// <summary>The frames of the board a vote may be on, in reading order.</summary>
    public static IReadOnlyList<BoardElement> Frames(IReadOnlyDictionary<string, BoardElement>? elements) =>
        elements is null ? [] : [.. elements.Values.Where(e => e is { Kind: ElementKind.Frame, Deleted: false }).OrderBy(e => e.Y).ThenBy(e => e.X)];

    /// <summary>Notes, texts, shapes and images can carry dots; frames and connectors cannot.</summary>
    private static bool Votable(BoardElement e) => !e.Deleted && e.Kind is not (ElementKind.Frame or ElementKind.Connector);

    private static IEnumerable<BoardElement> Inside(BoardElement frame, IReadOnlyDictionary<string, BoardElement> elements) =>
        frame.Deleted ? [] : elements.Values.Where(e => e.Id != frame.Id && BoardGeometry.IsInside(e, frame));
}

/// <summary>The kinds of <see cref="VoteScope"/>.</summary>
public enum VoteScopeKind
{
    /// <summary>Every note, text and shape of the board.</summary>
    WholeBoard,

    /// <summary>The elements inside one frame.</summary>
    Frame,

    /// <summary>The current selection.</summary>
    Selection,
}
