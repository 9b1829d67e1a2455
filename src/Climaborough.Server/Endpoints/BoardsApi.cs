namespace Climaborough.Server.Endpoints;

using System.Security.Claims;
using Climaborough.Abstractions.Boards;
using Climaborough.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

/// <summary>
/// REST for boards (live editing is on the hub). Signed-in users only; until living labs bring their
/// policy (issue 6) any signed-in user may open a board whose id they know, and only its owner locks it.
/// </summary>
public static class BoardsApi
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapBoardsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/boards").WithTags("Boards").RequireAuthorization();
        group.MapPost("/", CreateAsync).WithName("CreateBoard").WithSummary("Creates a board.").ProducesValidationProblem();
        group.MapGet("/{boardId}", GetAsync).WithName("GetBoard").WithSummary("A board's metadata.");
        group.MapGet("/{boardId}/versions", VersionsAsync).WithName("ListBoardVersions").WithSummary("Stored versions, oldest first.");
        group.MapGet("/{boardId}/versions/{versionSeq:long}", VersionAsync).WithName("GetBoardVersion").WithSummary("A stored version's elements, to preview it.");
        group.MapGet("/{boardId}/export.json", ExportJsonAsync).WithName("ExportBoardJson").WithSummary("Full-fidelity export, re-importable.");
        group.MapGet("/{boardId}/export.md", ExportMarkdownAsync).WithName("ExportBoardMarkdown").WithSummary("Outline: frames as headings, notes as bullets.");
        group.MapPost("/import", ImportAsync).WithName("ImportBoard").WithSummary("Creates a new board from a JSON export.");
        group.MapPut("/{boardId}/locked", LockAsync).WithName("LockBoard").WithSummary("Locks or unlocks editing (owner only).");
        return app;
    }

    private static async Task<Results<Created<BoardInfo>, ValidationProblem>> CreateAsync(CreateBoardRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (TitleProblem(request?.Title) is { } problem)
        {
            return problem;
        }

        var id = BoardIds.New();
        var board = await grains.GetGrain<IBoardGrain>(id).CreateAsync(request!.Title, request.LabId, UserId(user));
        return TypedResults.Created($"/api/boards/{id}", board);
    }

    private static async Task<Results<Ok<BoardInfo>, ProblemHttpResult>> GetAsync(string boardId, IGrainFactory grains) =>
        await FindAsync(boardId, grains) is { } found ? TypedResults.Ok(found.Info) : NotFound(boardId);

    private static async Task<Results<Ok<IReadOnlyList<BoardVersion>>, ProblemHttpResult>> VersionsAsync(string boardId, IGrainFactory grains) =>
        await FindAsync(boardId, grains) is { } found ? TypedResults.Ok(await found.Grain.ListVersionsAsync()) : NotFound(boardId);

    private static async Task<Results<Ok<BoardSnapshot>, ProblemHttpResult>> VersionAsync(string boardId, long versionSeq, IGrainFactory grains) =>
        await FindAsync(boardId, grains) is { } found
            ? await found.Grain.GetVersionAsync(versionSeq) is { } version
                ? TypedResults.Ok(version)
                : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Version not found", detail: $"Board '{boardId}' has no version {versionSeq}.")
            : NotFound(boardId);

    private static async Task<Results<Ok<BoardExport>, ProblemHttpResult>> ExportJsonAsync(string boardId, IGrainFactory grains) =>
        await FindAsync(boardId, grains) is { } found ? TypedResults.Ok(await found.Grain.ExportAsync()) : NotFound(boardId);

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> ExportMarkdownAsync(string boardId, IGrainFactory grains) =>
        await FindAsync(boardId, grains) is { } found
            ? TypedResults.Text(BoardMarkdown.Render(await found.Grain.ExportAsync()), "text/markdown; charset=utf-8")
            : NotFound(boardId);

    private static async Task<Results<Created<BoardInfo>, ValidationProblem, ProblemHttpResult>> ImportAsync(BoardExport export, string? title, ClaimsPrincipal user, IGrainFactory grains)
    {
        var name = string.IsNullOrWhiteSpace(title) ? export?.Title : title;
        if (TitleProblem(name) is { } problem)
        {
            return problem;
        }

        var id = BoardIds.New();
        var (board, result) = await grains.GetGrain<IBoardGrain>(id).ImportAsync(name!, null, UserId(user), export!);
        if (board is null || !result.Ok)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The export cannot be imported", detail: result.Error, extensions: new Dictionary<string, object?> { ["code"] = result.ErrorCode });
        }

        return TypedResults.Created($"/api/boards/{id}", board);
    }

    private static async Task<Results<Ok<BoardInfo>, ProblemHttpResult>> LockAsync(string boardId, LockRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (await FindAsync(boardId, grains) is not { } found)
        {
            return NotFound(boardId);
        }

        var result = await found.Grain.SetLockedAsync(UserId(user), request.Locked);
        return result.Ok
            ? TypedResults.Ok((await found.Grain.GetInfoAsync())!)
            : TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: result.Error);
    }

    private static async Task<(IBoardGrain Grain, BoardInfo Info)?> FindAsync(string boardId, IGrainFactory grains)
    {
        if (!BoardIds.IsValid(boardId))
        {
            return null;
        }

        var grain = grains.GetGrain<IBoardGrain>(boardId);
        return await grain.GetInfoAsync() is { } info ? (grain, info) : null;
    }

    private static ValidationProblem? TitleProblem(string? title) =>
        string.IsNullOrWhiteSpace(title) || title.Length > BoardLimits.MaxTitleLength
            ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["title"] = [$"A title is 1 to {BoardLimits.MaxTitleLength} characters."] })
            : null;

    private static ProblemHttpResult NotFound(string boardId) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Board not found", detail: $"There is no board '{boardId}'.");

    private static string UserId(ClaimsPrincipal user) => Identity.CurrentUser.Id(user)!;

    /// <summary>Body of <c>PUT /api/boards/{id}/locked</c>.</summary>
    public sealed record LockRequest(bool Locked);
}

