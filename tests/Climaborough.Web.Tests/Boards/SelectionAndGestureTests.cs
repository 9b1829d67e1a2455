namespace Climaborough.Web.Tests.Boards;

using Climaborough.Contracts;
using Climaborough.Web.Boards;
using static Climaborough.Web.Tests.Boards.CameraTests;

/// <summary>The selection and the pointer gestures, with no browser: what each sends when it ends.</summary>
public sealed class SelectionAndGestureTests
{
    private static readonly Camera AtOrigin = new();

    [Fact]
    public void Each_change_of_the_selection_is_a_new_set_and_an_unchanged_one_is_not()
    {
        var selection = new Selection();
        Assert.True(selection.Set(["a", "b"]));
        var first = selection.Ids;

        Assert.False(selection.Set(["b", "a"]));
        Assert.Same(first, selection.Ids);

        Assert.True(selection.Toggle("a"));
        Assert.NotSame(first, selection.Ids);
        Assert.Equal(["b"], selection.Ids);
    }

    [Fact]
    public void The_first_picked_shape_comes_first_and_connectors_are_not_shapes()
    {
        var view = View(Note("a", 0, 0, 10, 10), Note("b", 20, 0, 10, 10), Note("c", 0, 0, 0, 0, ElementKind.Connector));
        var selection = new Selection();
        selection.Set(["b"]);
        selection.Set(["a", "b", "c"]);

        Assert.Equal(["b", "a"], selection.Shapes(view).Select(e => e.Id));
        Assert.Null(selection.OnlyShape(view));
    }

    [Fact]
    public void Elements_deleted_by_anyone_leave_the_selection()
    {
        var view = View(Note("a", 0, 0, 10, 10), Note("b", 0, 0, 10, 10) with { Deleted = true });
        var selection = new Selection();
        selection.Set(["a", "b", "gone"]);

        Assert.True(selection.KeepExisting(view));
        Assert.Equal(["a"], selection.Ids);
        Assert.False(selection.KeepExisting(view));
    }

    [Fact]
    public void A_press_that_moves_less_than_3_pixels_moves_nothing()
    {
        var note = Note("a", 40, 40, 160, 120);
        var drag = new TranslatingGesture(AtOrigin, View(note), [note], 100, 100);
        drag.Move(101, 101);

        Assert.False(drag.Moved);
        Assert.Empty(drag.Finish(View(note)).Changes);
    }

    [Fact]
    public void Dragging_a_frame_moves_what_lies_inside_it_in_one_op_and_leaves_the_rest()
    {
        var frame = Note("f", 0, 0, 400, 300, ElementKind.Frame);
        var inside = Note("in", 50, 50, 100, 100);
        var outside = Note("out", 600, 50, 100, 100);
        var arrowInside = Note("c1", 0, 0, 0, 0, ElementKind.Connector) with { From = "f", To = "in" };
        var arrowOut = Note("c2", 0, 0, 0, 0, ElementKind.Connector) with { From = "in", To = "out" };
        var view = View(frame, inside, outside, arrowInside, arrowOut);

        var drag = new TranslatingGesture(AtOrigin, view, [frame], 10, 10);
        drag.Move(60, 30);

        Assert.True(drag.Moved);
        Assert.Equal(["c1", "c2", "f", "in"], drag.Hidden.Order());
        Assert.Equal("c2", Assert.Single(drag.Dangling).Connector.Id);
        var changes = drag.Finish(view).Changes;
        Assert.Equal([("f", 50d, 20d), ("in", 100d, 70d)], changes.Select(c => (c.Id, c.Patch!.X!.Value, c.Patch.Y!.Value)).Order());
    }

    [Fact]
    public void Moves_count_in_board_units_at_any_zoom()
    {
        var camera = new Camera();
        camera.ZoomBy(2);
        var note = Note("a", 0, 0, 100, 100);
        var drag = new TranslatingGesture(camera, View(note), [note], 0, 0);
        drag.Move(100, 50);

        var patch = Assert.Single(drag.Finish(View(note)).Changes).Patch!;
        Assert.Equal((50d, 25d), (patch.X!.Value, patch.Y!.Value));
    }

    [Fact]
    public void Resizing_keeps_an_element_at_least_40_by_30()
    {
        var note = Note("a", 0, 0, 160, 120);
        var resize = new ResizingGesture(AtOrigin, note, 160, 120);
        resize.Move(0, 0);

        var patch = Assert.Single(resize.Finish(View(note)).Changes).Patch!;
        Assert.Equal((40d, 30d), (patch.Width!.Value, patch.Height!.Value));
        Assert.Equal(["a"], resize.Hidden);
    }

    [Fact]
    public void Brushing_selects_only_what_lies_wholly_inside_the_rectangle()
    {
        var view = View(Note("in", 20, 20, 50, 50), Note("across", 90, 20, 50, 50));
        var brush = new BrushingGesture(AtOrigin, 100, 100);
        brush.Move(10, 10);

        var result = brush.Finish(view);
        Assert.Equal(["in"], result.Select!);
        Assert.Empty(result.Changes);
    }

    [Fact]
    public void Panning_moves_the_camera_with_the_pointer_and_tells_others_the_new_view()
    {
        var camera = new Camera();
        var pan = new PanningGesture(camera, 100, 100);
        pan.Move(150, 80);

        Assert.Equal((50d, -20d), (camera.PanX, camera.PanY));
        Assert.True(pan.Finish(View()).ViewChanged);
    }

    private static Dictionary<string, BoardElement> View(params BoardElement[] elements) => elements.ToDictionary(e => e.Id, StringComparer.Ordinal);
}
