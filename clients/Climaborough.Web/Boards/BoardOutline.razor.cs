namespace Climaborough.Web.Boards;

using System.Globalization;
using Climaborough.Contracts;
using Climaborough.Web.Sessions.Workshop;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

/// <summary>One heading of the outline: a frame (null: what lies in no frame) and what lies in it, in reading order.</summary>
/// <param name="Frame">The frame, or null for the elements outside every frame.</param>
/// <param name="Items">Its notes, texts, shapes and images, top to bottom, then left to right.</param>
public sealed record OutlineSection(BoardElement? Frame, IReadOnlyList<BoardElement> Items);

/// <summary>
/// The board as a list (issue 17): frames in reading order, each a heading with its elements, and what lies in no
/// frame last; every element with its text, kind, author, votes and open comments. It edits through the same
/// <see cref="BoardEditor"/> as the canvas, so the ops, the undo and the permissions are the canvas' own.
/// </summary>
public sealed partial class BoardOutline : IDisposable
{
    /// <summary>The value of the "move to" list that means "out of every frame" (element ids never hold a '~').</summary>
    private const string Outside = "~outside";

    private readonly Dictionary<string, string> newTexts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> moveTargets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ElementReference> editButtons = new(StringComparer.Ordinal);
    private string? editing;
    private string editText = string.Empty;
    private ElementReference editBox;
    private bool focusEditBox;
    private string? focusEditButton;
    private string? status;
    private bool mayUndo;
    private VoteOnBoard? subscribedVotes;

    /// <summary>The board as the person works on it.</summary>
    [Parameter, EditorRequired] public BoardEditor Editor { get; set; } = default!;

    /// <summary>A previewed version's elements (read only), or null for the live board.</summary>
    [Parameter] public IReadOnlyDictionary<string, BoardElement>? Elements { get; set; }

    /// <summary>Display names by account id.</summary>
    [Parameter] public IReadOnlyDictionary<string, string>? Names { get; set; }

    /// <summary>The board's comment threads as the page shows them.</summary>
    [Parameter] public IReadOnlyList<CommentThreadView> Threads { get; set; } = [];

    /// <summary>Whether a facilitator locked the whole board for the person.</summary>
    [Parameter] public bool BoardLocked { get; set; }

    /// <summary>Whether a facilitator locked an element (or its frame) for the person.</summary>
    [Parameter] public Func<BoardElement, bool>? IsLocked { get; set; }

    /// <summary>A workshop's dot vote on the board, if any.</summary>
    [Parameter] public VoteOnBoard? Votes { get; set; }

    /// <summary>The id of the page's line that says why the board is read-only (the disabled controls point to it).</summary>
    [Parameter] public string? ReadOnlyNoticeId { get; set; }

    /// <summary>Opens a comment thread in the comments panel.</summary>
    [Parameter] public EventCallback<string> OnOpenThread { get; set; }

    /// <summary>Opens the comments panel to comment on an element.</summary>
    [Parameter] public EventCallback<string> OnComment { get; set; }

    private IReadOnlyDictionary<string, BoardElement> Shown => Elements ?? Editor.View;

    /// <summary>Whether the person may change the board at all (role, lock, preview, a facilitator's lock of the whole board).</summary>
    private bool CanEdit => Elements is null && (Editor.Permissions with { FacilitatorLocked = BoardLocked }).CanEdit;

    /// <summary>The sections of the outline: frames top to bottom, then left to right, each element under the smallest frame that holds it wholly.</summary>
    public static IReadOnlyList<OutlineSection> Sections(IReadOnlyDictionary<string, BoardElement> view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var live = view.Values.Where(e => !e.Deleted && e.Kind != ElementKind.Connector).ToList();
        var frames = BoardGeometry.ReadingOrder(live.Where(e => e.Kind == ElementKind.Frame)).ToList();
        var byFrame = frames.ToDictionary(f => f.Id, _ => new List<BoardElement>(), StringComparer.Ordinal);
        var outside = new List<BoardElement>();
        foreach (var e in BoardGeometry.ReadingOrder(live.Where(e => e.Kind != ElementKind.Frame)))
        {
            var holder = BoardGeometry.HoldingFrame(e, frames);
            (holder is null ? outside : byFrame[holder.Id]).Add(e);
        }

        return [.. frames.Select(f => new OutlineSection(f, byFrame[f.Id])), new OutlineSection(null, outside)];
    }

