namespace Climaborough.Web.Boards;

using Climaborough.Contracts;

/// <summary>The board page's images (issue 16): the toolbar's image tool, placing an uploaded image, the links' zoom.</summary>
public sealed partial class Board
{
    private BoardImageUploads? imageUploads;
    private BoardImageLinks? imageLinks;

    private BoardImageLinks ImageLinks => imageLinks ??= new BoardImageLinks(Api, TimeProvider.System);

    private Task PickImageAsync() => imageUploads?.PickAsync() ?? Task.CompletedTask;

    // After each render: the images learn the board's lab and the zoom (the thumbnail or the full image).
    private void SyncImageLinks()
    {
        ImageLinks.LabId = session?.Board?.LabId;
        if (editor is not null)
        {
            ImageLinks.SetZoom(editor.Camera.Zoom);
        }
    }

    // A stored image becomes an element where it was dropped, or at the first free spot in view, and is selected.
    private async Task PlaceImageAsync(PlacedImage placed)
    {
        if (editor is null || session is null || !Permissions.CanEdit)
        {
            return;
        }

        var centre = placed.ClientX is { } x && placed.ClientY is { } y ? editor.Camera.ToBoard(x, y) : ((double X, double Y)?)null;
        var element = BoardImageLinks.Element(editor.View, placed.File, centre?.X, centre?.Y, editor.Camera.View);
        await session.ApplyAsync([new ElementChange(ChangeType.Create, element.Id, element)]);
        editor.Select([element.Id]);
        StateHasChanged();
    }
}
