namespace Climaborough.Server.Tests.Labs;

using System.Net;
using System.Net.Http.Json;
using Climaborough.Contracts;
using Climaborough.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// A lab's workshop at a vote step, made by Maria for the matrix: one note on the lab board, a closed vote
/// (results to read, "close" again changes nothing) and an open one (started with <see cref="OpenRequestId"/>,
/// so "start" again answers it), 20 dots each and 20 on one item, so cases run in any order.
/// </summary>
public sealed record MatrixVotes(string SessionId, string ClosedVoteId, string OpenVoteId, string NoteId)
{
    /// <summary>The request id the open vote was started with.</summary>
    public const string OpenRequestId = "matrix-open";

    public static async Task<MatrixVotes> PrepareAsync(Uri url, string labId, string boardId)
    {
        await using var hub = await TestHubs.ConnectAsync(url, "maria");
        await hub.InvokeAsync<BoardJoin>(nameof(ILiveHub.JoinBoard), boardId, 0L);
        var noteId = "mv" + Guid.NewGuid().ToString("N")[..10];
        var edit = await hub.InvokeAsync<EditResult>(nameof(ILiveHub.Edit), boardId, new BoardEdit("matrix-votes-" + noteId, 1,
            [new ElementChange(ChangeType.Create, noteId, new BoardElement(noteId, ElementKind.Note, 0, 0, 10, 10, 0, "#ffffff", "Vote on me", null, null, null, string.Empty, default, default))]));
        Assert.True(edit.Ok, edit.Error);

        using var maria = await TestTokens.ClientAsync(url, "maria");
        using var created = await maria.PostAsJsonAsync($"api/labs/{labId}/sessions", new CreateSessionRequest("Matrix vote", null, null, boardId, [new("Vote", null, 240, SessionStepKind.Vote)]), BoardJson.Options);
        created.EnsureSuccessStatusCode();
        var sessionId = (await created.Content.ReadFromJsonAsync<SessionView>(BoardJson.Options))!.Id;
        using var started = await maria.PostAsJsonAsync($"api/labs/{labId}/sessions/{sessionId}/control", new SessionControlRequest(SessionCommand.Start), BoardJson.Options);
        started.EnsureSuccessStatusCode();

        var closed = await hub.InvokeAsync<VoteAnswer>(nameof(ILiveHub.StartVote), labId, sessionId, new StartVoteRequest("matrix-closed", [noteId], 20, 20));
        Assert.True(closed.Ok, closed.Error);
        Assert.True((await hub.InvokeAsync<VoteAnswer>(nameof(ILiveHub.CloseVote), labId, sessionId, closed.Vote!.Id)).Ok);
        var open = await hub.InvokeAsync<VoteAnswer>(nameof(ILiveHub.StartVote), labId, sessionId, new StartVoteRequest(OpenRequestId, [noteId], 20, 20));
        Assert.True(open.Ok, open.Error);
        return new MatrixVotes(sessionId, closed.Vote.Id, open.Vote!.Id, noteId);
    }
}

/// <summary>The lab matrix on workshops' votes: the vote routes (readers) and hub methods (moderators start and close; contributors place dots).</summary>
public sealed partial class AuthorizationMatrixTests
{
    /// <summary>Vote routes → what they need (all are reads; the closed vote is read).</summary>
    public static readonly IReadOnlyList<string> VoteRoutes =
    [
        "GET /api/labs/{labId}/sessions/{sessionId}/votes/{voteId}",
        "GET /api/labs/{labId}/sessions/{sessionId}/votes/{voteId}/results",
        "GET /api/labs/{labId}/sessions/{sessionId}/votes/{voteId}/results.csv",
    ];

    public static TheoryData<string, string, string> VoteRouteCases() => Cases(VoteRoutes);

    public static TheoryData<string, string, string> VoteHubCases() => Cases([nameof(ILiveHub.StartVote), nameof(ILiveHub.CloseVote), nameof(ILiveHub.PlaceDot), nameof(ILiveHub.RemoveDot)]);

