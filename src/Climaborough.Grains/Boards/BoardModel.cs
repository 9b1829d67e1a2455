namespace Climaborough.Grains.Boards;

using System.Text.RegularExpressions;
using Climaborough.Contracts;

/// <summary>
/// A board's elements and the rules of changing them. Pure and single-threaded: the grain calls it.
/// <see cref="Prepare"/> validates a whole op against the current elements without changing anything;
/// <see cref="Commit"/> applies a prepared op. So an op applies completely or not at all.
/// </summary>
public sealed partial class BoardModel
{
    private readonly Dictionary<string, BoardElement> elements = new(StringComparer.Ordinal);

    /// <summary>All elements, deleted ones included.</summary>
    public IReadOnlyDictionary<string, BoardElement> Elements => elements;

    /// <summary>Elements not deleted.</summary>
    public int LiveCount { get; private set; }

    /// <summary>Replaces the content (loading a snapshot).</summary>
    public void Load(IEnumerable<BoardElement> content)
    {
        elements.Clear();
        foreach (var e in content)
        {
            elements[e.Id] = e;
        }

        LiveCount = elements.Values.Count(e => !e.Deleted);
    }

    /// <summary>
    /// Validates <paramref name="changes"/> as one op and computes its applied form (cascaded connector
    /// deletes, the contents of moved frames). Returns the error when the op must be refused.
    /// </summary>
    public (PreparedOp? Op, EditResult? Error) Prepare(string userId, IReadOnlyList<ElementChange>? changes, OpKind kind, DateTimeOffset now)
    {
        if (changes is null)
        {
            return Fail(ErrorCodes.InvalidOp, "An op needs a list of changes.");
        }

        var fromUser = kind == OpKind.Edit;
        if (fromUser && changes.Count > BoardLimits.MaxChangesPerOp)
        {
            return Fail(ErrorCodes.LimitExceeded, $"An op has at most {BoardLimits.MaxChangesPerOp} changes.");
        }

        var view = new Dictionary<string, BoardElement?>(StringComparer.Ordinal);
        var applied = new List<ElementChange>(changes.Count);
        var explicitlyPlaced = new HashSet<string>(StringComparer.Ordinal);
        var frameMoves = new List<(BoardElement Frame, double Dx, double Dy)>();
        var live = LiveCount;

        BoardElement? Get(string id) => view.TryGetValue(id, out var v) ? v : elements.GetValueOrDefault(id);

        foreach (var change in changes)
        {
            if (change is null || !IsValidId(change.Id))
            {
                return Fail(ErrorCodes.InvalidOp, "Element ids are 1 to 64 letters, digits, '-' or '_'.");
            }

            var current = Get(change.Id);
            switch (change.Type)
            {
                case ChangeType.Create:
                {
                    if (change.Element is not { } requested || requested.Id != change.Id)
                    {
                        return Fail(ErrorCodes.InvalidOp, $"Creating '{change.Id}' needs the element, with the same id.");
                    }

                    if (current is not null)
                    {
                        return Fail(ErrorCodes.DuplicateElement, $"Element '{change.Id}' exists already.");
                    }

                    if (Validate(requested) is { } invalid)
                    {
                        return Fail(invalid.Code, invalid.Message);
                    }

                    if (requested.Kind == ElementKind.Connector && CheckEndpoints(requested, Get) is { } bad)
                    {
                        return Fail(bad.Code, bad.Message);
                    }

                    if (live >= BoardLimits.MaxLiveElements)
                    {
                        return Fail(ErrorCodes.LimitExceeded, $"A board holds at most {BoardLimits.MaxLiveElements} elements.");
                    }

                    if (elements.Count + view.Count(v => !elements.ContainsKey(v.Key)) >= BoardLimits.MaxElements)
                    {
                        return Fail(ErrorCodes.LimitExceeded, $"A board holds at most {BoardLimits.MaxElements} elements counting deleted ones (kept for undo and versions): copy what you need to a new board.");
                    }

                    // Authorship and times are the server's; imports and restores keep the original ones. The asynchronous
                    // mark is the server's too: only a workshop's contribution sets it (an edit or an import never does).
                    var created = fromUser || kind is OpKind.Undo or OpKind.Redo
                        ? requested with { AuthorId = userId, CreatedAt = now, UpdatedAt = now, Deleted = false, AsyncSession = fromUser ? null : requested.AsyncSession }
                        : requested with { Deleted = false, UpdatedAt = now, AsyncSession = kind == OpKind.Import ? null : requested.AsyncSession };
                    view[change.Id] = created;
                    live++;
                    explicitlyPlaced.Add(change.Id);
                    applied.Add(new ElementChange(ChangeType.Create, change.Id, created));
                    break;
                }

                case ChangeType.Update:
                {
                    if (current is null)
                    {
                        return Fail(ErrorCodes.UnknownElement, $"There is no element '{change.Id}' on this board.");
                    }

                    if (current.Deleted)
                    {
                        return Fail(ErrorCodes.ElementDeleted, $"Element '{change.Id}' was deleted.");
                    }

                    if (change.Patch is not { } patch)
                    {
                        return Fail(ErrorCodes.InvalidOp, $"Updating '{change.Id}' needs a patch.");
                    }

                    if ((patch.From is not null || patch.To is not null) && current.Kind != ElementKind.Connector)
                    {
                        return Fail(ErrorCodes.InvalidOp, "Only connectors have ends.");
                    }

                    var updated = ApplyPatch(current, patch) with { UpdatedAt = now };
                    if (Validate(updated, checkText: patch.Text is not null) is { } invalid)
                    {
                        return Fail(invalid.Code, invalid.Message);
                    }

                    if (updated.Kind == ElementKind.Connector && CheckEndpoints(updated, Get) is { } bad)
                    {
                        return Fail(bad.Code, bad.Message);
                    }

                    if (patch.X is not null || patch.Y is not null)
                    {
                        explicitlyPlaced.Add(change.Id);
                        if (current.Kind == ElementKind.Frame && fromUser && (updated.X != current.X || updated.Y != current.Y))
                        {
                            frameMoves.Add((current, updated.X - current.X, updated.Y - current.Y));
                        }
                    }

                    view[change.Id] = updated;
                    applied.Add(new ElementChange(ChangeType.Update, change.Id, Patch: patch));
                    break;
                }

                case ChangeType.Delete:
                {
                    if (current is null)
                    {
                        return Fail(ErrorCodes.UnknownElement, $"There is no element '{change.Id}' on this board.");
                    }

                    if (current.Deleted)
                    {
                        // Deleting twice (two people at once) is not an error; the element stays deleted.
                        break;
                    }

                    view[change.Id] = current with { Deleted = true, UpdatedAt = now };
                    live--;
                    applied.Add(new ElementChange(ChangeType.Delete, change.Id));

                    // A connector does not outlive either end.
                    foreach (var connector in AllIds(view).Select(Get).Where(e => e is { Kind: ElementKind.Connector, Deleted: false } && (e.From == change.Id || e.To == change.Id)).ToList())
                    {
                        view[connector!.Id] = connector with { Deleted = true, UpdatedAt = now };
                        live--;
                        applied.Add(new ElementChange(ChangeType.Delete, connector.Id));
                    }

                    break;
                }

                case ChangeType.Restore:
                {
                    if (current is null)
                    {
                        return Fail(ErrorCodes.UnknownElement, $"There is no element '{change.Id}' on this board.");
                    }

                    if (!current.Deleted)
                    {
                        break;
                    }

                    var restored = current with { Deleted = false, UpdatedAt = now };
                    if (restored.Kind == ElementKind.Connector && CheckEndpoints(restored, Get) is { } bad)
                    {
                        return Fail(bad.Code, bad.Message);
                    }

                    if (live >= BoardLimits.MaxLiveElements)
                    {
                        return Fail(ErrorCodes.LimitExceeded, $"A board holds at most {BoardLimits.MaxLiveElements} elements.");
                    }

                    view[change.Id] = restored;
                    live++;
                    applied.Add(new ElementChange(ChangeType.Restore, change.Id));
                    break;
                }

                default:
                    return Fail(ErrorCodes.InvalidOp, $"Unknown change type '{change.Type}'.");
            }
        }

        // Moving a frame moves what lay inside it before the move, unless the op placed it itself.
        foreach (var (frame, dx, dy) in frameMoves)
        {
            foreach (var inside in elements.Values.Where(e => !e.Deleted && e.Kind != ElementKind.Connector && e.Id != frame.Id && !explicitlyPlaced.Contains(e.Id) && BoardGeometry.IsInside(e, frame)).ToList())
            {
                var target = Get(inside.Id)!;
                if (target.Deleted)
                {
                    continue;
                }

                var patch = new ElementPatch(X: target.X + dx, Y: target.Y + dy);
                var moved = ApplyPatch(target, patch) with { UpdatedAt = now };
                if (Validate(moved, checkText: false) is { } invalid)
                {
                    return Fail(invalid.Code, $"Moving the frame would move '{inside.Id}' out of bounds: {invalid.Message}");
                }

                view[inside.Id] = moved;
                explicitlyPlaced.Add(inside.Id);
                applied.Add(new ElementChange(ChangeType.Update, inside.Id, Patch: patch));
            }
        }

        var befores = view.Keys.ToDictionary(id => id, id => elements.GetValueOrDefault(id), StringComparer.Ordinal);
        return (new PreparedOp(applied, befores, view.ToDictionary(v => v.Key, v => v.Value!, StringComparer.Ordinal), live), null);
    }