    /// <inheritdoc />
    protected override void OnParametersSet()
    {
        if (!ReferenceEquals(subscribedVotes, Votes))
        {
            if (subscribedVotes is not null)
            {
                subscribedVotes.Changed -= OnVotesChanged;
            }

            subscribedVotes = Votes;
            if (subscribedVotes is not null)
            {
                subscribedVotes.Changed += OnVotesChanged;
            }
        }

        if (editing is not null && (!Shown.TryGetValue(editing, out var e) || e.Deleted))
        {
            // Someone deleted it meanwhile.
            editing = null;
        }
    }

    /// <inheritdoc />
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (focusEditBox && editing is not null)
        {
            focusEditBox = false;
            await editBox.FocusAsync();
        }
        else if (focusEditButton is { } id && editButtons.TryGetValue(id, out var button))
        {
            focusEditButton = null;
            await button.FocusAsync();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (subscribedVotes is not null)
        {
            subscribedVotes.Changed -= OnVotesChanged;
        }
    }

    private void OnVotesChanged() => _ = InvokeAsync(StateHasChanged);

    private bool MayChange(BoardElement e) => CanEdit && IsLocked?.Invoke(e) != true;

    private string? WhyNot(BoardElement? e) => !CanEdit ? ReadOnlyNoticeId : e is not null && IsLocked?.Invoke(e) == true ? $"outline-locked-{e.Id}" : null;

    private static string Key(BoardElement? frame) => frame?.Id ?? Outside;

    private string FrameTitle(BoardElement? frame) =>
        frame is null ? L["OutlineNoFrame"] : frame.Text.Trim() is { Length: > 0 } title ? Flat(title) : L["OutlineUntitledFrame"];

    private string TextOf(BoardElement e) =>
        e.Text.Trim().Length > 0 ? e.Text : e.Kind == ElementKind.Image ? L["OutlineImageNoText"] : L["OutlineNoText"];

    private string Short(BoardElement e) => e.Text.Trim().Length > 0 ? Excerpt(e.Text, 40) : L[$"OutlineKind_{e.Kind}"];

    private string AuthorOf(BoardElement e) => Names?.GetValueOrDefault(e.AuthorId) is { Length: > 0 } name ? name : L["OutlineUnknownAuthor"];

    private string? VotesOf(BoardElement e) =>
        Votes?.Vote is not { } vote ? null
        : vote.Status == VoteStatus.Closed ? vote.Results?.FirstOrDefault(r => r.Id == e.Id) is { Dots: > 0 } r ? L.Plural("OutlineDots", r.Dots) : null
        : Votes.MineOn(e.Id) is > 0 and var mine ? L.Plural("OutlineMyDots", mine)
        : null;

    /// <summary>The element's kind, author, votes and whether it came in without attending, as one line.</summary>
    private string Meta(BoardElement e) => string.Join(" · ", new[]
    {
        L[$"OutlineKind_{e.Kind}"].Value,
        string.Format(CultureInfo.CurrentCulture, L["OutlineBy"], AuthorOf(e)),
        VotesOf(e),
        e.AsyncSession is null ? null : L["AsyncNoteLabel"].Value,
    }.Where(part => part is not null));

    private List<CommentThreadView> OpenThreads(BoardElement e) =>
        [.. Threads.Where(t => !t.Resolved && t.Anchor.ElementId == e.Id).OrderByDescending(t => t.LastActivityAt)];

