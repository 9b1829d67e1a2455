namespace Climaborough.Abstractions.Boards;

using Climaborough.Abstractions.Labs;
using Climaborough.Abstractions.Lessons;

/// <summary>The images of a board's stored versions (issue 16): a version keeps the files it shows until it is pruned.</summary>
public partial interface IBoardGrain
{
    /// <summary>
    /// The record (and lab) of a file an image of the stored version <paramref name="versionSeq"/> shows, for a reader of
    /// the board: also after the file was deleted from the lab, as long as the version holds it. <c>not-found</c> for a
    /// non-reader, a version that does not exist, a file the version does not show, or one it does not hold.
    /// </summary>
    Task<Outcome<LabFileRecord>> VersionFileAsync(Actor? actor, long versionSeq, string fileId);
}