    /// <summary>Applies a prepared op.</summary>
    public void Commit(PreparedOp op)
    {
        foreach (var (id, after) in op.Afters)
        {
            elements[id] = after;
        }

        LiveCount = op.LiveCountAfter;
    }

    /// <summary>Applies an op read back from the log (already validated when it was first applied).</summary>
    public void Replay(AppliedOp op)
    {
        BoardOpApplier.Apply(elements, op);
        LiveCount = elements.Values.Count(e => !e.Deleted);
    }

    /// <summary>The elements as they were before the given ops (newest last) were applied.</summary>
    public List<BoardElement> Before(IEnumerable<IReadOnlyDictionary<string, BoardElement?>> beforesNewestLast)
    {
        var copy = new Dictionary<string, BoardElement>(elements, StringComparer.Ordinal);
        foreach (var befores in beforesNewestLast.Reverse())
        {
            foreach (var (id, before) in befores)
            {
                if (before is null)
                {
                    copy.Remove(id);
                }
                else
                {
                    copy[id] = before;
                }
            }
        }

        return [.. copy.Values];
    }

    /// <summary>Sets the properties a patch carries.</summary>
    public static BoardElement ApplyPatch(BoardElement e, ElementPatch p) => BoardOpApplier.ApplyPatch(e, p);

