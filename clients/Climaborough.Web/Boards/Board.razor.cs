namespace Climaborough.Web.Boards;

using System.Globalization;
using Climaborough.Client;
using Climaborough.Contracts;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.SignalR;
using Microsoft.JSInterop;

/// <summary>
/// The board page: joins the board, learns what the person may do there, and lays out the header,
/// toolbar, canvas and panels. What happens on the canvas is the <see cref="BoardEditor"/>'s; the
/// toolbar and the keyboard both run the commands of <see cref="BoardCommands"/> through <see cref="RunAsync"/>.
/// </summary>
public sealed partial class Board : IAsyncDisposable
{
    private BoardSession? session;
    private BoardEditor? editor;
    private BoardCanvas? canvas;
    private bool signedOut;
    private bool notFound;
    private string? message;
    private bool leaveGuard;
    private bool needArea = true;
    private string? userId;

    // What the person may do: their lab role (asked of the lab once the board's lab is known) and the lock.
    private LabRole? labRole;
    private bool labRoleKnown;
    private bool labRoleAsked;
    private bool? lockedHeard;
    private bool lockBusy;

    // History and preview.
    private IReadOnlyList<BoardVersion>? versions;
    private BoardSnapshot? preview;
    private DateTimeOffset previewAt;
    private Dictionary<string, BoardElement> previewElements = [];

    /// <summary>Who is signed in.</summary>
    [CascadingParameter]
    public Task<AuthenticationState>? AuthState { get; set; }

    /// <summary>The board to show.</summary>
    [Parameter]
    public string BoardId { get; set; } = string.Empty;

    private SyncState Sync => session?.Sync ?? SyncState.Offline;

    /// <summary>Still making the first connection or joining (not a lost connection): nothing is known of the board yet.</summary>
    private bool Connecting => session is { Board: null } && Sync == SyncState.Offline && Live.State is LiveState.Connecting or LiveState.Connected;

    private bool Locked => lockedHeard ?? session?.Board?.Locked ?? false;

    private BoardPermissions Permissions => new(session?.Board, userId, labRole, labRoleKnown, Locked, preview is not null, FacilitatorLocked);

    private BoardCommandState CommandState => editor!.CommandState(versions is not null, outlineOpen);

    /// <summary>Whether the person may restore a version (as for any edit, only the lock and their role count, not the preview).</summary>
    private bool MayRestore => Permissions with { Previewing = false } is { CanEdit: true };

    /// <summary>Why the person may not change the board, said once above the toolbar (a preview has its own banner).</summary>
    private string? ReadOnlyNotice => Permissions.Reason switch
    {
        ReadOnlyReason.Observer => L["BoardObserverNotice"].Value,
        ReadOnlyReason.NotMember => L["BoardNotMemberNotice"].Value,
        ReadOnlyReason.Locked => L["BoardLockedNotice"].Value,
        ReadOnlyReason.FacilitatorLocked => L["WorkshopLockedNotice"].Value,
        _ => null,
    };

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        UnsubscribeWorkshop();
        if (session is not null)
        {
            await session.DisposeAsync();
        }

