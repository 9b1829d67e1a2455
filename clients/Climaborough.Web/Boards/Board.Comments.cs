namespace Climaborough.Web.Boards;

using Climaborough.Contracts;
using Microsoft.AspNetCore.Components;

/// <summary>The board page's part of comments (issue 20): the panel's state, the pins' threads, and bringing the view to a thread.</summary>
public sealed partial class Board
{
    private bool commentsOpen;
    private string? focusedComment;
    private IReadOnlyList<CommentThreadView> commentThreads = [];

    /// <summary>A thread to show, from a notification's link (<c>boards/{id}?comment=k1</c>).</summary>
    [SupplyParameterFromQuery(Name = "comment")]
    public string? CommentQuery { get; set; }

    private bool commentQueryUsed;

    /// <summary>The threads the pins draw: as they were at the previewed version, or now.</summary>
    private IReadOnlyList<CommentThreadView> CommentsShown => preview is null ? commentThreads : CommentPlaces.AsOf(commentThreads, previewAt);

    /// <summary>The middle of the view, in board coordinates (a new thread without a selection goes there).</summary>
    private (double X, double Y) ViewCentre => editor is null ? (0, 0)
        : (editor.Camera.View.X + (editor.Camera.View.Width / 2), editor.Camera.View.Y + (editor.Camera.View.Height / 2));

    private void OnCommentThreads(IReadOnlyList<CommentThreadView> threads)
    {
        commentThreads = threads;
        if (!commentQueryUsed && CommentQuery is { Length: > 0 } asked && threads.FirstOrDefault(t => t.Id == asked) is { } thread)
        {
            commentQueryUsed = true;
            OpenComment(thread.Id);
            GoToComment(thread);
        }
    }

    private void OpenComment(string threadId)
    {
        focusedComment = threadId;
        commentsOpen = true;
        StateHasChanged();
    }

    private void GoToComment(CommentThreadView thread)
    {
        focusedComment = thread.Id;
        if (editor is null)
        {
            return;
        }

        if (thread.Anchor.ElementId is { } id && editor.View.TryGetValue(id, out var element))
        {
            editor.Camera.Fit([element]);
        }
        else if (CommentPlaces.Position(thread, editor.View.Values) is { } at)
        {
            editor.Camera.Show(new BoardViewport(at.X - 300, at.Y - 200, 600, 400));
        }

        StateHasChanged();
    }
}
