namespace Climaborough.Server.Tests.Labs;

using System.Net;
using System.Net.Http.Json;
using Climaborough.Contracts;
using Climaborough.Testing;

/// <summary>
/// The matrix on a lesson's files: <c>GET /api/lessons/{lessonId}/files/{fileId}</c> answers exactly whom the lesson
/// answers (the same grain decides), for a public and a network lesson published from the private lab, and for a file of
/// that lab which the lesson does not name nobody gets anything. A post's files are its lab's files (the file routes' rows).
/// </summary>
public sealed partial class AuthorizationMatrixTests
{
    public static TheoryData<string, string> LessonFileCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var person in People)
        {
            data.Add(person, nameof(LessonVisibility.Public));
            data.Add(person, nameof(LessonVisibility.Network));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(LessonFileCases))]
    public async Task A_lessons_files_answer_exactly_whom_the_lesson_answers(string person, string visibility)
    {
        using var maria = await TestTokens.ClientAsync(fixture.Url, "maria");
        var labId = fixture.Labs["private"];
        var attached = await UploadImageAsync(maria, labId, "lesson-photo.png");
        var unnamed = await UploadImageAsync(maria, labId, "not-in-the-lesson.png");
        var request = new LessonRequest($"Matrix lesson {Guid.NewGuid():N}", LessonKind.Lesson, "Context.", "Tried.", "Happened.", "Differently.", string.Empty, [], null,
            Enum.Parse<LessonVisibility>(visibility), [attached]);
        using var published = await maria.PostAsJsonAsync($"api/labs/{labId}/lessons", request, BoardJson.Options, Ct);
        published.EnsureSuccessStatusCode();
        var lessonId = (await published.Content.ReadFromJsonAsync<LessonView>(BoardJson.Options, Ct))!.Summary.Id;

        using var http = person == "anonymous" ? new HttpClient { BaseAddress = fixture.Url } : await TestTokens.ClientAsync(fixture.Url, person);
        using var lesson = await http.GetAsync($"api/lessons/{lessonId}", Ct);
        using var file = await http.GetAsync($"api/lessons/{lessonId}/files/{attached}", Ct);
        using var other = await http.GetAsync($"api/lessons/{lessonId}/files/{unnamed}", Ct);

        Assert.Equal(lesson.StatusCode, file.StatusCode);
        if (visibility == nameof(LessonVisibility.Public))
        {
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        }
        else if (person == "anonymous")
        {
            Assert.Equal(HttpStatusCode.NotFound, file.StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.DoesNotContain(unnamed, await other.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}