    [Theory]
    [MemberData(nameof(VoteRouteCases))]
    public async Task Vote_routes_answer_exactly_the_readers_of_the_lab(string route, string person, string lab)
    {
        Assert.True(LabRoutes.ContainsKey(route));
        var votes = fixture.Votes[lab];
        using var http = person == "anonymous" ? new HttpClient { BaseAddress = fixture.Url } : await TestTokens.ClientAsync(fixture.Url, person);
        var path = route.Split(' ')[1].TrimStart('/').Replace("{labId}", fixture.Labs[lab], StringComparison.Ordinal)
            .Replace("{sessionId}", votes.SessionId, StringComparison.Ordinal).Replace("{voteId}", votes.ClosedVoteId, StringComparison.Ordinal);
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative), Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);

        var expected = Allowed(LabAction.Read, person, lab) ? HttpStatusCode.OK : HttpStatusCode.NotFound;
        Assert.True(expected == response.StatusCode, $"{person} on the {lab} lab: {route} should be {(int)expected}, got {(int)response.StatusCode} {text}");
        if (expected == HttpStatusCode.NotFound)
        {
            Assert.DoesNotContain(fixture.Labs[lab], text, StringComparison.Ordinal);
            Assert.DoesNotContain("Vote on me", text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(VoteHubCases))]
    public async Task Vote_hub_methods_allow_exactly_what_the_policy_allows(string method, string person, string lab)
    {
        var action = HubMethods[method]!.Value;
        var votes = fixture.Votes[lab];
        var labId = fixture.Labs[lab];
        await using var hub = await TestHubs.ConnectAsync(fixture.Url, person == "anonymous" ? null : person, Ct);

        Task<VoteAnswer> Place(string requestId) =>
            hub.InvokeAsync<VoteAnswer>(nameof(ILiveHub.PlaceDot), labId, votes.SessionId, votes.OpenVoteId, new DotRequest(requestId, votes.NoteId), Ct);

        // Removing needs a dot of one's own: placed first (refused, like the removal, for who may not vote).
        async Task<VoteAnswer> PlaceThenRemoveAsync(string requestId)
        {
            var placed = await Place(requestId);
            var removed = await hub.InvokeAsync<VoteAnswer>(nameof(ILiveHub.RemoveDot), labId, votes.SessionId, votes.OpenVoteId, new DotRequest(requestId + "-remove", votes.NoteId), Ct);
            Assert.True(placed.Ok == removed.Ok, $"placing ({placed.ErrorCode}) and removing ({removed.ErrorCode}) differ");
            return removed;
        }

        VoteAnswer? answer = null;
        string? hubError = null;
        try
        {
            var requestId = "matrix-" + Guid.NewGuid().ToString("N");
            answer = method switch
            {
                nameof(ILiveHub.StartVote) => await hub.InvokeAsync<VoteAnswer>(method, labId, votes.SessionId, new StartVoteRequest(MatrixVotes.OpenRequestId, [votes.NoteId], 20, 20), Ct),
                nameof(ILiveHub.CloseVote) => await hub.InvokeAsync<VoteAnswer>(method, labId, votes.SessionId, votes.ClosedVoteId, Ct),
                nameof(ILiveHub.PlaceDot) => await Place(requestId),
                _ => await PlaceThenRemoveAsync(requestId),
            };
        }
        catch (HubException ex)
        {
            hubError = ex.Message;
        }

        var allowed = Allowed(action, person, lab) && person != "anonymous";
        Assert.True(allowed == (answer?.Ok == true), $"{person} on the {lab} lab: {method} should be {(allowed ? "allowed" : "refused")}, got {answer?.ErrorCode ?? hubError}");
        if (!allowed && person != "anonymous")
        {
            // Readers hear "your role does not allow this"; who may not read hears a missing session's answer.
            if (Allowed(LabAction.Read, person, lab))
            {
                Assert.Equal(ErrorCodes.VoteForbidden, answer?.ErrorCode);
            }
            else
            {
                Assert.Contains(ErrorCodes.NotFound + ":", hubError, StringComparison.Ordinal);
                Assert.DoesNotContain(labId, hubError, StringComparison.Ordinal);
            }
        }
    }
}
