namespace Climaborough.Server.Endpoints;

using Climaborough.Abstractions;
using System.Security.Claims;
using Climaborough.Abstractions.Boards;
using Climaborough.Abstractions.Users;
using Climaborough.Contracts;
using Climaborough.Abstractions.Labs;
using Climaborough.Abstractions.Comments;

/// <summary>
/// REST for boards (live editing is on the hub). Signed-in users only. Thin: the board grain decides
/// (asking its lab): who may not read a board gets exactly the 404 of a board that does not exist.
/// </summary>
public static class BoardsApi
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapBoardsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/boards").WithTags("Boards").RequireAuthorization();
        group.MapPost("/", CreateAsync).WithName("CreateBoard").WithSummary("Creates a board (in a lab: needs the member role there).").ProducesValidationProblem();
        group.MapGet("/{boardId}", GetAsync).WithName("GetBoard").WithSummary("A board's metadata.");
        group.MapGet("/{boardId}/versions", VersionsAsync).WithName("ListBoardVersions").WithSummary("Stored versions, oldest first.");
        group.MapGet("/{boardId}/versions/{versionSeq:long}", VersionAsync).WithName("GetBoardVersion").WithSummary("A stored version's elements, to preview it.");
        group.MapGet("/{boardId}/export.json", ExportJsonAsync).WithName("ExportBoardJson").WithSummary("Full-fidelity export, re-importable.");
        group.MapGet("/{boardId}/export.md", ExportMarkdownAsync).WithName("ExportBoardMarkdown").WithSummary("Outline: frames as headings, notes as bullets.");
        group.MapPost("/import", ImportAsync).WithName("ImportBoard").WithSummary("Creates a new board from a JSON export.");
        group.MapPut("/{boardId}/locked", LockAsync).WithName("LockBoard").WithSummary("Locks or unlocks editing (its creator; on a lab's board also the lab's owners and moderators).");
        return app;
    }

    /// <summary>Creates a board; in a lab it needs Contribute there (404 when the lab is not visible, 403 when read-only).</summary>
    public static async Task<IResult> CreateAsync(CreateBoardRequest request, CurrentActor caller, IGrainFactory grains)
    {
        if (TitleProblem(request?.Title) is { } problem)
        {
            return problem;
        }

        var actor = caller.Required;
        var id = BoardIds.New();
        if (request!.LabId is { } labId)
        {
            // In a lab, the lab remembers which board a request id made (an unlisted board has no parent to remember it).
            var (claimed, refusal) = await LabsApi.ContentIdAsync(labId, "board", request.RequestId, actor, grains, BoardIds.New);
            if (refusal is not null)
            {
                return refusal;
            }

            id = claimed!;
        }

        var board = grains.GetGrain<IBoardGrain>(id);
        var created = await board.CreateAsync(actor, request.Title, request.LabId);
        if (created.Code == ErrorCodes.Conflict && request.RequestId is not null)
        {
            created = await board.ViewAsync(actor);
        }

        return Problems.Created($"/api/boards/{id}", created);
    }

    private static async Task<IResult> GetAsync(string boardId, CurrentActor caller, IGrainFactory grains) =>
        BoardIds.IsValid(boardId) ? Problems.Answer(await grains.GetGrain<IBoardGrain>(boardId).ViewAsync(caller.Required)) : NotFound(boardId);

    private static async Task<IResult> VersionsAsync(string boardId, CurrentActor caller, IGrainFactory grains)
    {
        if (!BoardIds.IsValid(boardId))
        {
            return NotFound(boardId);
        }

        var listed = await grains.GetGrain<IBoardGrain>(boardId).ListVersionsAsync(caller.Required);
        return listed.Ok ? Results.Ok(await WithAuthorNamesAsync(listed.Value!, grains)) : Problems.Answer(listed);
    }

    /// <summary>
    /// The versions with their authors by display name (people read the history; account ids mean nothing to
    /// them), the ids kept in <see cref="BoardVersion.EditsByAuthorId"/>. Two authors with the same display
    /// name are told apart by their user names; an id that is no account (a service client) stays as it is.
    /// </summary>
    public static async Task<IReadOnlyList<BoardVersion>> WithAuthorNamesAsync(IReadOnlyList<BoardVersion> versions, IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(versions);
        var profiles = new Dictionary<string, UserProfile?>(StringComparer.Ordinal);
        foreach (var id in versions.SelectMany(v => v.EditsByAuthor.Keys).Distinct(StringComparer.Ordinal))
        {
            profiles[id] = (await grains.GetGrain<IUserGrain>(id).GetAccessAsync()).Profile;
        }

        var plain = profiles.ToDictionary(p => p.Key, p => p.Value?.DisplayName is { Length: > 0 } name ? name : p.Key, StringComparer.Ordinal);
        var shared = plain.GroupBy(p => p.Value.Trim(), StringComparer.CurrentCultureIgnoreCase).Where(g => g.Count() > 1).SelectMany(g => g.Select(p => p.Key)).ToHashSet(StringComparer.Ordinal);
        string Shown(string id) => shared.Contains(id) && profiles[id]?.UserName is { Length: > 0 } handle ? $"{plain[id]} (@{handle})" : plain[id];
        return [.. versions.Select(v => v with
        {
            EditsByAuthor = v.EditsByAuthor.GroupBy(e => Shown(e.Key), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(e => e.Value), StringComparer.Ordinal),
            EditsByAuthorId = v.EditsByAuthor,
        })];
    }

    private static async Task<IResult> VersionAsync(string boardId, long versionSeq, CurrentActor caller, IGrainFactory grains) =>
        BoardIds.IsValid(boardId) ? Problems.Answer(await grains.GetGrain<IBoardGrain>(boardId).GetVersionAsync(caller.Required, versionSeq)) : NotFound(boardId);

    private static async Task<IResult> ExportJsonAsync(string boardId, CurrentActor caller, IGrainFactory grains)
    {
        var export = BoardIds.IsValid(boardId) ? await grains.GetGrain<IBoardGrain>(boardId).ExportAsync(caller.Required) : null;
        return export?.Value is { } board ? Results.Ok(await WithCommentsAsync(boardId, board, grains)) : export is null ? NotFound(boardId) : Problems.Answer(export);
    }

    /// <summary>The export with the board's comment threads; only after the board grain let the caller read the board.</summary>
    private static async Task<BoardExport> WithCommentsAsync(string boardId, BoardExport board, IGrainFactory grains) =>
        board with { Comments = await grains.GetGrain<IBoardCommentsGrain>(boardId).ExportAsync() };

    private static async Task<IResult> ExportMarkdownAsync(string boardId, CurrentActor caller, IGrainFactory grains)
    {
        var export = BoardIds.IsValid(boardId) ? await grains.GetGrain<IBoardGrain>(boardId).ExportAsync(caller.Required) : null;
        if (export?.Value is not { } readable)
        {
            return export is null ? NotFound(boardId) : Problems.Answer(export);
        }

        var board = await WithCommentsAsync(boardId, readable, grains);

        // Images link to their file in the board's lab (readers of the board read it; see security.md, "Images on boards").
        var labId = board.Elements.Any(e => e.Kind == ElementKind.Image && !e.Deleted) ? (await grains.GetGrain<IBoardGrain>(boardId).ViewAsync(caller.Required)).Value?.LabId : null;
        return Results.Text(BoardMarkdown.Render(board, labId), "text/markdown; charset=utf-8");
    }

    private static async Task<IResult> ImportAsync(BoardExport export, string? title, CurrentActor caller, IGrainFactory grains)
    {
        var name = string.IsNullOrWhiteSpace(title) ? export?.Title : title;
        if (TitleProblem(name) is { } problem)
        {
            return problem;
        }

        var id = BoardIds.New();
        var imported = await grains.GetGrain<IBoardGrain>(id).ImportAsync(caller.Required, name!, null, export!);
        return imported.Refusal is { } refusal
            ? Problems.For(refusal with { Code = refusal.Code == ErrorCodes.Invalid ? ErrorCodes.InvalidOp : refusal.Code }, "The export cannot be imported")
            : Results.Created($"/api/boards/{id}", imported.Value);
    }

    private static async Task<IResult> LockAsync(string boardId, LockRequest request, CurrentActor caller, IGrainFactory grains)
    {
        if (!BoardIds.IsValid(boardId) || request is null)
        {
            return NotFound(boardId);
        }

        var board = grains.GetGrain<IBoardGrain>(boardId);
        var actor = caller.Required;
        var result = await board.SetLockedAsync(actor, request.Locked);
        return result.Ok ? Problems.Answer(await board.ViewAsync(actor)) : Problems.For(new Refusal(result.ErrorCode ?? ErrorCodes.Forbidden, result.Error ?? string.Empty));
    }

    private static IResult? TitleProblem(string? title) =>
        string.IsNullOrWhiteSpace(title) || title.Length > BoardLimits.MaxTitleLength
            ? Problems.Invalid("title", $"A title is 1 to {BoardLimits.MaxTitleLength} characters.")
            : title.Any(char.IsControl)
                ? Problems.Invalid("title", "A title has no control characters.")
                : null;

    /// <summary>What a board that does not exist answers (the board grain answers the same for one the caller may not read).</summary>
    private static IResult NotFound(string boardId) => Problems.For(new Refusal(ErrorCodes.NoSuchBoard, $"There is no board '{boardId}'."));

    /// <summary>Body of <c>PUT /api/boards/{id}/locked</c>.</summary>
    public sealed record LockRequest(bool Locked);
}

