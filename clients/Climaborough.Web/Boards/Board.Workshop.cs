namespace Climaborough.Web.Boards;

using Climaborough.Contracts;
using Microsoft.AspNetCore.Components;

/// <summary>
/// Workshop mode of the board page (<c>/boards/{id}?session={sessionId}</c>): the <c>WorkshopBar</c> runs the
/// workshop; this part only does what it asks of the board (moving the view) and keeps the facilitator locks, so
/// that the tools are disabled where the board would refuse.
/// </summary>
public sealed partial class Board
{
    private FacilitatorLocks? locksHeard;
    private bool locksHeardKnown;
    private bool workshopSubscribed;
    private string? spotlighted;
    private readonly Climaborough.Web.Sessions.Workshop.VoteOnBoard voteOnBoard = new();

    /// <summary>The workshop shown with the board, if any (the session's join link).</summary>
    [SupplyParameterFromQuery(Name = "session")]
    public string? WorkshopSessionId { get; set; }

    /// <summary>Whether the person runs workshops in the board's lab (facilitators are never locked out).</summary>
    private bool Facilitates => labRoleKnown && labRole >= LabRole.Moderator;

    /// <summary>The board's facilitator locks as last heard.</summary>
    private FacilitatorLocks? FacilitatorLocksNow => locksHeardKnown ? locksHeard : session?.Board?.Locks;

    /// <summary>Whether something selected is locked by a facilitator.</summary>
    private bool SelectionHasLocks =>
        editor is not null && FacilitatorLocksNow is { } locks && editor.Selection.Ids.Any(id => editor.View.TryGetValue(id, out var e) && LockRules.IsLocked(locks, e, editor.View));

    /// <summary>What facilitator locks forbid the person now: the whole board, or the selection.</summary>
    private bool FacilitatorLocked => !Facilitates && (FacilitatorLocksNow is { Board: true } || SelectionHasLocks);

    /// <summary>The elements drawn as locked (ids are [A-Za-z0-9_-], so they are safe in a CSS selector).</summary>
    private IReadOnlyList<string> LockedElementIds =>
        editor is null || FacilitatorLocksNow is not { Any: true } locks ? []
        : [.. editor.View.Values.Where(e => !e.Deleted && LockRules.IsLocked(locks, e, editor.View)).Select(e => e.Id)];

    /// <summary>What the person sees now, for "bring everyone to me".</summary>
    private BoardViewport MyView() => editor?.Camera.View ?? new BoardViewport(0, 0, 1200, 700);

    private void SubscribeWorkshop()
    {
        if (!workshopSubscribed)
        {
            workshopSubscribed = true;
            Live.BoardInfoChanged += OnBoardInfoChanged;
        }
    }

    private void UnsubscribeWorkshop()
    {
        if (workshopSubscribed)
        {
            workshopSubscribed = false;
            Live.BoardInfoChanged -= OnBoardInfoChanged;
        }
    }

    private void OnBoardInfoChanged(BoardInfo board)
    {
        if (board.Id == BoardId)
        {
            _ = InvokeAsync(() =>
            {
                (locksHeard, locksHeardKnown, lockedHeard) = (board.Locks, true, board.Locked);
                StateHasChanged();
            });
        }
    }

    /// <summary>A moderator's summon: bring (once), follow (until released or the person stops following), release, spotlight.</summary>
    private void OnSummoned(SummonView summon)
    {
        if (editor is null)
        {
            return;
        }

        switch (summon.Kind)
        {
            case SummonKind.Bring when summon.View is { IsValid: true } view:
                editor.Camera.Show(view);
                break;
            case SummonKind.Follow when summon.LeaderConnection is { } leader && editor.Camera.Following != leader:
                editor.ToggleFollow(leader);
                break;
            case SummonKind.Release when editor.Camera.Following == summon.LeaderConnection || summon.LeaderConnection is null:
                editor.Camera.StopFollowing();
                break;
            case SummonKind.Spotlight when summon.ElementId is { } id && editor.View.TryGetValue(id, out var element):
                spotlighted = element.Text.Length > 0 ? element.Text : id;
                editor.Camera.Fit([element]);
                break;
        }

        StateHasChanged();
    }

    /// <summary>A step with a frame started: show that frame.</summary>
    private void ShowFrame(string frameId)
    {
        if (editor is not null && editor.View.TryGetValue(frameId, out var frame))
        {
            editor.Camera.Fit([frame]);
            StateHasChanged();
        }
    }
}