    /// <summary>A patch setting every property of <paramref name="to"/> that differs from <paramref name="from"/>; <c>null</c> when none does.</summary>
    public static ElementPatch? Diff(BoardElement from, BoardElement to)
    {
        var patch = new ElementPatch(
            X: from.X != to.X ? to.X : null,
            Y: from.Y != to.Y ? to.Y : null,
            Width: from.Width != to.Width ? to.Width : null,
            Height: from.Height != to.Height ? to.Height : null,
            Z: from.Z != to.Z ? to.Z : null,
            Color: from.Color != to.Color ? to.Color : null,
            Text: from.Text != to.Text ? to.Text : null,
            From: from.From != to.From ? to.From : null,
            To: from.To != to.To ? to.To : null,
            FileRef: from.FileRef != to.FileRef ? to.FileRef : null);
        return patch == new ElementPatch() ? null : patch;
    }

    /// <summary>Whether an element id is well formed.</summary>
    public static bool IsValidId(string? id) => id is not null && IdPattern().IsMatch(id);

    private IEnumerable<string> AllIds(Dictionary<string, BoardElement?> view) => elements.Keys.Concat(view.Keys.Where(k => !elements.ContainsKey(k)));

    // checkText: whether the text is new in this change (text stored before the control-character rule
    // does not stop a frame from moving its contents).
    private static (string Code, string Message)? Validate(BoardElement e, bool checkText = true)
    {
        if (!Enum.IsDefined(e.Kind))
        {
            return (ErrorCodes.InvalidOp, $"Unknown element kind '{e.Kind}'.");
        }

        foreach (var (name, value) in new[] { ("x", e.X), ("y", e.Y) })
        {
            if (!double.IsFinite(value) || Math.Abs(value) > BoardLimits.MaxCoordinate)
            {
                return (ErrorCodes.InvalidOp, $"{name} must be a finite number within ±{BoardLimits.MaxCoordinate}.");
            }
        }

        foreach (var (name, value) in new[] { ("width", e.Width), ("height", e.Height) })
        {
            if (!double.IsFinite(value) || value < 0 || value > BoardLimits.MaxSize)
            {
                return (ErrorCodes.InvalidOp, $"{name} must be a finite number from 0 to {BoardLimits.MaxSize}.");
            }
        }

        if (e.Text is null || e.Color is null)
        {
            return (ErrorCodes.InvalidOp, "Text and colour are required (text may be empty).");
        }

        if (e.Text.Length > BoardLimits.MaxTextLength)
        {
            return (ErrorCodes.LimitExceeded, $"Text is at most {BoardLimits.MaxTextLength} characters; this one has {e.Text.Length}.");
        }

        if (checkText && TextRules.HasControlCharacters(e.Text))
        {
            return (ErrorCodes.InvalidOp, TextRules.ControlCharactersMessage);
        }

        if (!ColorPattern().IsMatch(e.Color))
        {
            return (ErrorCodes.InvalidOp, "Colours are written #rrggbb.");
        }

        if (e.FileRef is { Length: > 400 })
        {
            return (ErrorCodes.InvalidOp, "File references are at most 400 characters.");
        }

        if (e.Kind == ElementKind.Image && e.FileRef is not null && !FileLimits.IsValidId(e.FileRef))
        {
            return (ErrorCodes.InvalidOp, "An image refers to a file of the board's lab by its id (f and 12 to 64 hex digits).");
        }

        return null;
    }

