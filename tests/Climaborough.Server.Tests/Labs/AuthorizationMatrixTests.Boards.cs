namespace Climaborough.Server.Tests.Labs;

using System.Net;
using System.Net.Http.Json;
using Climaborough.Contracts;
using Climaborough.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The lab matrix on a lab's boards: every board route and every board hub method, as each person
/// (and the administrator, who is in no lab), on each lab's board. Who may not read the lab gets
/// exactly the answer for a board that does not exist.
/// </summary>
public sealed partial class AuthorizationMatrixTests
{
    private static string[] BoardPeople => [.. People, "admin"];

    /// <summary>Board routes → what they need in the board's lab.</summary>
    public static readonly IReadOnlyDictionary<string, LabAction> BoardRoutes = new Dictionary<string, LabAction>
    {
        ["GET /api/boards/{boardId}"] = LabAction.Read,
        ["GET /api/boards/{boardId}/versions"] = LabAction.Read,
        ["GET /api/boards/{boardId}/versions/{versionSeq}"] = LabAction.Read,
        ["GET /api/boards/{boardId}/export.json"] = LabAction.Read,
        ["GET /api/boards/{boardId}/export.md"] = LabAction.Read,
        ["PUT /api/boards/{boardId}/locked"] = LabAction.Read, // and then its creator or the lab's owners and moderators
    };

