namespace Climaborough.Grains.Boards;

using Climaborough.Abstractions;
using Climaborough.Abstractions.Files;
using Climaborough.Abstractions.Labs;
using Climaborough.Abstractions.Lessons;
using Climaborough.Contracts;

/// <summary>
/// Images of stored versions: before a version is stored, the board's lab is told which of its files the version shows
/// (<see cref="IFileLibraryGrain.HoldAsync"/>), so deleting such a file keeps its bytes for that version (docs/security.md,
/// "Images on boards"); the version's view reads them through <see cref="VersionFileAsync"/>.
/// </summary>
public sealed partial class BoardGrain
{
    public async Task<Outcome<LabFileRecord>> VersionFileAsync(Actor? actor, long versionSeq, string fileId)
    {
        var (refused, viewer) = await ReaderAsync(actor);
        if (refused is not null)
        {
            return refused;
        }

        if (state.State.LabId is not { } labId || !FileLimits.IsValidId(fileId) || await snapshots.ReadAsync(state.State, versionSeq) is not { } version
            || !version.Elements.Any(e => e.Kind == ElementKind.Image && !e.Deleted && e.FileRef == fileId && privacy.Sees(viewer, e.Id, version.Seq)))
        {
            return Refusal.NotFound("There is no such file.");
        }

        // Held by this version (deleted since or not), or, for a version stored before versions held their files, still a file of the lab.
        var library = GrainFactory.GetGrain<IFileLibraryGrain>(labId);
        var file = await library.FindHeldAsync(FileHolders.BoardVersion(Id, version.Seq), fileId) ?? await library.FindAsync(fileId);
        return file is not null ? new Outcome<LabFileRecord>(new LabFileRecord(labId, file)) : Refusal.NotFound("There is no such file.");
    }

    /// <summary>Tells the board's lab which of its files the version about to be stored at <paramref name="seq"/> shows.</summary>
    private async Task HoldVersionFilesAsync(long seq, IEnumerable<BoardElement> elements)
    {
        if (state.State.LabId is not { } labId)
        {
            return;
        }

        var shown = elements.Where(e => e.Kind == ElementKind.Image && !e.Deleted && FileLimits.IsValidId(e.FileRef)).Select(e => e.FileRef!).Distinct(StringComparer.Ordinal).ToList();
        if (shown.Count > 0)
        {
            await GrainFactory.GetGrain<IFileLibraryGrain>(labId).HoldAsync(FileHolders.BoardVersion(Id, seq), shown);
        }
    }
}