    private string FirstLines(CommentThreadView thread) =>
        thread.Comments is not [var first, ..] ? string.Empty
        : first.Hidden ? L["CommentHidden"]
        : string.Format(CultureInfo.CurrentCulture, L["OutlineCommentLine"], first.AuthorName, Excerpt(first.Body, 120));

    private static string Flat(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim();

    private static string Excerpt(string text, int length)
    {
        var line = Flat(text);
        return line.Length > length ? line[..length] + "…" : line;
    }

    private string NewText(BoardElement? frame) => newTexts.GetValueOrDefault(Key(frame)) ?? string.Empty;

    private string MoveTarget(BoardElement e) => moveTargets.GetValueOrDefault(e.Id) ?? string.Empty;

    // ---- changes -------------------------------------------------------------------------------

    private async Task AddAsync(BoardElement? frame)
    {
        var text = NewText(frame).Trim();
        if (text.Length == 0 || !CanEdit || (frame is not null && IsLocked?.Invoke(frame) == true))
        {
            return;
        }

        if (text.Length > BoardLimits.MaxTextLength)
        {
            Say(string.Format(CultureInfo.CurrentCulture, L["TextTooLong"], BoardLimits.MaxTextLength, text.Length));
            return;
        }

        // The field empties at once: what is typed while the note is on its way is the next note.
        newTexts.Remove(Key(frame));
        var id = await Editor.AddNoteWithTextAsync(frame, text);
        if (id is not null && Editor.View.TryGetValue(id, out var added) && !added.Deleted)
        {
            Say(string.Format(CultureInfo.CurrentCulture, L["OutlineAdded"], FrameTitle(frame)));
        }
        else if (NewText(frame).Length == 0)
        {
            // Refused (the page says why): the text comes back, never lost.
            newTexts[Key(frame)] = text;
        }
    }

    private void StartEditing(BoardElement e)
    {
        if (!MayChange(e))
        {
            return;
        }

        (editing, editText, focusEditBox, status, mayUndo) = (e.Id, e.Text, true, null, false);
    }

    private void CancelEditing()
    {
        focusEditButton = editing;
        editing = null;
    }

    private bool EditTooLong => editText.Length > BoardLimits.MaxTextLength;

    private async Task SaveAsync()
    {
        if (editing is not { } id || EditTooLong)
        {
            return;
        }

        var text = editText.TrimEnd('\n', '\r');
        (editing, focusEditButton) = (null, id);
        await Editor.SetTextAsync(id, text);
    }

    private async Task EditKeyAsync(KeyboardEventArgs args)
    {
        if (args.Key == "Escape")
        {
            CancelEditing();
        }
        else if (args.Key == "Enter" && !args.ShiftKey)
        {
            await SaveAsync();
        }
    }

    private async Task MoveAsync(BoardElement e)
    {
        var target = MoveTarget(e);
        BoardElement? frame = null;
        if (target.Length == 0 || !MayChange(e) || (target != Outside && (!Shown.TryGetValue(target, out frame) || IsLocked?.Invoke(frame) == true)))
        {
            return;
        }

        moveTargets.Remove(e.Id);
        await Editor.MoveToFrameAsync(e.Id, frame);
        Say(string.Format(CultureInfo.CurrentCulture, L["OutlineMoved"], Short(e), FrameTitle(frame)));
    }

    private async Task DeleteAsync(BoardElement e)
    {
        if (!MayChange(e))
        {
            return;
        }

        await Editor.DeleteAsync(e.Id);
        if (!Editor.View.TryGetValue(e.Id, out var now) || now.Deleted)
        {
            Say(string.Format(CultureInfo.CurrentCulture, L["OutlineDeleted"], Short(e)), undo: true);
        }
    }

    private async Task UndoAsync()
    {
        mayUndo = false;
        var result = await Editor.Session.UndoAsync();
        Say(result.Ok ? L["OutlineUndone"] : result.ErrorCode == ErrorCodes.NothingToUndo ? L["OutlineNothingToUndo"] : result.Error);
    }

    private void Say(string? text, bool undo = false) => (status, mayUndo) = (text, undo);
}
