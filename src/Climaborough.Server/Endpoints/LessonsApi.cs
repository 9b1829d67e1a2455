namespace Climaborough.Server.Endpoints;

using Climaborough.Abstractions;
using System.Globalization;
using System.Security.Claims;
using Climaborough.Abstractions.Lessons;
using Climaborough.Abstractions.Labs;
using Climaborough.Contracts;
using Climaborough.Server.Identity;
using CsvHelper;
using CsvHelper.Configuration;

/// <summary>The network's lessons-learned library over REST, and its public lessons as open data.</summary>
public static class LessonsApi
{
    /// <summary>Maps <c>/api/labs/{labId}/lessons</c>, <c>/api/lessons</c> and <c>/api/open-data/lessons.*</c>.</summary>
    public static IEndpointRouteBuilder MapLessonsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/labs/{labId}/lessons", PublishAsync).RequireAuthorization().WithTags("Lessons").WithName("PublishLesson")
            .WithSummary("Publishes a lesson learned or good practice from a lab (members of that lab).");
        var lessons = app.MapGroup("/api/lessons").WithTags("Lessons");
        lessons.MapGet("/", SearchAsync).AllowAnonymous().WithName("SearchLessons")
            .WithSummary("Searches the library by words (English and Bulgarian stems), city, theme, tag and kind; only lessons the caller may read.");
        lessons.MapGet("/{lessonId}", GetAsync).AllowAnonymous().WithName("GetLesson").WithSummary("One lesson (public ones for anyone, network ones for partner cities).");
        lessons.MapPut("/{lessonId}/adopted", AdoptAsync).RequireAuthorization().WithName("AdoptLesson").WithSummary("Marks the lesson adopted (or not) by the caller's city; idempotent.");
        lessons.MapPost("/index", async (IGrainFactory grains) => Results.Ok(new { indexed = await Library(grains).RebuildIndexAsync() }))
            .RequireAuthorization(PlatformRoles.Admin).WithName("RebuildLessonIndex").WithSummary("Rebuilds the search index from the stored lessons (administrators).");

        var open = app.MapGroup("/api/open-data").WithTags("Open data").AllowAnonymous();
        open.MapGet("/lessons.json", async (HttpContext http, IGrainFactory grains) => Results.Ok(await OpenLessonsAsync(http, grains)))
            .WithName("OpenLessonsJson").WithSummary("Every public lesson as JSON (CC BY 4.0).");
        open.MapGet("/lessons.csv", OpenCsvAsync).WithName("OpenLessonsCsv").WithSummary("Every public lesson as CSV, UTF-8, one row per lesson (CC BY 4.0).");
        return app;
    }

    private static ILessonLibraryGrain Library(IGrainFactory grains) => grains.GetGrain<ILessonLibraryGrain>(ILessonLibraryGrain.NetworkKey);

    private static IResult NoSuchLesson() => Problems.For(new Refusal(ErrorCodes.NotFound, "There is no such lesson."));

    private static async Task<IResult> PublishAsync(string labId, LessonRequest request, CurrentActor caller, IGrainFactory grains)
    {
        if (!LabIds.IsValid(labId))
        {
            return LabsApi.NoSuchLab();
        }

        var outcome = await Library(grains).PublishAsync(caller.Required, labId, request);
        return Problems.Created($"/api/lessons/{outcome.Value?.Summary.Id}", outcome);
    }

    private static async Task<IResult> SearchAsync(string? q, string? city, string? theme, string? tag, string? kind, CurrentActor caller, IGrainFactory grains)
    {
        if (q is { Length: > LessonLimits.MaxQueryLength })
        {
            return Problems.Invalid("q", $"A search is at most {LessonLimits.MaxQueryLength} characters.");
        }

        LessonKind? parsedKind = null;
        if (!string.IsNullOrEmpty(kind))
        {
            if (!Enum.TryParse<LessonKind>(kind, ignoreCase: true, out var k) || !Enum.IsDefined(k))
            {
                return Problems.Invalid("kind", "Lesson or GoodPractice.");
            }

            parsedKind = k;
        }

        var query = new LessonQuery(q, Blank(city), Blank(theme), Blank(tag), parsedKind);
        return Results.Ok(await Library(grains).SearchAsync(caller.Actor, query));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim()[..Math.Min(value.Trim().Length, 80)];

    private static async Task<IResult> GetAsync(string lessonId, CurrentActor caller, IGrainFactory grains) =>
        LessonIds.IsValid(lessonId) ? Problems.Answer(await Library(grains).GetAsync(caller.Actor, lessonId)) : NoSuchLesson();

    private static async Task<IResult> AdoptAsync(string lessonId, AdoptRequest request, CurrentActor caller, IGrainFactory grains) =>
        LessonIds.IsValid(lessonId) && request is not null ? Problems.Answer(await Library(grains).AdoptAsync(caller.Required, lessonId, request.Adopted)) : NoSuchLesson();

    private static async Task<IReadOnlyList<OpenLesson>> OpenLessonsAsync(HttpContext http, IGrainFactory grains)
    {
        var origin = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";
        return [.. (await Library(grains).PublicLessonsAsync()).Select(l => new OpenLesson(
            l.Summary.Id,
            $"{origin}/lessons/{l.Summary.Id}",
            l.Summary.Title,
            l.Summary.Kind == LessonKind.GoodPractice ? "good-practice" : "lesson",
            l.Summary.CityId,
            l.Summary.Theme,
            string.Join(';', l.Summary.Tags),
            l.Context,
            l.Tried,
            l.Happened,
            l.Differently,
            string.Join(';', l.Summary.AdoptedBy),
            l.Summary.PublishedAt))];
    }

    private static async Task OpenCsvAsync(HttpContext http, IGrainFactory grains)
    {
        var lessons = await OpenLessonsAsync(http, grains);
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = "inline; filename=\"climaborough-lessons.csv\"";
        await using var writer = new StreamWriter(http.Response.Body, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        // A cell starting with = + - @ tab or CR would be a formula in a spreadsheet: CsvHelper prefixes it
        // with ' (and quotes it), so "=HYPERLINK(…)" arrives as the text '=HYPERLINK(…).
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape };
        await using var csv = new CsvWriter(writer, config);
        await csv.WriteRecordsAsync(lessons, http.RequestAborted);
    }
}