/// <summary>The Markdown outline of a board: frames as headings, what lies in them as bullets.</summary>
public static class BoardMarkdown
{
    /// <summary>Renders the outline.</summary>
    public static string Render(BoardExport board)
    {
        var sb = new System.Text.StringBuilder();
        sb.Append("# ").AppendLine(Line(board.Title)).AppendLine();
        var live = board.Elements.Where(e => !e.Deleted).ToList();
        var frames = live.Where(e => e.Kind == ElementKind.Frame).OrderBy(e => e.Y).ThenBy(e => e.X).ToList();
        var items = live.Where(e => e.Kind is not (ElementKind.Frame or ElementKind.Connector) && e.Text.Length > 0).ToList();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var frame in frames)
        {
            sb.Append("## ").AppendLine(frame.Text.Length > 0 ? Line(frame.Text) : "(untitled frame)").AppendLine();
            foreach (var item in items.Where(i => !placed.Contains(i.Id) && BoardGeometry.IsInside(i, frame)).OrderBy(i => i.Y).ThenBy(i => i.X))
            {
                sb.Append("- ").AppendLine(Line(item.Text));
                placed.Add(item.Id);
            }

            sb.AppendLine();
        }

        var rest = items.Where(i => !placed.Contains(i.Id)).OrderBy(i => i.Y).ThenBy(i => i.X).ToList();
        if (rest.Count > 0)
        {
            if (frames.Count > 0)
            {
                sb.AppendLine("## Outside frames").AppendLine();
            }

            foreach (var item in rest)
            {
                sb.Append("- ").AppendLine(Line(item.Text));
            }

            sb.AppendLine();
        }

        var byId = live.ToDictionary(e => e.Id, StringComparer.Ordinal);
        var links = live.Where(e => e.Kind == ElementKind.Connector && e.From is not null && e.To is not null && byId.ContainsKey(e.From) && byId.ContainsKey(e.To)).ToList();
        if (links.Count > 0)
        {
            sb.AppendLine("## Connections").AppendLine();
            foreach (var link in links)
            {
                sb.Append("- ").Append(Line(Label(byId[link.From!]))).Append(" → ").AppendLine(Line(Label(byId[link.To!])));
            }

            sb.AppendLine();
        }

        return sb.ToString().TrimEnd() + "\n";
    }

    private static string Label(BoardElement e) => e.Text.Length > 0 ? e.Text : $"({e.Kind.ToString().ToLowerInvariant()})";

    // One line each; characters Markdown would act on are escaped, so that note text stays text.
    private static string Line(string text)
    {
        var flat = string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        var sb = new System.Text.StringBuilder(flat.Length + 8);
        foreach (var c in flat)
        {
            if ("\\`*_[]<>|".Contains(c, StringComparison.Ordinal))
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        // A line that would start a list, heading, quote or numbered item is made plain.
        var line = sb.ToString();
        return line.Length > 0 && ("#+-=".Contains(line[0], StringComparison.Ordinal) || StartsNumbered(line)) ? "\\" + line : line;
    }

    private static bool StartsNumbered(string line)
    {
        var digits = line.TakeWhile(char.IsAsciiDigit).Count();
        return digits > 0 && digits < line.Length && line[digits] is '.' or ')';
    }
}
