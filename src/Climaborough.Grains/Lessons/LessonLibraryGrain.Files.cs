namespace Climaborough.Grains.Lessons;

using Climaborough.Abstractions;
using Climaborough.Abstractions.Files;
using Climaborough.Abstractions.Labs;
using Climaborough.Abstractions.Lessons;

/// <summary>A lesson's files (see <see cref="Abstractions.Lessons.ILessonLibraryGrain.FileAsync"/>).</summary>
public sealed partial class LessonLibraryGrain
{
    public async Task<Outcome<LabFileRecord>> FileAsync(Actor? reader, string lessonId, string fileId)
    {
        // The lesson decides, exactly as for reading it; then only the files it names, of its own lab.
        if (!Lessons.TryGetValue(lessonId, out var lesson) || !MayRead(reader, lesson)
            || !(lesson.Attachments.Any(a => a.FileId == fileId) || lesson.InlineFiles.Contains(fileId)))
        {
            return Refusal.NotFound("There is no such file.");
        }

        return await GrainFactory.GetGrain<IFileLibraryGrain>(lesson.LabId).FindAsync(fileId) is { } file
            ? new Outcome<LabFileRecord>(new LabFileRecord(lesson.LabId, file))
            : Refusal.NotFound("There is no such file.");
    }
}
