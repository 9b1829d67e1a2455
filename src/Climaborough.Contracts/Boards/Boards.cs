namespace Climaborough.Contracts;

using System.Text.Json.Serialization;

/// <summary>What an element of a board is.</summary>
[JsonConverter(typeof(StrictEnumConverter<ElementKind>))]
public enum ElementKind
{
    /// <summary>A sticky note.</summary>
    Note,

    /// <summary>Free text.</summary>
    Text,

    /// <summary>A rectangle.</summary>
    Rectangle,

    /// <summary>An ellipse.</summary>
    Ellipse,

    /// <summary>An arrow attached to two elements (<see cref="BoardElement.From"/>, <see cref="BoardElement.To"/>); it follows them.</summary>
    Connector,

    /// <summary>A frame: moving it moves what lies inside it.</summary>
    Frame,

    /// <summary>An image, by reference to a stored file.</summary>
    Image,
}

/// <summary>
/// One element as stored and as every client holds it. <see cref="AsyncSession"/>: the workshop whose
/// asynchronous contribution window the note came in through (set by the server only; docs/workshops.md).
/// </summary>
public sealed record BoardElement(
    string Id,
    ElementKind Kind,
    double X,
    double Y,
    double Width,
    double Height,
    long Z,
    string Color,
    string Text,
    string? From,
    string? To,
    string? FileRef,
    string AuthorId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    bool Deleted = false,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? AsyncSession = null);

/// <summary>The properties an update sets; <c>null</c> leaves a property as it is.</summary>
public sealed record ElementPatch(
    double? X = null,
    double? Y = null,
    double? Width = null,
    double? Height = null,
    long? Z = null,
    string? Color = null,
    string? Text = null,
    string? From = null,
    string? To = null,
    string? FileRef = null);

/// <summary>Kinds of change to one element.</summary>
[JsonConverter(typeof(StrictEnumConverter<ChangeType>))]
public enum ChangeType
{
    /// <summary>Adds <see cref="ElementChange.Element"/>.</summary>
    Create,

    /// <summary>Sets the properties of <see cref="ElementChange.Patch"/>.</summary>
    Update,

    /// <summary>Deletes the element (it stays deleted until restored).</summary>
    Delete,

    /// <summary>Brings a deleted element back.</summary>
    Restore,
}

/// <summary>One change to one element.</summary>
public sealed record ElementChange(ChangeType Type, string Id, BoardElement? Element = null, ElementPatch? Patch = null);

/// <summary>
/// An edit as a client sends it: applied at most once per <c>(ClientId, ClientSeq)</c>, and all of its
/// changes or none.
/// </summary>
public sealed record BoardEdit(string ClientId, long ClientSeq, IReadOnlyList<ElementChange> Changes);

/// <summary>Why an op was applied.</summary>
[JsonConverter(typeof(StrictEnumConverter<OpKind>))]
public enum OpKind
{
    /// <summary>A user's edit.</summary>
    Edit,

    /// <summary>A user undid their own edit.</summary>
    Undo,

    /// <summary>A user redid what they undid.</summary>
    Redo,

    /// <summary>A user restored an earlier version.</summary>
    RestoreVersion,

    /// <summary>The content of an imported board.</summary>
    Import,

    /// <summary>A moderator revealed a private brainstorm: its notes, as they are, become ordinary elements for everyone.</summary>
    Reveal,

    /// <summary>A note contributed without attending, through a workshop's asynchronous window (it carries <see cref="BoardElement.AsyncSession"/>).</summary>
    Contribution = 90,
}

/// <summary>
/// An op as the board applied it, with the board's sequence number. Changes are in applied form
/// (for example a frame's move includes the moves of what is inside it), so clients apply them as they are.
/// </summary>
public sealed record AppliedOp(long Seq, string ClientId, long ClientSeq, string UserId, DateTimeOffset At, OpKind Kind, IReadOnlyList<ElementChange> Changes);

/// <summary>The answer to an edit, undo, redo or restore: sent once the op is durable.</summary>
/// <param name="Ok">Whether the op was applied (or had been, for a duplicate).</param>
/// <param name="Seq">The op's sequence number, when known.</param>
/// <param name="Duplicate">The op had been applied before (a retry); nothing changed now.</param>
/// <param name="ErrorCode">A code of <see cref="ErrorCodes"/> when refused.</param>
/// <param name="Error">A human explanation when refused.</param>
public sealed record EditResult(bool Ok, long? Seq, bool Duplicate = false, string? ErrorCode = null, string? Error = null);