    public static TheoryData<string, string, string> BoardRouteCases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var route in BoardRoutes.Keys)
        {
            foreach (var person in BoardPeople)
            {
                foreach (var lab in LabNames)
                {
                    data.Add(route, person, lab);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BoardRouteCases))]
    public async Task Board_routes_of_a_lab_board_answer_only_who_may_read_the_lab(string route, string person, string lab)
    {
        using var http = person == "anonymous" ? new HttpClient { BaseAddress = fixture.Url } : await TestTokens.ClientAsync(fixture.Url, person);
        var boardId = fixture.Boards[lab];
        var (method, template) = (route.Split(' ')[0], route.Split(' ')[1]);
        var missing = "bnosuchboard" + Guid.NewGuid().ToString("N")[..8];

        async Task<(HttpStatusCode Status, string Text)> CallAsync(string id)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), template.Replace("{boardId}", id, StringComparison.Ordinal).Replace("{versionSeq}", "1", StringComparison.Ordinal).TrimStart('/'))
            {
                // Unlocking an unlocked board changes nothing, so the case can run in any order.
                Content = method == "PUT" ? JsonContent.Create(new { locked = false }) : null,
            };
            using var response = await http.SendAsync(request, Ct);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
        }

        var (status, text) = await CallAsync(boardId);
        if (person == "anonymous")
        {
            Assert.Equal(HttpStatusCode.Unauthorized, status);
            return;
        }

        var mayRead = person == "admin" ? lab == "public" : Allowed(LabAction.Read, person, lab);
        if (!mayRead)
        {
            // Exactly what a board that does not exist answers, and nothing of the board.
            var (missingStatus, missingText) = await CallAsync(missing);
            Assert.Equal(HttpStatusCode.NotFound, status);
            Assert.Equal(missingStatus, status);
            Assert.Equal(Untraced(missingText.Replace(missing, "ID", StringComparison.Ordinal)), Untraced(text.Replace(boardId, "ID", StringComparison.Ordinal)));
            Assert.DoesNotContain($"Board of {lab}", text, StringComparison.Ordinal);
            return;
        }

        if (route == "PUT /api/boards/{boardId}/locked")
        {
            // Maria made every board; the lab's owners and moderators may lock it too (the administrator is in no lab).
            var mayLock = person == "maria" || (person != "admin" && Allowed(LabAction.Moderate, person, lab));
            Assert.True((mayLock ? HttpStatusCode.OK : HttpStatusCode.Forbidden) == status, $"{person} on the {lab} lab: {route} gave {(int)status} {text}");
        }
        else if (route.Contains("{versionSeq}", StringComparison.Ordinal))
        {
            // No version is stored yet: a reader is told that, not that the board is missing.
            Assert.Equal(HttpStatusCode.NotFound, status);
            Assert.Contains("no version 1", text, StringComparison.Ordinal);
        }
        else
        {
            Assert.True(status == HttpStatusCode.OK, $"{person} on the {lab} lab: {route} gave {(int)status} {text}");
            Assert.Contains(route.EndsWith("versions", StringComparison.Ordinal) ? "[" : $"Board of {lab}", text, StringComparison.Ordinal);
        }
    }

    public static TheoryData<string, string> LabBoardCreationCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var person in BoardPeople.Where(p => p != "anonymous"))
        {
            foreach (var lab in LabNames)
            {
                data.Add(person, lab);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(LabBoardCreationCases))]
    public async Task Creating_a_board_with_a_lab_id_needs_contribute_in_that_lab(string person, string lab)
    {
        using var http = await TestTokens.ClientAsync(fixture.Url, person);
        var title = $"Placed by {person} {Guid.NewGuid():N}";
        using var response = await http.PostAsJsonAsync("api/boards", new CreateBoardRequest(title, fixture.Labs[lab]), BoardJson.Options, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);

        var expected = person != "admin" && Allowed(LabAction.Contribute, person, lab) ? HttpStatusCode.Created
            : (person == "admin" ? lab == "public" : Allowed(LabAction.Read, person, lab)) ? HttpStatusCode.Forbidden
            : HttpStatusCode.NotFound;
        Assert.True(expected == response.StatusCode, $"{person} on the {lab} lab: expected {(int)expected}, got {(int)response.StatusCode} {text}");

        // Refused: nothing was added to the lab.
        using var maria = await TestTokens.ClientAsync(fixture.Url, "maria");
        var contents = (await maria.GetFromJsonAsync<LabDetails>($"api/labs/{fixture.Labs[lab]}", BoardJson.Options, Ct))!.Contents;
        Assert.Equal(expected == HttpStatusCode.Created, contents.Any(c => c.Title == title));
    }

    public static TheoryData<string, string, string> BoardOpCases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var method in new[] { nameof(ILiveHub.Undo), nameof(ILiveHub.Redo), nameof(ILiveHub.RestoreVersion), nameof(ILiveHub.Edit), nameof(ILiveHub.JoinBoard) })
        {
            foreach (var person in BoardPeople.Where(p => p != "anonymous"))
            {
                foreach (var lab in LabNames)
                {
                    data.Add(method, person, lab);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BoardOpCases))]
    public async Task Board_hub_methods_tell_a_non_reader_exactly_what_a_missing_board_tells(string method, string person, string lab)
    {
        await using var hub = await ConnectAsync(person);
        var missing = "bnosuchboard" + Guid.NewGuid().ToString("N")[..8];

        async Task<(string? Error, EditResult? Result)> CallAsync(string boardId)
        {
            var clientId = "matrix-" + Guid.NewGuid().ToString("N")[..12];
            try
            {
                return method switch
                {
                    nameof(ILiveHub.Undo) or nameof(ILiveHub.Redo) => (null, await hub.InvokeAsync<EditResult>(method, boardId, clientId, 1L, Ct)),
                    nameof(ILiveHub.RestoreVersion) => (null, await hub.InvokeAsync<EditResult>(method, boardId, clientId, 1L, 1L, Ct)),
                    nameof(ILiveHub.JoinBoard) => ((await hub.InvokeAsync<BoardJoin>(method, boardId, 0L, Ct)) is null ? "no answer" : null, null),
                    _ => (null, await hub.InvokeAsync<EditResult>(method, boardId, NewNote(person), Ct)),
                };
            }
            catch (HubException ex)
            {
                return (ex.Message.Replace(boardId, "ID", StringComparison.Ordinal), null);
            }
        }

        var (error, result) = await CallAsync(fixture.Boards[lab]);
        var mayRead = person == "admin" ? lab == "public" : Allowed(LabAction.Read, person, lab);
        var mayEdit = person != "admin" && Allowed(LabAction.Contribute, person, lab);
        if (!mayRead)
        {
            var (missingError, _) = await CallAsync(missing);
            Assert.NotNull(error);
            Assert.Contains(ErrorCodes.NotFound, error, StringComparison.Ordinal);
            Assert.Equal(missingError!.Replace(missing, "ID", StringComparison.Ordinal), error);
        }
        else if (method == nameof(ILiveHub.JoinBoard))
        {
            Assert.Null(error);
        }
        else if (!mayEdit)
        {
            Assert.Null(error);
            Assert.Equal(ErrorCodes.Forbidden, result!.ErrorCode);
        }
        else
        {
            Assert.Null(error);
            Assert.True(result!.Ok || result.ErrorCode is ErrorCodes.NothingToUndo or ErrorCodes.NotFound, $"{person} on {lab}: {method} gave {result.ErrorCode} {result.Error}");
        }
    }

    [Fact]
    public async Task Leaving_a_board_answers_the_same_for_a_private_board_and_a_missing_one()
    {
        await using var olga = await ConnectAsync("olga");
        await olga.InvokeAsync(nameof(ILiveHub.LeaveBoard), fixture.Boards["private"], Ct);
        await olga.InvokeAsync(nameof(ILiveHub.LeaveBoard), "bnosuchboard" + Guid.NewGuid().ToString("N")[..8], Ct);
    }

    [Fact]
    public async Task An_outsider_inviting_to_a_private_lab_cannot_tell_existing_user_names_from_missing_ones()
    {
        using var olga = await TestTokens.ClientAsync(fixture.Url, "olga");
        using var existing = await olga.PostAsJsonAsync($"api/labs/{fixture.Labs["private"]}/invitations", new LabInviteRequest("ivan", null, LabRole.Member), BoardJson.Options, Ct);
        using var missing = await olga.PostAsJsonAsync($"api/labs/{fixture.Labs["private"]}/invitations", new LabInviteRequest("nobody-" + Guid.NewGuid().ToString("N")[..6], null, LabRole.Member), BoardJson.Options, Ct);
        Assert.Equal(HttpStatusCode.NotFound, existing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(Untraced(await missing.Content.ReadAsStringAsync(Ct)), Untraced(await existing.Content.ReadAsStringAsync(Ct)));

        // A member who may read but not moderate is refused before the name is looked up, too.
        using var ivan = await TestTokens.ClientAsync(fixture.Url, "ivan");
        using var member = await ivan.PostAsJsonAsync($"api/labs/{fixture.Labs["private"]}/invitations", new LabInviteRequest("nobody-" + Guid.NewGuid().ToString("N")[..6], null, LabRole.Member), BoardJson.Options, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, member.StatusCode);
    }

    [Fact]
    public async Task A_labs_members_carry_their_user_names_so_look_alike_display_names_can_be_told_apart()
    {
        using var maria = await TestTokens.ClientAsync(fixture.Url, "maria");
        var lab = (await maria.GetFromJsonAsync<LabDetails>($"api/labs/{fixture.Labs["private"]}", BoardJson.Options, Ct))!;

        Assert.Equal("ivan", lab.Members.Single(m => m.UserId == fixture.Ids["ivan"]).UserName);
        Assert.Equal("maria", lab.Members.Single(m => m.UserId == fixture.Ids["maria"]).UserName);
    }

    /// <summary>A problem answer without its per-request trace id.</summary>
    private static string Untraced(string problem) => System.Text.RegularExpressions.Regex.Replace(problem, "\"traceId\":\"[^\"]*\"", string.Empty);

    private Task<HubConnection> ConnectAsync(string person) => TestHubs.ConnectAsync(fixture.Url, person, Ct);
}
