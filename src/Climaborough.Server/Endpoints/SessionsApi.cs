namespace Climaborough.Server.Endpoints;

using Climaborough.Abstractions;
using System.Globalization;
using System.Security.Claims;
using Climaborough.Abstractions.Sessions;
using Climaborough.Abstractions.Labs;
using Climaborough.Contracts;
using CsvHelper;
using CsvHelper.Configuration;

/// <summary>
/// Live workshops (sessions) of a lab over REST. Routes sit under the lab so every one is a row of the
/// living-lab authorization matrix; the session grain asks the lab for each call.
/// </summary>
public static class SessionsApi
{
    /// <summary>Maps <c>/api/labs/{labId}/sessions</c>.</summary>
    public static IEndpointRouteBuilder MapSessionsApi(this IEndpointRouteBuilder app)
    {
        var sessions = app.MapGroup("/api/labs/{labId}/sessions").WithTags("Workshops");
        sessions.MapGet("/", ListAsync).AllowAnonymous().WithName("ListSessions").WithSummary("A lab's workshops, upcoming first (readers).");
        sessions.MapPost("/", CreateAsync).RequireAuthorization().WithName("CreateSession").WithSummary("Prepares a workshop: title, purpose, start, board and run-sheet (moderators).");
        sessions.MapGet("/{sessionId}", GetAsync).AllowAnonymous().WithName("GetSession").WithSummary("A workshop: run-sheet, current step and timer (readers).");
        sessions.MapPut("/{sessionId}", UpdateAsync).RequireAuthorization().WithName("UpdateSession").WithSummary("Replaces a workshop's title, purpose, start, board and run-sheet before it starts (moderators).");
        sessions.MapPost("/{sessionId}/control", ControlAsync).RequireAuthorization().WithName("ControlSession")
            .WithSummary("Starts, advances, goes back, skips, pauses, resumes, extends or ends a workshop (moderators).");
        sessions.MapGet("/{sessionId}/votes/{voteId}", GetVoteAsync).AllowAnonymous().WithName("GetSessionVote")
            .WithSummary("A dot vote as the caller may see it: their own dots, the voter count for moderators, the ranking once closed (readers).");
        sessions.MapGet("/{sessionId}/votes/{voteId}/results", ResultsAsync).AllowAnonymous().WithName("GetSessionVoteResults")
            .WithSummary("A closed vote's ranking: items with their text and dots, ties sharing a rank (readers; 409 while open).");
        sessions.MapGet("/{sessionId}/votes/{voteId}/results.csv", ResultsCsvAsync).AllowAnonymous().WithName("GetSessionVoteResultsCsv")
            .WithSummary("A closed vote's ranking as CSV, UTF-8 (readers; 409 while open).");
        sessions.MapSessionOutcome();
        sessions.MapSessionPrivacyApi();
        sessions.MapSessionContributions();
        sessions.MapSessionTemplates();
        return app;
    }

    private static IResult NotFound(string? sessionId) => Problems.For(new Refusal(ErrorCodes.NotFound, $"There is no session '{sessionId}'."));

    private static async Task<IResult> ListAsync(string labId, CurrentActor caller, IGrainFactory grains)
    {
        var (list, refusal) = await LabsApi.ContentsAsync(labId, "session", caller, grains, id => grains.GetGrain<ISessionGrain>(id).SummaryAsync(labId));
        if (list is null)
        {
            return refusal!;
        }

        // Upcoming and running first (soonest first), then the ended ones (newest first).
        return Results.Ok(list
            .OrderBy(s => s.Phase == SessionPhase.Ended)
            .ThenBy(s => s.Phase == SessionPhase.Ended ? DateTimeOffset.MaxValue - (s.ScheduledStart ?? s.CreatedAt) : TimeSpan.Zero)
            .ThenBy(s => s.ScheduledStart ?? s.CreatedAt)
            .ToList());
    }

