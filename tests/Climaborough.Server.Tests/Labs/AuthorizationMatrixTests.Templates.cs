namespace Climaborough.Server.Tests.Labs;

using System.Net;
using System.Net.Http.Json;
using Climaborough.Contracts;
using Climaborough.Testing;

/// <summary>
/// The matrix on workshop templates: saving a lab's workshop as a template (moderators and owners of that lab: 201; readers
/// who may not 403; who may not read 404; nobody 401), the list (anyone signed in) and deleting one (its author or an
/// administrator; anyone else signed in 403).
/// </summary>
public sealed partial class AuthorizationMatrixTests
{
    public static TheoryData<string, string, string> TemplateCases() => Cases(["POST /api/labs/{labId}/sessions/{sessionId}/template"]);

    [Theory]
    [MemberData(nameof(TemplateCases))]
    public async Task Saving_a_workshop_as_a_template_allows_exactly_the_labs_moderators(string route, string person, string lab)
    {
        Assert.True(LabRoutes.ContainsKey(route));
        var labId = fixture.Labs[lab];
        using var http = person == "anonymous" ? new HttpClient { BaseAddress = fixture.Url } : await TestTokens.ClientAsync(fixture.Url, person);
        var name = $"Matrix template {person} {lab} {Guid.NewGuid():N}";
        var path = $"api/labs/{labId}/sessions/{fixture.Sessions[lab]}/template";
        using var response = await http.PostAsJsonAsync(path, new SaveTemplateRequest("matrix-" + Guid.NewGuid().ToString("N")[..12], name, null), BoardJson.Options, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);

        var allowed = Allowed(LabAction.Moderate, person, lab) && person != "anonymous";
        var expected = allowed ? HttpStatusCode.Created : person == "anonymous" ? HttpStatusCode.Unauthorized : Allowed(LabAction.Read, person, lab) ? HttpStatusCode.Forbidden : HttpStatusCode.NotFound;
        Assert.True(expected == response.StatusCode, $"{person} on the {lab} lab: {route} should be {(int)expected}, got {(int)response.StatusCode} {text}");
        if (!allowed)
        {
            Assert.DoesNotContain(labId, text, StringComparison.Ordinal);
        }

        using var maria = await TestTokens.ClientAsync(fixture.Url, "maria");
        var list = (await maria.GetFromJsonAsync<WorkshopTemplateView[]>("api/workshop-templates", BoardJson.Options, Ct))!;
        Assert.Equal(allowed, list.Any(t => t.Name == name));
    }

    [Fact]
    public async Task Every_signed_in_person_lists_templates_and_only_the_author_or_an_administrator_deletes_one()
    {
        using var elena = await TestTokens.ClientAsync(fixture.Url, "elena");
        async Task<string> SaveAsync()
        {
            using var saved = await elena.PostAsJsonAsync($"api/labs/{fixture.Labs["private"]}/sessions/{fixture.Sessions["private"]}/template",
                new SaveTemplateRequest("matrix-" + Guid.NewGuid().ToString("N")[..12], "Matrix deletion", null), BoardJson.Options, Ct);
            Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
            return (await saved.Content.ReadFromJsonAsync<WorkshopTemplateView>(BoardJson.Options, Ct))!.Id;
        }

        var (byAuthor, byAdmin) = (await SaveAsync(), await SaveAsync());
        foreach (var person in People)
        {
            using var http = person == "anonymous" ? new HttpClient { BaseAddress = fixture.Url } : await TestTokens.ClientAsync(fixture.Url, person);
            using var listed = await http.GetAsync(new Uri("api/workshop-templates", UriKind.Relative), Ct);
            Assert.Equal(person == "anonymous" ? HttpStatusCode.Unauthorized : HttpStatusCode.OK, listed.StatusCode);
            if (person is "elena" or "admin")
            {
                continue;
            }

            using var deleted = await http.DeleteAsync(new Uri($"api/workshop-templates/{byAuthor}", UriKind.Relative), Ct);
            Assert.True((person == "anonymous" ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden) == deleted.StatusCode, $"{person} deleting another's template: {(int)deleted.StatusCode}");
        }

        Assert.Equal(HttpStatusCode.OK, (await elena.DeleteAsync(new Uri($"api/workshop-templates/{byAuthor}", UriKind.Relative), Ct)).StatusCode);
        using var admin = await TestTokens.ClientAsync(fixture.Url, "admin");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(new Uri("api/workshop-templates", UriKind.Relative), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync(new Uri($"api/workshop-templates/{byAdmin}", UriKind.Relative), Ct)).StatusCode);
    }
}
