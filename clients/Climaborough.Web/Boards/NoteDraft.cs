namespace Climaborough.Web.Boards;

using Climaborough.Contracts;

/// <summary>The text being written on one element: started by Enter or a double-click, saved or cancelled.</summary>
public sealed class NoteDraft
{
    /// <summary>The element whose text is being edited, if any.</summary>
    public BoardElement? Element { get; private set; }

    /// <summary>The text as typed so far.</summary>
    public string Text { get; set; } = string.Empty;

    /// <summary>Whether the editor should take the focus at the next render.</summary>
    public bool WantsFocus { get; set; }

    /// <summary>Whether the text is over the limit (it is then kept, not cut, for the person to shorten).</summary>
    public bool TooLong => Text.Length > BoardLimits.MaxTextLength;

    /// <summary>Whether texts of this kind can be edited.</summary>
    public static bool CanHoldText(BoardElement e) => e.Kind is not ElementKind.Connector;

    /// <summary>Starts editing an element's text.</summary>
    public void Start(BoardElement e)
    {
        Element = e;
        Text = e.Text;
        WantsFocus = true;
    }

    /// <summary>Stops editing without saving.</summary>
    public void Cancel() => Element = null;

    /// <summary>
    /// Ends editing: the change to send (none when the text is unchanged or the element is gone), or null
    /// when the text is too long and editing goes on.
    /// </summary>
    public IReadOnlyList<ElementChange>? Commit(IReadOnlyDictionary<string, BoardElement> view)
    {
        if (Element is not { } e)
        {
            return [];
        }

        if (TooLong)
        {
            return null;
        }

        Element = null;
        var text = Text.TrimEnd('\n');
        return view.TryGetValue(e.Id, out var current) && current.Text != text && !current.Deleted
            ? [new ElementChange(ChangeType.Update, e.Id, Patch: new ElementPatch(Text: text))]
            : [];
    }
}