    private static async Task<IResult> CreateAsync(string labId, CreateSessionRequest request, CurrentActor caller, IGrainFactory grains)
    {
        if (!LabIds.IsValid(labId))
        {
            return LabsApi.NoSuchLab();
        }

        var id = SessionIds.New();
        var outcome = await grains.GetGrain<ISessionGrain>(id).CreateAsync(caller.Required, labId, request);
        return Problems.Created($"/api/labs/{labId}/sessions/{id}", outcome);
    }

    private static async Task<IResult> GetAsync(string labId, string sessionId, CurrentActor caller, IGrainFactory grains) =>
        LabIds.IsValid(labId) && SessionIds.IsValid(sessionId)
            ? Problems.Answer(await grains.GetGrain<ISessionGrain>(sessionId).ViewAsync(caller.Actor, labId))
            : NotFound(sessionId);

    private static async Task<IResult> UpdateAsync(string labId, string sessionId, CreateSessionRequest request, CurrentActor caller, IGrainFactory grains) =>
        LabIds.IsValid(labId) && SessionIds.IsValid(sessionId)
            ? Problems.Answer(await grains.GetGrain<ISessionGrain>(sessionId).UpdateAsync(caller.Required, labId, request))
            : NotFound(sessionId);

    private static async Task<IResult> ControlAsync(string labId, string sessionId, SessionControlRequest request, CurrentActor caller, IGrainFactory grains) =>
        LabIds.IsValid(labId) && SessionIds.IsValid(sessionId) && request is not null
            ? Problems.Answer(await grains.GetGrain<ISessionGrain>(sessionId).ControlAsync(caller.Required, labId, request))
            : NotFound(sessionId);

    private static async Task<IResult> GetVoteAsync(string labId, string sessionId, string voteId, CurrentActor caller, IGrainFactory grains) =>
        LabIds.IsValid(labId) && SessionIds.IsValid(sessionId) && SessionIds.IsValidVote(voteId)
            ? Problems.Answer(await grains.GetGrain<ISessionGrain>(sessionId).VoteAsync(caller.Actor, labId, voteId))
            : NotFound(sessionId);

    private static async Task<IResult> ResultsAsync(string labId, string sessionId, string voteId, CurrentActor caller, IGrainFactory grains) =>
        LabIds.IsValid(labId) && SessionIds.IsValid(sessionId) && SessionIds.IsValidVote(voteId)
            ? Problems.Answer(await grains.GetGrain<ISessionGrain>(sessionId).ResultsAsync(caller.Actor, labId, voteId))
            : NotFound(sessionId);

    private static async Task<IResult> ResultsCsvAsync(string labId, string sessionId, string voteId, CurrentActor caller, IGrainFactory grains)
    {
        if (!LabIds.IsValid(labId) || !SessionIds.IsValid(sessionId) || !SessionIds.IsValidVote(voteId))
        {
            return NotFound(sessionId);
        }

        var outcome = await grains.GetGrain<ISessionGrain>(sessionId).ResultsAsync(caller.Actor, labId, voteId);
        if (!outcome.Ok)
        {
            return Problems.Answer(outcome);
        }

        var results = outcome.Value!;
        return Results.Stream(
            async (Stream body) =>
            {
                await using var writer = new StreamWriter(body, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false));

                // Item texts are participants' words: a cell starting with = + - @ would be a spreadsheet formula,
                // so CsvHelper escapes it (a leading ').
                var config = new CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape };
                await using var csv = new CsvWriter(writer, config);
                await csv.WriteRecordsAsync(results.Ranking.Select(r => new VoteCsvRow(r.Rank, r.Tied, r.Text, r.Dots, r.Id)));
            },
            "text/csv; charset=utf-8",
            $"vote-{results.VoteId}.csv");
    }

    /// <summary>One row of the results CSV (the header is these names).</summary>
    private sealed record VoteCsvRow(int Rank, bool Tied, string Item, int Dots, string ElementId);
}
