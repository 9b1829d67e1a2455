namespace Climaborough.Grains.Tests.Boards;

using Climaborough.Abstractions.Boards;
using Climaborough.Abstractions.Labs;
using Climaborough.Contracts;

/// <summary>Short ways to say board ops in tests.</summary>
internal static class BoardTestKit
{
    public static BoardElement Note(string id, double x = 0, double y = 0, string text = "", string color = "#ffeb3b") =>
        new(id, ElementKind.Note, x, y, 100, 100, 0, color, text, null, null, null, string.Empty, default, default);

    public static BoardElement Frame(string id, double x, double y, double w, double h) =>
        new(id, ElementKind.Frame, x, y, w, h, -1, "#eeeeee", "Frame " + id, null, null, null, string.Empty, default, default);

    public static BoardElement Connector(string id, string from, string to) =>
        new(id, ElementKind.Connector, 0, 0, 0, 0, 0, "#333333", string.Empty, from, to, null, string.Empty, default, default);

    public static ElementChange Create(BoardElement e) => new(ChangeType.Create, e.Id, e);

    public static ElementChange Update(string id, ElementPatch patch) => new(ChangeType.Update, id, Patch: patch);

    public static ElementChange Delete(string id) => new(ChangeType.Delete, id);

    public static ElementChange Restore(string id) => new(ChangeType.Restore, id);

    public static Participant Me(string user, string session) => new(session, user, user, string.Empty, null, null, []);

    /// <summary>A client: its id and its next sequence number.</summary>
    public sealed class Client(IBoardGrain board, string userId, string? clientId = null)
    {
        private long next;

        public string ClientId { get; } = clientId ?? userId.Replace(':', '-') + "-" + Guid.NewGuid().ToString("N")[..8];

        public string UserId => userId;

        public long LastClientSeq => next;

        public Task<EditResult> Edit(params ElementChange[] changes) => board.EditAsync(As(userId), new BoardEdit(ClientId, ++next, changes));

        public Task<EditResult> Undo() => board.UndoAsync(As(userId), ClientId, ++next);

        public Task<EditResult> Redo() => board.RedoAsync(As(userId), ClientId, ++next);

        public Task<EditResult> RestoreVersion(long version) => board.RestoreVersionAsync(As(userId), ClientId, ++next, version);
    }

    /// <summary>A signed-in person (no city); boards outside labs are open to anyone signed in.</summary>
    public static Actor As(string userId) => new(userId, userId, null);

    /// <summary>Board calls as a signed-in person, for tests of the board engine (not of access: see the lab access tests).</summary>
    public static async Task<BoardInfo> CreateAsync(this IBoardGrain board, string title, string? labId, string ownerId) =>
        (await board.CreateAsync(As(ownerId), title, labId)).Value ?? throw new InvalidOperationException("The board was not created.");

    public static async Task<BoardInfo?> GetInfoAsync(this IBoardGrain board) => (await board.ViewAsync(As("demo:reader"))).Value;

    public static async Task<BoardJoin> JoinAsync(this IBoardGrain board, long lastSeq, Participant participant) =>
        (await board.JoinAsync(As(participant.UserId), lastSeq, participant)).Value ?? throw new KeyNotFoundException("No such board.");

    public static Task<EditResult> EditAsync(this IBoardGrain board, string userId, BoardEdit edit) => board.EditAsync(As(userId), edit);

    public static Task<EditResult> SetLockedAsync(this IBoardGrain board, string userId, bool locked) => board.SetLockedAsync(As(userId), locked);

    public static async Task<BoardExport> ExportAsync(this IBoardGrain board) => (await board.ExportAsync(As("demo:reader"))).Value ?? throw new KeyNotFoundException("No such board.");

    public static async Task<IReadOnlyList<BoardVersion>> ListVersionsAsync(this IBoardGrain board) => (await board.ListVersionsAsync(As("demo:reader"))).Value ?? [];

    public static async Task<BoardSnapshot?> GetVersionAsync(this IBoardGrain board, long versionSeq) => (await board.GetVersionAsync(As("demo:reader"), versionSeq)).Value;

    public static async Task<(BoardInfo? Board, EditResult Result)> ImportAsync(this IBoardGrain board, string title, string? labId, string ownerId, BoardExport content)
    {
        var outcome = await board.ImportAsync(As(ownerId), title, labId, content);
        return (outcome.Value, outcome.Ok ? new EditResult(true, outcome.Value!.Seq) : new EditResult(false, null, ErrorCode: outcome.Code, Error: outcome.Message));
    }

    /// <summary>Builds the state a client holds after joining.</summary>
    public static Dictionary<string, BoardElement> Replay(BoardJoin join, Dictionary<string, BoardElement>? from = null)
    {
        var elements = join.Snapshot is { } s
            ? s.Elements.ToDictionary(e => e.Id, StringComparer.Ordinal)
            : new Dictionary<string, BoardElement>(from ?? new(), StringComparer.Ordinal);
        foreach (var op in join.Ops)
        {
            BoardOpApplier.Apply(elements, op);
        }

        return elements;
    }
}
