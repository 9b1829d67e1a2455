namespace Climaborough.Server.Tests.Pilots;

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Climaborough.Contracts;
using Climaborough.Server.Tests.Discussions;

/// <summary>
/// A pilot's status set by hand over REST on a real node (the private "Circular Sofia" lab of
/// <see cref="DiscussionNode"/>: Maria owner, Elena moderator, Ivan member, Giulia observer, Olga outside).
/// </summary>
[Collection("discussions")]
public sealed class PilotStatusApiTests(DiscussionNode lab)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_moderator_sets_the_status_with_a_reason_readers_see_who_and_why_and_bad_input_changes_nothing()
    {
        using var maria = await lab.As("maria");
        using var created = await maria.PostAsJsonAsync("api/pilots", new CreatePilotRequest(lab.LabId, LabThemes.WasteToCircularity, "Overridden", string.Empty, PilotStage.CoCreate), BoardJson.Options, Ct);
        var id = (await created.Content.ReadFromJsonAsync<PilotView>(BoardJson.Options, Ct))!.Summary.Id;

        using var elena = await lab.As("elena");
        using var set = await elena.PutAsync($"api/pilots/{id}/status", Json("""{"status":"AtRisk","reason":"The council vote on the budget moved to March."}"""), Ct);
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);

        async Task<JsonElement> RefusedAsync(string json)
        {
            using var response = await maria.PutAsync($"api/pilots/{id}/status", Json(json), Ct);
            var text = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{json}: {(int)response.StatusCode} {text}");
            return JsonDocument.Parse(text).RootElement.GetProperty("errors");
        }

        Assert.True((await RefusedAsync("""{"status":"Done"}""")).TryGetProperty("reason", out _));
        Assert.True((await RefusedAsync("""{"status":"Done","reason":"   "}""")).TryGetProperty("reason", out _));
        Assert.True((await RefusedAsync($$"""{"status":"Done","reason":"{{new string('x', PilotStatusLimits.MaxReasonLength + 1)}}"}""")).TryGetProperty("reason", out _));
        Assert.NotEmpty((await RefusedAsync("""{"status":3,"reason":"A number is not a status"}""")).EnumerateObject()); // enums by name only
        Assert.NotEmpty((await RefusedAsync("""{"status":"Finished","reason":"Not a status"}""")).EnumerateObject());

        using var ivan = await lab.As("ivan");
        using var member = await ivan.PutAsync($"api/pilots/{id}/status", Json("""{"status":"Done","reason":"Members may not"}"""), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, member.StatusCode);
        using var olga = await lab.As("olga");
        using var outsider = await olga.PutAsync($"api/pilots/{id}/status", Json("""{"status":"Done","reason":"Outsiders may not"}"""), Ct);
        Assert.Equal(HttpStatusCode.NotFound, outsider.StatusCode);

        using var giulia = await lab.As("giulia");
        var seen = (await giulia.GetFromJsonAsync<PilotView>($"api/pilots/{id}", BoardJson.Options, Ct))!;
        Assert.Equal(PilotStatus.AtRisk, seen.Summary.Status);
        Assert.Equal(PilotStatus.OnTrack, seen.DerivedStatus);
        Assert.Equal(("The council vote on the budget moved to March.", "Elena Dimitrova"), (seen.StatusOverride!.Reason, seen.StatusOverride.By));
        Assert.Equal(PilotStatus.AtRisk, Assert.Single((await giulia.GetFromJsonAsync<PilotSummary[]>("api/pilots?city=sofia", BoardJson.Options, Ct))!, p => p.Id == id).Status);
        var json = await giulia.GetStringAsync($"api/pilots/{id}", Ct);
        Assert.Contains("\"derivedStatus\":\"OnTrack\"", json, StringComparison.Ordinal);

        using var cleared = await maria.PutAsync($"api/pilots/{id}/status", Json("""{"status":null}"""), Ct);
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        var back = (await giulia.GetFromJsonAsync<PilotView>($"api/pilots/{id}", BoardJson.Options, Ct))!;
        Assert.Null(back.StatusOverride);
        Assert.Equal(PilotStatus.OnTrack, back.Summary.Status);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
