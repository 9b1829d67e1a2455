namespace Climaborough.Web.Tests.Boards;

using Climaborough.Contracts;
using Climaborough.Web.Boards;

/// <summary>The camera: what part of the board the canvas shows, with no browser.</summary>
public sealed class CameraTests
{
    private static Camera Measured()
    {
        var camera = new Camera();
        camera.Measure(new CanvasArea(100, 50, 1000, 600));
        return camera;
    }

    [Fact]
    public void Zooming_around_a_point_keeps_the_board_point_under_it_in_place()
    {
        var camera = Measured();
        var before = camera.ToBoard(400, 300);

        camera.ZoomAround(2, 400 - 100, 300 - 50);

        Assert.Equal(200, camera.ZoomPercent);
        var after = camera.ToBoard(400, 300);
        Assert.Equal(before.X, after.X, 6);
        Assert.Equal(before.Y, after.Y, 6);
    }

    [Fact]
    public void Zoom_stays_between_10_and_400_per_cent()
    {
        var camera = Measured();
        camera.ZoomBy(100);
        Assert.Equal(400, camera.ZoomPercent);
        camera.ZoomBy(0.0001);
        Assert.Equal(10, camera.ZoomPercent);
        camera.ResetZoom();
        Assert.Equal(100, camera.ZoomPercent);
    }

    [Fact]
    public void Fitting_shows_every_element_inside_the_canvas()
    {
        var camera = Measured();
        camera.Fit([Note("a", 2000, 1000, 160, 120), Note("b", 4000, 1500, 160, 120)]);

        var view = camera.View;
        Assert.True(view.X <= 2000 && view.Y <= 1000, $"{view}");
        Assert.True(view.X + view.Width >= 4160 && view.Y + view.Height >= 1620, $"{view}");
    }

    [Fact]
    public void An_empty_board_fits_as_the_origin_at_100_per_cent()
    {
        var camera = Measured();
        camera.ZoomBy(3);
        camera.Fit([Note("gone", 500, 500, 160, 120) with { Deleted = true }]);
        Assert.Equal((0d, 0d, 100), (camera.PanX, camera.PanY, camera.ZoomPercent));
    }

    [Fact]
    public void Following_shows_the_leaders_view_and_a_pan_of_ones_own_ends_it()
    {
        var camera = Measured();
        camera.ToggleFollow("s-ivan", new BoardViewport(1000, 1000, 500, 300));
        Assert.Equal("s-ivan", camera.Following);
        Assert.True(camera.View.X <= 1000 && camera.View.X + camera.View.Width >= 1500);

        camera.ShowFollowed(new BoardViewport(3000, 1000, 500, 300));
        Assert.True(camera.View.X <= 3000 && camera.View.X + camera.View.Width >= 3500);

        camera.PanTo(0, 0);
        Assert.Null(camera.Following);
    }

    [Fact]
    public void Clicking_the_followed_person_again_stops_following()
    {
        var camera = Measured();
        camera.ToggleFollow("s-ivan", null);
        camera.ToggleFollow("s-ivan", null);
        Assert.Null(camera.Following);
    }

    [Fact]
    public void An_empty_measurement_is_ignored()
    {
        var camera = Measured();
        Assert.False(camera.Measure(new CanvasArea(0, 0, 0, 0)));
        Assert.False(camera.Measure(null));
        Assert.Equal(1000, camera.Area.Width);
    }

    internal static BoardElement Note(string id, double x, double y, double w, double h, ElementKind kind = ElementKind.Note) =>
        new(id, kind, x, y, w, h, 1, "#fff176", id, null, null, null, "demo:maria", default, default);
}
