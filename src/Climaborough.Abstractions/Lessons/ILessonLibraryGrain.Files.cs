namespace Climaborough.Abstractions.Lessons;

using Climaborough.Abstractions.Files;
using Climaborough.Abstractions.Labs;

/// <summary>A lesson's files: read by whoever may read the lesson (a public lesson's by anyone), not by the source lab's matrix.</summary>
public partial interface ILessonLibraryGrain
{
    /// <summary>
    /// The record (and lab) of a file the lesson attaches or shows as an image, if <paramref name="reader"/> may read the lesson;
    /// <c>not-found</c> for a lesson they may not read, a file the lesson does not name, or one deleted since.
    /// </summary>
    Task<Outcome<LabFileRecord>> FileAsync(Actor? reader, string lessonId, string fileId);
}

/// <summary>A file's record and the lab it belongs to.</summary>
[GenerateSerializer, Immutable, Alias("climaborough.lab-file-record.v1")]
public sealed record LabFileRecord([property: Id(0)] string LabId, [property: Id(1)] StoredLabFile File);
