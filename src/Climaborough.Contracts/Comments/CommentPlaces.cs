namespace Climaborough.Contracts;

using System.Globalization;
using System.Text;

/// <summary>
/// Where comment threads are on a board, from the board's elements: a thread on an element follows it
/// (its pin is the element's corner plus the thread's offset), is "on a deleted note" while the element
/// is deleted and returns with it. The browser, the exports and the tests share these rules.
/// </summary>
public static class CommentPlaces
{
    /// <summary>Whether the thread's element is deleted (or gone): it is kept, marked, and comes back on restore.</summary>
    public static bool OnDeletedElement(CommentThreadView thread, IEnumerable<BoardElement> elements)
    {
        ArgumentNullException.ThrowIfNull(thread);
        return thread.Anchor.ElementId is { } id && Element(id, elements) is null;
    }

    /// <summary>The board point of the thread's pin, or null while its element is deleted.</summary>
    public static (double X, double Y)? Position(CommentThreadView thread, IEnumerable<BoardElement> elements)
    {
        ArgumentNullException.ThrowIfNull(thread);
        if (thread.Anchor.ElementId is not { } id)
        {
            return (thread.Anchor.X, thread.Anchor.Y);
        }

        return Element(id, elements) is { } e ? (e.X + thread.Anchor.X, e.Y + thread.Anchor.Y) : null;
    }

    /// <summary>Open threads per element id (the count on an element's pin).</summary>
    public static IReadOnlyDictionary<string, int> OpenCounts(IEnumerable<CommentThreadView> threads) =>
        threads.Where(t => !t.Resolved && t.Anchor.ElementId is not null).GroupBy(t => t.Anchor.ElementId!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    /// <summary>
    /// The threads as they were at <paramref name="at"/> (a board version): threads opened by then with the
    /// comments written by then, resolved if resolved by then and not reopened since (a thread reopened later
    /// shows open; earlier texts of comments edited later are not shown: docs/protocol.md, "Comments").
    /// </summary>
    public static IReadOnlyList<CommentThreadView> AsOf(IEnumerable<CommentThreadView> threads, DateTimeOffset at) =>
        [.. threads.Where(t => t.CreatedAt <= at).Select(t => t with
        {
            Comments = [.. t.Comments.Where(c => c.CreatedAt <= at)],
            Resolved = t.Resolved && t.ResolvedAt <= at,
        })];

    /// <summary>The comments section of a board's Markdown outline: each thread under its element's text.</summary>
    public static string Outline(IReadOnlyList<CommentThreadView> threads, IReadOnlyList<BoardElement> elements)
    {
        ArgumentNullException.ThrowIfNull(threads);
        if (threads.Count == 0)
        {
            return string.Empty;
        }

        var sb = new StringBuilder("## Comments").AppendLine().AppendLine();
        foreach (var group in threads.GroupBy(t => t.Anchor.ElementId ?? string.Empty).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var element = group.Key.Length > 0 ? Element(group.Key, elements) : null;
            var where = group.Key.Length == 0 ? "On the board"
                : element is null ? "On a deleted note"
                : $"On \"{Line(element.Text.Length > 0 ? element.Text : element.Kind.ToString())}\"";
            sb.Append("### ").AppendLine(where).AppendLine();
            foreach (var thread in group.OrderBy(t => t.CreatedAt))
            {
                var first = true;
                foreach (var comment in thread.Comments.Where(c => !c.Hidden))
                {
                    sb.Append(first ? "- " : "  - ").Append(first && thread.Resolved ? "(resolved) " : string.Empty)
                      .Append("**").Append(Line(comment.AuthorName)).Append("** (").Append(comment.CreatedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)).Append("): ")
                      .AppendLine(Line(comment.Body));
                    first = false;
                }
            }

            sb.AppendLine();
        }

        return sb.ToString();
    }

    private static BoardElement? Element(string id, IEnumerable<BoardElement> elements) =>
        elements.FirstOrDefault(e => e.Id == id && !e.Deleted);

    private static string Line(string text) => text.ReplaceLineEndings(" ").Trim();
}
