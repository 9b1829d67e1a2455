namespace Climaborough.Contracts;

/// <summary>
/// Every code of a refusal, in one list: the <c>code</c> of a REST problem, the <c>errorCode</c> of an
/// <see cref="EditResult"/> or <see cref="VoteAnswer"/>, and the prefix of a hub error (<c>code: text</c>).
/// The strings are contracts (docs/protocol.md, docs/security.md): never change one. Nothing was changed
/// when a refusal comes back.
/// </summary>
public static class ErrorCodes
{
    // Any object.

    /// <summary>No such object, or not one the caller may see (the two are never told apart).</summary>
    public const string NotFound = "not-found";

    /// <summary>Visible, but the caller's role does not allow it.</summary>
    public const string Forbidden = "forbidden";

    /// <summary>Bad input; the message names the field and limit (<c>field: text</c>).</summary>
    public const string Invalid = "invalid";

    /// <summary>Refused to keep the object sound (e.g. removing a lab's last owner, a session already started).</summary>
    public const string Conflict = "conflict";

    // The hub's own (docs/protocol.md, "Errors").

    /// <summary>A hub call was malformed (also: arguments of the wrong type or shape).</summary>
    public const string InvalidArgument = "invalid-argument";

    /// <summary>The call needs a signed-in, active account.</summary>
    public const string Unauthorized = "unauthorized";

    /// <summary>The server failed; nothing was changed. Retry later.</summary>
    public const string Internal = "internal";

    // Board ops (docs/protocol.md, "Boards", "Errors").

    /// <summary>The op is malformed (bad id, NaN or infinite coordinates, bad colour, …).</summary>
    public const string InvalidOp = "invalid-op";

    /// <summary>The op names an element this board does not have.</summary>
    public const string UnknownElement = "unknown-element";

    /// <summary>The element exists already.</summary>
    public const string DuplicateElement = "duplicate-element";

    /// <summary>The element is deleted; restore it first.</summary>
    public const string ElementDeleted = "element-deleted";

    /// <summary>Text too long, too many elements or changes.</summary>
    public const string LimitExceeded = "limit-exceeded";

    /// <summary>The board is locked.</summary>
    public const string BoardLocked = "board-locked";

    /// <summary>A facilitator locked this element (or the frame it is in, or the board) for participants.</summary>
    public const string ElementLocked = "element-locked";

    /// <summary>Nothing of yours left to undo or redo.</summary>
    public const string NothingToUndo = "nothing-to-undo";

    /// <summary>Too many ops per second from this connection.</summary>
    public const string RateLimited = "rate-limited";

    /// <summary>Storage failed; the op was not applied. Retry later with the same ids.</summary>
    public const string Unavailable = "unavailable";

    /// <summary>No such board (or not one you may see); the hub reports it as a <c>not-found</c> hub error.</summary>
    public const string NoSuchBoard = "no-such-board";

    /// <summary>
    /// The op's client sequence number is more than <see cref="BoardLimits.MaxClientSeqAhead"/> ahead of
    /// the client's oldest op the board has not applied yet; nothing was applied. Send the earlier ops
    /// first (or retry later with the same ids): it is safe to retry.
    /// </summary>
    public const string OutOfOrder = "out-of-order";

    // Dot votes (docs/protocol.md, "Dot votes"): what a client shows, without parsing the message.

    /// <summary>The vote request is malformed (limits, ids, request id); the message names the field.</summary>
    public const string InvalidVote = "invalid-vote";

    /// <summary>No such vote in this session.</summary>
    public const string NoSuchVote = "no-such-vote";

    /// <summary>The caller's role does not allow it (observers and readers may not vote; only moderators start and close).</summary>
    public const string VoteForbidden = "vote-forbidden";

    /// <summary>Votes are started only while a step of kind vote is current.</summary>
    public const string NotAVoteStep = "not-a-vote-step";

    /// <summary>Another vote is still open in this session.</summary>
    public const string VoteAlreadyOpen = "vote-already-open";

    /// <summary>The vote is closed: dots are no longer placed or removed.</summary>
    public const string VoteClosed = "vote-closed";

    /// <summary>The item is not one of the vote's.</summary>
    public const string NoSuchItem = "no-such-item";

    /// <summary>All of the caller's dots are placed.</summary>
    public const string NoDotsLeft = "no-dots-left";

    /// <summary>The caller has the most dots one item may get on this item.</summary>
    public const string ItemFull = "item-full";

    /// <summary>The caller has no dot on this item to remove.</summary>
    public const string NoDotHere = "no-dot-here";

    /// <summary>The results are kept once the vote closes; it is still open.</summary>
    public const string VoteStillOpen = "vote-still-open";

    /// <summary>The session has no board to vote on, or the chosen elements are not on it.</summary>
    public const string NoItems = "no-items";

    // Files (docs/protocol.md, "Files"; docs/security.md, "Files").

    /// <summary>The file is larger than the per-file limit; nothing was stored.</summary>
    public const string FileTooLarge = "file-too-large";

    /// <summary>The lab's files would use more than its quota; nothing was stored.</summary>
    public const string QuotaExceeded = "quota-exceeded";

    /// <summary>The file's content is not of an allowed type (whatever its name says); nothing was stored.</summary>
    public const string UnsupportedType = "unsupported-type";

    // Workshops' asynchronous contributions (docs/workshops.md, "Contribute without attending").

    /// <summary>The workshop is not open for contributions now (no window, not yet open, closed, or running live); nothing was added.</summary>
    public const string ContributionsClosed = "contributions-closed";

    /// <summary>The codes a hub error carries (<c>code: text</c>), for clients and tests.</summary>
    public static readonly IReadOnlyList<string> Hub = [NotFound, InvalidArgument, Unauthorized, Internal];

    /// <summary>Whether a hub error message carries one of the <see cref="Hub"/> codes (<c>code: text</c>).</summary>
    public static bool IsHubCoded(string? message) => message is not null && Hub.Any(c => message.Contains(c + ":", StringComparison.Ordinal) || message.EndsWith(c, StringComparison.Ordinal));

    /// <summary>
    /// The hub error code of a refusal that a hub method raises instead of answering it: every kind of
    /// "not there" is <see cref="NotFound"/> (a board, a vote or a session the caller may not read are
    /// never told apart from missing ones), bad input is <see cref="InvalidArgument"/>.
    /// </summary>
    public static string HubCodeOf(string code) => code switch
    {
        NotFound or NoSuchBoard or NoSuchVote => NotFound,
        Unauthorized => Unauthorized,
        Internal or Unavailable => Internal,
        _ => InvalidArgument,
    };
}