        if (leaveGuard)
        {
            await JS.InvokeVoidAsync("climaborough.setLeaveGuard", false);
        }
    }

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        if (session is not null)
        {
            return;
        }

        var user = AuthState is null ? null : (await AuthState).User;
        signedOut = user?.Identity?.IsAuthenticated != true;
        if (signedOut)
        {
            return;
        }

        userId = user!.FindFirst("sub")?.Value;
        userName = user.Identity?.Name;
        SubscribeWorkshop();
        session = new BoardSession(Live, Store, BoardId);
        editor = new BoardEditor(session, () => Permissions, MeasureAsync);
        session.Changed += () => InvokeAsync(OnSessionChangedAsync);
        session.Rejected += r => InvokeAsync(() => OnRejected(r));
        try
        {
            await session.StartAsync();
        }
        catch (HubException ex) when (ex.Message.Contains(ErrorCodes.NotFound, StringComparison.Ordinal))
        {
            notFound = true;
        }
    }

    /// <inheritdoc />
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        SyncImageLinks();
        await AfterRenderOutlineAsync();
        if (needArea && editor is not null && canvas is not null)
        {
            needArea = false;
            await editor.MeasureAsync();
        }
    }

    private async Task<CanvasArea?> MeasureAsync() =>
        canvas is null ? null : await JS.InvokeAsync<CanvasArea?>("climaborough.rect", canvas.Svg);

    private async Task OnSessionChangedAsync()
    {
        editor?.OnSessionChanged();
        var wantGuard = session?.PendingCount > 0;
        if (wantGuard != leaveGuard)
        {
            leaveGuard = wantGuard;
            await JS.InvokeVoidAsync("climaborough.setLeaveGuard", wantGuard);
        }

        if (!labRoleAsked && session?.Board is { } board)
        {
            labRoleAsked = true;
            await LoadLabRoleAsync(board.LabId);
        }

        StateHasChanged();
    }

    /// <summary>The person's role in the board's lab (a board outside labs has none, and needs none).</summary>
    private async Task LoadLabRoleAsync(string? labId)
    {
        var lab = labId is null ? null : await Api.GetLabAsync(labId);
        labRole = lab?.YourRole;
        labMembers = lab?.Members ?? [];
        labRoleKnown = true;
    }

    private async Task OnRejected(EditResult result)
    {
        message = string.Format(CultureInfo.CurrentCulture, L["Rejected"], result.Error);
        if (result.ErrorCode == ErrorCodes.BoardLocked)
        {
            // Someone locked it meanwhile: the tools follow at once.
            lockedHeard = true;
        }
        else if (result.ErrorCode == ErrorCodes.Forbidden && session?.Board is { } board)
        {
            // The role changed meanwhile: ask the lab again.
            await LoadLabRoleAsync(board.LabId);
        }

        StateHasChanged();
    }

    private async Task SetLockedAsync(bool locked)
    {
        lockBusy = true;
        var (board, error) = await Api.LockBoardAsync(BoardId, locked);
        lockBusy = false;
        lockedHeard = board?.Locked ?? lockedHeard;
        message = error;
    }

    private void ToggleFollow(string sessionId) => editor?.ToggleFollow(sessionId);

    // ---- commands ------------------------------------------------------------------------------

    private async Task OnKeyDownAsync(KeyboardEventArgs args)
    {
        if (editor is null || editor.Note.Element is not null)
        {
            return;
        }

        if (args.Key == " ")
        {
            editor.SpaceHeld = true;
        }
        else if (BoardCommands.ForKey(args) is { } command && command.EnabledWhen(CommandState))
        {
            await RunAsync(command.Id);
        }
    }

    /// <summary>Runs a command of <see cref="BoardCommands"/> (when it is enabled).</summary>
    private async Task RunAsync(string id)
    {
        if (editor is not { } e || session is null || !BoardCommands.Get(id).EnabledWhen(CommandState))
        {
            return;
        }

        switch (id)
        {
            case "add-note": await e.AddAsync(ElementKind.Note); break;
            case "add-text": await e.AddAsync(ElementKind.Text); break;
            case "add-rectangle": await e.AddAsync(ElementKind.Rectangle); break;
            case "add-ellipse": await e.AddAsync(ElementKind.Ellipse); break;
            case "add-frame": await e.AddFrameAsync(); break;
            case "add-image": await PickImageAsync(); break;
            case "connect": await e.ConnectAsync(); break;
            case "delete": await e.DeleteSelectedAsync(); break;
            case "undo": Report(await session.UndoAsync()); break;
            case "redo": Report(await session.RedoAsync()); break;
            case "zoom-out": e.ZoomBy(1 / Camera.Step); break;
            case "zoom-reset": e.ZoomBy(1 / e.Camera.Zoom); break;
            case "zoom-in": e.ZoomBy(Camera.Step); break;
            case "zoom-fit": e.ZoomToFit(); break;
            case "outline": ToggleOutline(); break;
            case "history": await ToggleHistoryAsync(); break;
            case "export-json": await ExportAsync("json"); break;
            case "export-md": await ExportAsync("md"); break;
            case "export-svg-view": await ExportSvgAsync(wholeBoard: false); break;
            case "export-svg-board": await ExportSvgAsync(wholeBoard: true); break;
            case "escape":
                e.Select([]);
                e.Camera.StopFollowing();
                EndPreview();
                break;
            case "edit" when e.SingleSelected is { } one: e.StartEditing(one); break;
            case "select-all": e.Select(BoardEdits.All(e.View)); break;
            case var nudge when nudge.StartsWith("nudge-", StringComparison.Ordinal):
                var (dx, dy) = BoardCommands.NudgeStep(nudge);
                await e.NudgeAsync(dx, dy);
                break;
        }
    }

    // ---- history, preview, export --------------------------------------------------------------

    private async Task ToggleHistoryAsync()
    {
        versions = versions is null ? await Api.GetBoardVersionsAsync(BoardId) : null;
        if (versions is null)
        {
            EndPreview();
        }
    }

    private async Task PreviewAsync(long versionSeq)
    {
        if (await Api.GetBoardVersionAsync(BoardId, versionSeq) is { } snapshot)
        {
            ImageLinks.Version = (BoardId, snapshot.Seq);
            preview = snapshot;
            previewAt = versions?.FirstOrDefault(v => v.Seq == versionSeq)?.At ?? DateTimeOffset.Now;
            previewElements = snapshot.Elements.ToDictionary(e => e.Id, StringComparer.Ordinal);
            editor?.Note.Cancel();
            editor?.Select([]);
        }
    }

    private void EndPreview()
    {
        ImageLinks.Version = null;
        preview = null;
        previewElements = [];
    }

    private async Task RestoreAsync(long versionSeq)
    {
        if (session is not null && MayRestore)
        {
            Report(await session.RestoreVersionAsync(versionSeq));
            EndPreview();
        }
    }

    private async Task ExportAsync(string format)
    {
        var content = await Api.ExportBoardAsync(BoardId, format);
        var name = $"{session?.Board?.Title ?? BoardId}.{format}";
        await JS.InvokeVoidAsync("climaborough.download", name, format == "json" ? "application/json" : "text/markdown", content);
    }

    private async Task ExportSvgAsync(bool wholeBoard)
    {
        if (canvas is null || editor is null)
        {
            return;
        }

        var name = $"{session?.Board?.Title ?? BoardId}.svg";
        var live = (preview is not null ? previewElements.Values : editor.View.Values).Where(e => !e.Deleted && e.Kind != ElementKind.Connector).ToList();
        if (wholeBoard && live.Count > 0)
        {
            const double margin = 40;
            var (left, top) = (live.Min(e => e.X) - margin, live.Min(e => e.Y) - margin);
            var (width, height) = (live.Max(e => e.X + e.Width) + margin - left, live.Max(e => e.Y + e.Height) + margin - top);
            await JS.InvokeVoidAsync("climaborough.exportSvg", canvas.Svg, name, left, top, width, height);
        }
        else
        {
            var view = editor.Camera.View;
            await JS.InvokeVoidAsync("climaborough.exportSvg", canvas.Svg, name, view.X, view.Y, view.Width, view.Height);
        }
    }

    private void Report(EditResult result) => message = result.Ok || result.ErrorCode == ErrorCodes.NothingToUndo ? null : result.Error;
}
