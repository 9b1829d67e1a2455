namespace Climaborough.Web.Boards;

using Climaborough.Contracts;
using Microsoft.JSInterop;

/// <summary>
/// The board page's part of the outline (issue 17): the toggle between canvas and outline, the outline as the
/// default on narrow screens, and what the outline needs of the page (authors' names, facilitator locks, comments).
/// </summary>
public sealed partial class Board
{
    private bool outlineOpen;
    private bool defaultViewChosen;
    private IReadOnlyList<LabMember> labMembers = [];
    private string? userName;
    private string? focusThread;

    /// <summary>Display names by account id: the lab's members, the people on the board now, and the person.</summary>
    private Dictionary<string, string> AuthorNames
    {
        get
        {
            var names = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var m in labMembers)
            {
                names.TryAdd(m.UserId, m.Name);
            }

            foreach (var p in session?.Participants ?? [])
            {
                names.TryAdd(p.UserId, p.Name);
            }

            if (userId is not null && userName is { Length: > 0 })
            {
                names.TryAdd(userId, userName);
            }

            return names;
        }
    }

    /// <summary>Whether facilitator locks forbid the person the whole board (elements locked one by one are <see cref="LockedForMe"/>).</summary>
    private bool BoardLockedByFacilitator => !Facilitates && FacilitatorLocksNow is { Board: true };

    /// <summary>Whether a facilitator locked this element (or the frame it lies in) for the person.</summary>
    private bool LockedForMe(BoardElement e) => !Facilitates && editor is not null && LockRules.IsLocked(FacilitatorLocksNow, e, editor.View);

    private void ToggleOutline()
    {
        outlineOpen = !outlineOpen;

        // The canvas' selection and text editor have no place in the outline (and a selected locked note would
        // lock every control of it); back on the canvas, it is measured again.
        editor?.Note.Cancel();
        editor?.Select([]);
        needArea = !outlineOpen;
    }

    /// <summary>
    /// After a render: on a narrow screen (as phones are) the outline is what the board opens with (asked once, when
    /// the board is first there); a thread the outline opened takes the focus in the comments panel.
    /// </summary>
    private async Task AfterRenderOutlineAsync()
    {
        if (focusThread is { } thread && commentsOpen)
        {
            focusThread = null;

            // Thread ids are [A-Za-z0-9_-], safe in a selector.
            await JS.InvokeVoidAsync("climaborough.focusSelector", $".comments-panel [data-thread='{thread}']");
        }

        if (defaultViewChosen || session?.Board is null)
        {
            return;
        }

        defaultViewChosen = true;
        if (await JS.InvokeAsync<bool>("climaborough.isNarrow") && !outlineOpen)
        {
            ToggleOutline();
            StateHasChanged();
        }
    }

    /// <summary>The outline's "Open the thread": the thread opens in the comments panel, which takes the focus.</summary>
    private void OpenThreadFromOutline(string threadId)
    {
        OpenComment(threadId);
        focusThread = threadId;
    }

    /// <summary>The outline's "Comment": the element becomes the selection (where the panel's composer comments) and the panel opens.</summary>
    private void CommentOn(string elementId)
    {
        editor?.Select([elementId]);
        commentsOpen = true;
        StateHasChanged();
    }
}
