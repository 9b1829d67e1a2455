namespace Climaborough.Contracts;

using System.Text.Json.Serialization;

/// <summary>What a library entry is.</summary>
[JsonConverter(typeof(StrictEnumConverter<LessonKind>))]
public enum LessonKind
{
    /// <summary>A lesson learned (what we would do differently).</summary>
    Lesson,

    /// <summary>A good practice (what worked, to copy).</summary>
    GoodPractice,
}

/// <summary>Who may read a lesson.</summary>
[JsonConverter(typeof(StrictEnumConverter<LessonVisibility>))]
public enum LessonVisibility
{
    /// <summary>Signed-in people of partner cities.</summary>
    Network,

    /// <summary>Anyone; also published as open data.</summary>
    Public,
}

/// <summary>Limits of lessons' fields.</summary>
public static class LessonLimits
{
    /// <summary>Title length.</summary>
    public const int MaxTitleLength = 160;

    /// <summary>Length of each of the four narrative fields (Markdown).</summary>
    public const int MaxFieldLength = 8_000;

    /// <summary>Tags per lesson.</summary>
    public const int MaxTags = 10;

    /// <summary>Length of a tag.</summary>
    public const int MaxTagLength = 40;

    /// <summary>Length of a search query.</summary>
    public const int MaxQueryLength = 200;
}

/// <summary>Body of <c>POST /api/labs/{labId}/lessons</c>: the structured fields (Markdown in the four narrative ones).</summary>
public sealed record LessonRequest(
    string Title,
    LessonKind Kind,
    string Context,
    string Tried,
    string Happened,
    string Differently,
    string Theme,
    IReadOnlyList<string> Tags,
    string? SourceBoardId,
    LessonVisibility Visibility,
    IReadOnlyList<string>? Attachments = null);

/// <summary>A city that adopted a lesson, and when.</summary>
public sealed record LessonAdoption(string CityId, string ByName, DateTimeOffset At);

/// <summary>A lesson in search results and open data.</summary>
public sealed record LessonSummary(
    string Id,
    string Title,
    LessonKind Kind,
    string CityId,
    string LabId,
    string Theme,
    IReadOnlyList<string> Tags,
    LessonVisibility Visibility,
    string AuthorName,
    DateTimeOffset PublishedAt,
    IReadOnlyList<string> AdoptedBy,
    string Excerpt);

/// <summary>A lesson in full: its fields as written and as safe HTML (rendered once on the server).</summary>
public sealed record LessonView(
    LessonSummary Summary,
    string Context,
    string Tried,
    string Happened,
    string Differently,
    string ContextHtml,
    string TriedHtml,
    string HappenedHtml,
    string DifferentlyHtml,
    string? SourceBoardId,
    IReadOnlyList<LessonAdoption> Adoptions,
    bool CanAdopt,
    IReadOnlyList<FileAttachment>? Attachments = null);

/// <summary>Body of <c>PUT /api/lessons/{lessonId}/adopted</c>: whether the caller's city adopted it.</summary>
public sealed record AdoptRequest(bool Adopted);

/// <summary>A lesson as open data (public lessons only; plain text fields as written).</summary>
public sealed record OpenLesson(
    string Id,
    string Url,
    string Title,
    string Kind,
    string City,
    string Theme,
    string Tags,
    string Context,
    string Tried,
    string Happened,
    string Differently,
    string AdoptedBy,
    DateTimeOffset PublishedAt);