/// <summary>The Markdown outline of a board: frames as headings, what lies in them as bullets.</summary>
public static class BoardMarkdown
{
    /// <summary>Renders the outline; images are Markdown images (alt text, the file's link in <paramref name="labId"/>) when the board's lab is given.</summary>
    public static string Render(BoardExport board, string? labId = null)
    {
        var sb = new System.Text.StringBuilder();
        sb.Append("# ").AppendLine(Line(board.Title)).AppendLine();
        var live = board.Elements.Where(e => !e.Deleted).ToList();
        var frames = live.Where(e => e.Kind == ElementKind.Frame).OrderBy(e => e.Y).ThenBy(e => e.X).ToList();
        var items = live.Where(e => e.Kind is not (ElementKind.Frame or ElementKind.Connector) && (e.Text.Length > 0 || e.Kind == ElementKind.Image)).ToList();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var frame in frames)
        {
            sb.Append("## ").AppendLine(frame.Text.Length > 0 ? Line(frame.Text) : "(untitled frame)").AppendLine();
            foreach (var item in items.Where(i => !placed.Contains(i.Id) && BoardGeometry.IsInside(i, frame)).OrderBy(i => i.Y).ThenBy(i => i.X))
            {
                sb.Append("- ").AppendLine(Item(item, labId));
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
                sb.Append("- ").AppendLine(Item(item, labId));
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

        // Comments follow the board, each thread under its element's text (docs/protocol.md, "Comments on board elements").
        sb.Append(CommentPlaces.Outline(board.Comments ?? [], board.Elements));
        return sb.ToString().TrimEnd() + "\n";
    }

    private static string Item(BoardElement e, string? labId) =>
        e.Kind == ElementKind.Image && labId is not null && FileLimits.IsValidId(e.FileRef)
            ? $"![{Line(e.Text)}](/api/labs/{labId}/files/{e.FileRef}/content)"
            : Line(Label(e)) + (e.AsyncSession is null ? string.Empty : " _(asynchronous)_");

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