    private static (string Code, string Message)? CheckEndpoints(BoardElement connector, Func<string, BoardElement?> get)
    {
        if (connector.From is null || connector.To is null || connector.From == connector.To)
        {
            return (ErrorCodes.InvalidOp, "A connector joins two different elements.");
        }

        foreach (var end in new[] { connector.From, connector.To })
        {
            var target = get(end);
            if (target is null)
            {
                return (ErrorCodes.UnknownElement, $"There is no element '{end}' on this board.");
            }

            if (target.Deleted)
            {
                return (ErrorCodes.ElementDeleted, $"Element '{end}' was deleted.");
            }

            if (target.Kind == ElementKind.Connector)
            {
                return (ErrorCodes.InvalidOp, "A connector cannot end on another connector.");
            }
        }

        return null;
    }

    private static (PreparedOp?, EditResult?) Fail(string code, string message) => (null, new EditResult(false, null, ErrorCode: code, Error: message));

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex ColorPattern();
}

/// <summary>A validated op, ready to commit: its applied changes and every touched element before and after.</summary>
public sealed record PreparedOp(
    IReadOnlyList<ElementChange> Changes,
    IReadOnlyDictionary<string, BoardElement?> Befores,
    IReadOnlyDictionary<string, BoardElement> Afters,
    int LiveCountAfter);
