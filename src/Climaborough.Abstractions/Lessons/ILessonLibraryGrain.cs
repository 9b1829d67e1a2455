namespace Climaborough.Abstractions.Lessons;

using Climaborough.Abstractions.Labs;
using Climaborough.Contracts;

/// <summary>
/// The network's lessons-learned library (one grain, key <see cref="NetworkKey"/>): the lessons as
/// stored state, and a full-text index (Lucene.NET, English and Bulgarian analysers) kept in memory and
/// rebuilt from that state whenever the grain activates. Publishing asks the source lab for the
/// contributor role; reading follows each lesson's visibility.
/// </summary>
public partial interface ILessonLibraryGrain : IGrainWithStringKey
{
    /// <summary>The one library of the network.</summary>
    public const string NetworkKey = "network";

    /// <summary>Publishes a lesson from <paramref name="labId"/> (contributors of that lab); the lesson's city is the lab's.</summary>
    Task<Outcome<LessonView>> PublishAsync(Actor actor, string labId, LessonRequest request);

    /// <summary>Searches by words (any language the analysers know; operators are taken as text) and filters; newest first without words.</summary>
    Task<IReadOnlyList<LessonSummary>> SearchAsync(Actor? reader, LessonQuery query);

    /// <summary>One lesson, if <paramref name="reader"/> may read it.</summary>
    Task<Outcome<LessonView>> GetAsync(Actor? reader, string lessonId);

    /// <summary>Marks the lesson adopted (or no longer) by the actor's city; idempotent.</summary>
    Task<Outcome<LessonView>> AdoptAsync(Actor actor, string lessonId, bool adopted);

    /// <summary>Every public lesson, oldest first (open data).</summary>
    Task<IReadOnlyList<LessonView>> PublicLessonsAsync();

    /// <summary>Drops the in-memory index and builds it again from the stored lessons; answers how many were indexed.</summary>
    Task<int> RebuildIndexAsync();
}

/// <summary>A library search: words and filters (all optional).</summary>
[GenerateSerializer, Immutable, Alias("climaborough.lesson-query.v1")]
public sealed record LessonQuery(
    [property: Id(0)] string? Text,
    [property: Id(1)] string? CityId,
    [property: Id(2)] string? Theme,
    [property: Id(3)] string? Tag,
    [property: Id(4)] LessonKind? Kind);

/// <summary>Stored lessons.</summary>
[GenerateSerializer, Alias("climaborough.lessons-state.v1")]
public sealed class LessonLibraryState
{
    /// <summary>Lessons by id.</summary>
    [Id(0)] public Dictionary<string, StoredLesson> Lessons { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>A stored lesson.</summary>
[GenerateSerializer, Alias("climaborough.lesson.v1")]
public sealed class StoredLesson
{
    /// <summary>Id.</summary>
    [Id(0)] public string Id { get; set; } = string.Empty;

    /// <summary>The fields as written.</summary>
    [Id(1)] public LessonRequest Request { get; set; } = null!;

    /// <summary>The city that wrote it (the source lab's).</summary>
    [Id(2)] public string CityId { get; set; } = string.Empty;

    /// <summary>The source lab.</summary>
    [Id(3)] public string LabId { get; set; } = string.Empty;

    /// <summary>Author's account id.</summary>
    [Id(4)] public string AuthorId { get; set; } = string.Empty;

    /// <summary>Author's name.</summary>
    [Id(5)] public string AuthorName { get; set; } = string.Empty;

    /// <summary>When published.</summary>
    [Id(6)] public DateTimeOffset PublishedAt { get; set; }

    /// <summary>The four narrative fields as safe HTML: context, tried, happened, differently.</summary>
    [Id(7)] public List<string> Html { get; set; } = [];

    /// <summary>Adopting cities, in order.</summary>
    [Id(8)] public List<LessonAdoption> Adoptions { get; set; } = [];

    /// <summary>Files of the source lab attached to the lesson (read by the lesson's readers).</summary>
    [Id(110)] public List<Files.StoredAttachment> Attachments { get; set; } = [];

    /// <summary>Ids of the source lab's files that the narrative fields show as images (read by the lesson's readers).</summary>
    [Id(111)] public List<string> InlineFiles { get; set; } = [];
}

/// <summary>Lesson ids.</summary>
public static class LessonIds
{
    /// <summary>A new id: <c>s</c> and 12 hex digits.</summary>
    public static string New() => "s" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Whether an id is well-formed.</summary>
    public static bool IsValid(string? id) => LabIds.IsValid(id);
}
