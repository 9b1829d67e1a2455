namespace Climaborough.Grains.Lessons;

using Climaborough.Abstractions.Lessons;
using Climaborough.Grains.Text;

/// <summary>The library's full-text index: a <see cref="TextIndex"/> of each lesson's words.</summary>
public static class LessonIndex
{
    /// <summary>An index of the given lessons.</summary>
    public static TextIndex Build(IEnumerable<StoredLesson> lessons) => TextIndex.Build(lessons.Select(l => (l.Id, Words(l))));

    /// <summary>Adds or replaces a lesson.</summary>
    public static void Add(this TextIndex index, StoredLesson lesson)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(lesson);
        index.Add(lesson.Id, Words(lesson));
    }

    private static string Words(StoredLesson lesson)
    {
        var r = lesson.Request;
        return string.Join("\n", [r.Title, r.Context, r.Tried, r.Happened, r.Differently, string.Join(' ', r.Tags), r.Theme.Replace('-', ' '), lesson.AuthorName]);
    }
}