/// <summary>Limits of a board.</summary>
public static class BoardLimits
{
    /// <summary>Longest element text.</summary>
    public const int MaxTextLength = 4_000;

    /// <summary>
    /// How far a client's op numbers may run ahead of its oldest op not yet applied. The board remembers
    /// every applied number above that point exactly, so this bounds its memory per client.
    /// </summary>
    public const int MaxClientSeqAhead = 4_096;

    /// <summary>Largest hub message the server accepts (SignalR's receive limit); clients split larger edits.</summary>
    public const int MaxHubMessageBytes = 64 * 1024;

    /// <summary>Longest board title.</summary>
    public const int MaxTitleLength = 200;

    /// <summary>Most elements that are not deleted.</summary>
    public const int MaxLiveElements = 5_000;

    /// <summary>Most elements including deleted ones.</summary>
    public const int MaxElements = 20_000;

    /// <summary>Most changes in one op.</summary>
    public const int MaxChangesPerOp = 500;

    /// <summary>Largest absolute coordinate.</summary>
    public const double MaxCoordinate = 1_000_000;

    /// <summary>Largest width or height.</summary>
    public const double MaxSize = 100_000;

    /// <summary>Ops per second a connection may send, sustained (bursts up to twice as many).</summary>
    public const int OpsPerSecond = 100;

    /// <summary>Presence updates per second forwarded per connection.</summary>
    public const int PresencePerSecond = 20;
}

/// <summary>A board's metadata; <see cref="Locks"/>: what facilitators locked for participants (null: nothing).</summary>
public sealed record BoardInfo(string Id, string Title, string? LabId, string OwnerId, bool Locked, DateTimeOffset CreatedAt, long Seq, int ElementCount, FacilitatorLocks? Locks = null);

/// <summary>Full state at a sequence number (deleted elements included, flagged).</summary>
public sealed record BoardSnapshot(long Seq, IReadOnlyList<BoardElement> Elements);

/// <summary>
/// What joining gives: either just the ops after the client's last seen sequence number, or (when it
/// is far behind or new) a snapshot plus the ops after it. Never anything that is not durable.
/// </summary>
public sealed record BoardJoin(BoardInfo Board, BoardSnapshot? Snapshot, IReadOnlyList<AppliedOp> Ops, IReadOnlyList<Participant> Participants, string SessionId);

/// <summary>
/// A stored version of a board. Over REST (<c>GET /api/boards/{id}/versions</c>) <see cref="EditsByAuthor"/> is
/// keyed by the authors' display names, as people see them (a user name is added where two authors share a
/// name), and <see cref="EditsByAuthorId"/> by their account ids; inside the grains it is keyed by account id.
/// </summary>
public sealed record BoardVersion(long Seq, DateTimeOffset At, int ElementCount, IReadOnlyDictionary<string, int> EditsByAuthor, IReadOnlyDictionary<string, int>? EditsByAuthorId = null);

/// <summary>Someone on a board: ephemeral, never stored. <see cref="View"/> is the part of the board they look at (what "follow" tracks).</summary>
public sealed record Participant(string SessionId, string UserId, string Name, string Color, double? CursorX, double? CursorY, IReadOnlyList<string> Selection, BoardViewport? View = null);

/// <summary>A presence update from a client: cursor and view in board coordinates, selected element ids.</summary>
public sealed record PresenceUpdate(double? CursorX, double? CursorY, IReadOnlyList<string> Selection, BoardViewport? View = null);

/// <summary>The rectangle of the board a participant sees, in board coordinates.</summary>
public sealed record BoardViewport(double X, double Y, double Width, double Height)
{
    /// <summary>Whether every value is finite and the size positive (anything else is dropped).</summary>
    public bool IsValid => double.IsFinite(X) && double.IsFinite(Y) && double.IsFinite(Width) && double.IsFinite(Height) && Width > 0 && Height > 0;
}

/// <summary>A new board; in a lab, the same <paramref name="RequestId"/> again (a double click, a retry) returns the first board.</summary>
public sealed record CreateBoardRequest(string Title, string? LabId = null, string? RequestId = null);

/// <summary>
/// The full-fidelity export, re-importable into a new board. <paramref name="Comments"/> are the board's
/// comment threads as every reader sees them (hidden comments without their text); an import leaves them out.
/// </summary>
public sealed record BoardExport(string Format, int Version, string Title, DateTimeOffset ExportedAt, long Seq, IReadOnlyList<BoardElement> Elements, IReadOnlyList<CommentThreadView>? Comments = null)
{
    /// <summary>Value of <see cref="Format"/>.</summary>
    public const string FormatName = "climaborough-board";
}
