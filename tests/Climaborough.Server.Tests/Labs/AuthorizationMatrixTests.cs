namespace Climaborough.Server.Tests.Labs;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Climaborough.Contracts;
using Climaborough.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// A node with four labs in Sofia made by Maria (owner): private, network and public ones where Elena
/// is moderator, Ivan member and Giulia (Torino) observer, and a second private lab with Maria only.
/// Stefan is a Sofia account in no lab; Olga is from Maribor.
/// </summary>
public sealed class MatrixNode : IAsyncLifetime
{
    private readonly TempFolder data = new();

    public NodeProcess Node { get; private set; } = null!;

    public Uri Url => Node.Url;

    /// <summary>Lab id by name: private, network, public, other.</summary>
    public Dictionary<string, string> Labs { get; } = [];

    /// <summary>A thread in each lab (opened by Maria, its first post <c>p1</c>), by lab name.</summary>
    public Dictionary<string, string> Threads { get; } = [];

    /// <summary>A board in each lab, by lab name.</summary>
    public Dictionary<string, string> Boards { get; } = [];

    /// <summary>A workshop in each lab (prepared by Maria, not started), by lab name.</summary>
    public Dictionary<string, string> Sessions { get; } = [];

    /// <summary>A second workshop in each lab that is never started (its agenda can be replaced), by lab name.</summary>
    public Dictionary<string, string> UnstartedSessions { get; } = [];

    /// <summary>Account ids by user name.</summary>
    public Dictionary<string, string> Ids { get; } = [];

    /// <summary>A running workshop in each lab at a vote step, with a closed and an open vote (see AuthorizationMatrixTests.Sessions), by lab name.</summary>
    public Dictionary<string, MatrixVotes> Votes { get; } = [];

    public async ValueTask InitializeAsync()
    {
        Node = NodeProcess.Start(new Dictionary<string, string> { ["Storage__DataPath"] = data.Path });
        await Node.WaitReadyAsync();
        TestTokens.Registered["stefan"] = "stefan-secret-123";
        await Accounts.RegisterAsync(Url, "maria", "stefan", "stefan-secret-123");
        foreach (var user in new[] { "maria", "elena", "ivan", "giulia", "olga", "stefan", "admin" })
        {
            using var http = await TestTokens.ClientAsync(Url, user);
            Ids[user] = (await http.GetFromJsonAsync<JsonElement>("api/me")).GetProperty("id").GetString()!;
        }

        using var maria = await TestTokens.ClientAsync(Url, "maria");
        foreach (var (name, visibility) in new[] { ("private", LabVisibility.Private), ("network", LabVisibility.Network), ("public", LabVisibility.Public), ("other", LabVisibility.Private) })
        {
            using var created = await maria.PostAsJsonAsync("api/labs", new CreateLabRequest($"Lab {name}", LabThemes.EnergyAndMobility, "About", visibility), BoardJson.Options);
            created.EnsureSuccessStatusCode();
            var lab = (await created.Content.ReadFromJsonAsync<LabDetails>(BoardJson.Options))!;
            Labs[name] = lab.Summary.Id;
            using var board = await maria.PostAsJsonAsync($"api/labs/{lab.Summary.Id}/boards", new CreateBoardRequest($"Board of {name}"), BoardJson.Options);
            board.EnsureSuccessStatusCode();
            Boards[name] = (await board.Content.ReadFromJsonAsync<BoardInfo>(BoardJson.Options))!.Id;
            using var thread = await maria.PostAsJsonAsync($"api/labs/{lab.Summary.Id}/threads", new CreateThreadRequest($"Thread of {name}", "Opening post"), BoardJson.Options);
            thread.EnsureSuccessStatusCode();
            Threads[name] = (await thread.Content.ReadFromJsonAsync<ThreadView>(BoardJson.Options))!.Summary.Id;
            using var session = await maria.PostAsJsonAsync($"api/labs/{lab.Summary.Id}/sessions", MatrixSession, BoardJson.Options);
            session.EnsureSuccessStatusCode();
            Sessions[name] = (await session.Content.ReadFromJsonAsync<SessionView>(BoardJson.Options))!.Id;
            using var unstarted = await maria.PostAsJsonAsync($"api/labs/{lab.Summary.Id}/sessions", MatrixSession, BoardJson.Options);
            unstarted.EnsureSuccessStatusCode();
            UnstartedSessions[name] = (await unstarted.Content.ReadFromJsonAsync<SessionView>(BoardJson.Options))!.Id;
            if (name == "other")
            {
                continue;
            }

            foreach (var (user, role) in new[] { ("elena", LabRole.Moderator), ("ivan", LabRole.Member), ("giulia", LabRole.Observer) })
            {
                using var invited = await maria.PostAsJsonAsync($"api/labs/{lab.Summary.Id}/invitations", new LabInviteRequest(user, null, role), BoardJson.Options);
                invited.EnsureSuccessStatusCode();
                var invitation = (await invited.Content.ReadFromJsonAsync<LabInvitation>(BoardJson.Options))!;
                using var invitee = await TestTokens.ClientAsync(Url, user);
                using var joined = await invitee.PostAsJsonAsync($"api/labs/{lab.Summary.Id}/join", new { invitationId = invitation.Id });
                joined.EnsureSuccessStatusCode();
            }
        }

        foreach (var name in Labs.Keys)
        {
            Votes[name] = await MatrixVotes.PrepareAsync(Url, Labs[name], Boards[name]);
        }
    }

    /// <summary>The workshop every matrix case may prepare.</summary>
    public static readonly CreateSessionRequest MatrixSession = new("Matrix workshop", "Purpose", null, null, [new("Only step", "Do it", 10, SessionStepKind.Discuss)]);

    public async ValueTask DisposeAsync()
    {
        await Node.DisposeAsync();
        data.Dispose();
    }
}

/// <summary>
/// The authorization matrix of docs/security.md, tried for real: every lab endpoint and hub method,
/// as each role, a non-member of the same city, a person of another city and nobody, on each kind of
/// lab (and on a lab the caller is not in). Expectations come from <see cref="LabPolicy"/> itself; an
/// API route or hub method without a row here fails <see cref="Every_route_and_hub_method_has_a_row"/>.
/// </summary>
public sealed partial class AuthorizationMatrixTests(MatrixNode fixture) : IClassFixture<MatrixNode>
{
    private static readonly string[] People = ["maria", "elena", "ivan", "giulia", "stefan", "olga", "anonymous"];

    private static readonly string[] LabNames = ["private", "network", "public", "other"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Lab endpoints: route → the action it needs (null: decided otherwise, see the rows below).</summary>
    public static readonly IReadOnlyDictionary<string, LabAction?> LabRoutes = new Dictionary<string, LabAction?>
    {
        ["GET /api/labs/{labId}"] = LabAction.Read,
        ["PUT /api/labs/{labId}"] = LabAction.Moderate,
        ["POST /api/labs/{labId}/invitations"] = LabAction.Moderate,
        ["PUT /api/labs/{labId}/members/{userId}"] = LabAction.Moderate,
        ["DELETE /api/labs/{labId}/members/{userId}"] = LabAction.Moderate,
        ["POST /api/labs/{labId}/boards"] = LabAction.Contribute,
        ["GET /api/labs/{labId}/threads"] = LabAction.Read,
        ["POST /api/labs/{labId}/threads"] = LabAction.Contribute,
        ["GET /api/labs/{labId}/threads/{threadId}"] = LabAction.Read,
        ["POST /api/labs/{labId}/threads/{threadId}/posts"] = LabAction.Contribute,
        ["GET /api/labs/{labId}/threads/{threadId}/posts/{postId}/history"] = LabAction.Read,
        ["PUT /api/labs/{labId}/threads/{threadId}/posts/{postId}/reactions/{emoji}"] = LabAction.Participate,
        ["DELETE /api/labs/{labId}/threads/{threadId}/posts/{postId}/reactions/{emoji}"] = LabAction.Participate,
        ["PUT /api/labs/{labId}/threads/{threadId}/follow"] = LabAction.Participate,
        ["DELETE /api/labs/{labId}/threads/{threadId}/follow"] = LabAction.Participate,
        ["POST /api/labs/{labId}/threads/{threadId}/posts/{postId}/reports"] = LabAction.Participate,
        ["PUT /api/labs/{labId}/threads/{threadId}/posts/{postId}/moderation"] = LabAction.Moderate,
        ["PUT /api/labs/{labId}/threads/{threadId}/locked"] = LabAction.Moderate,
        ["GET /api/labs/{labId}/moderation"] = LabAction.Moderate,
        ["POST /api/labs/{labId}/lessons"] = LabAction.Contribute,
        ["GET /api/labs/{labId}/sessions"] = LabAction.Read,
        ["POST /api/labs/{labId}/sessions"] = LabAction.Moderate,
        ["GET /api/labs/{labId}/sessions/{sessionId}"] = LabAction.Read,
        ["PUT /api/labs/{labId}/sessions/{sessionId}"] = LabAction.Moderate, // on a workshop that is never started
        ["POST /api/labs/{labId}/sessions/{sessionId}/control"] = LabAction.Moderate, // "start" again changes nothing, so cases run in any order
        ["POST /api/labs/{labId}/sessions/{sessionId}/reveal"] = LabAction.Moderate, // nothing private in the matrix workshop: revealing changes nothing
        ["GET /api/labs/{labId}/sessions/{sessionId}/votes/{voteId}"] = null, // Read, on a workshop with votes: AuthorizationMatrixTests.Sessions
        ["GET /api/labs/{labId}/sessions/{sessionId}/votes/{voteId}/results"] = null, // Read: AuthorizationMatrixTests.Sessions
        ["GET /api/labs/{labId}/sessions/{sessionId}/votes/{voteId}/results.csv"] = null, // Read: AuthorizationMatrixTests.Sessions
        ["GET /api/labs/{labId}/sessions/{sessionId}/outcome"] = LabAction.Read,
        ["PUT /api/labs/{labId}/sessions/{sessionId}/outcome/decisions"] = LabAction.Moderate,
        ["POST /api/labs/{labId}/sessions/from-template"] = LabAction.Moderate,
        ["PUT /api/labs/{labId}/sessions/{sessionId}/contributions"] = null, // Moderate: AuthorizationMatrixTests.Contributions
        ["DELETE /api/labs/{labId}/sessions/{sessionId}/contributions"] = null, // Moderate: AuthorizationMatrixTests.Contributions
        ["POST /api/labs/{labId}/sessions/{sessionId}/contributions/notes"] = null, // Contribute, in an open window: AuthorizationMatrixTests.Contributions
        ["POST /api/labs/{labId}/sessions/{sessionId}/template"] = null, // Moderate, a new request id each time: AuthorizationMatrixTests.Templates
        ["GET /api/labs/{labId}/files"] = null, // files: AuthorizationMatrixTests.Files
        ["POST /api/labs/{labId}/files"] = null,
        ["GET /api/labs/{labId}/files/{fileId}"] = null,
        ["GET /api/labs/{labId}/files/{fileId}/content"] = null,
        ["GET /api/labs/{labId}/files/{fileId}/thumbnail"] = null,
        ["DELETE /api/labs/{labId}/files/{fileId}"] = null,
        ["PUT /api/labs/{labId}/threads/{threadId}/posts/{postId}"] = null, // the author only, if they may still read: ThreadsTests
        ["POST /api/labs/{labId}/join"] = null,
        ["POST /api/labs/{labId}/join/preview"] = null, // holding the link's token is the permission, with or without an account: InvitationLinkTests
        ["GET /api/labs"] = null,
        ["POST /api/labs"] = null,
        ["GET /api/me/labs"] = null,
        ["GET /api/me/invitations"] = null,
    };

    /// <summary>Every other API route and the rule it follows.</summary>
    public static readonly IReadOnlyDictionary<string, string> OtherRoutes = new Dictionary<string, string>
    {
        ["GET /api/cities"] = "public",
        ["GET /api/cities/{cityId}"] = "public",
        ["POST /api/boards"] = "member",
        ["GET /api/boards/{boardId}"] = "member",
        ["GET /api/boards/{boardId}/versions"] = "member",
        ["GET /api/boards/{boardId}/versions/{versionSeq}"] = "member",
        ["GET /api/boards/{boardId}/export.json"] = "member",
        ["GET /api/boards/{boardId}/export.md"] = "member",
        ["POST /api/boards/import"] = "member",
        ["PUT /api/boards/{boardId}/locked"] = "member",
        ["GET /api/me"] = "member",
        ["POST /api/invitations"] = "coordinator",
        ["POST /api/service-clients"] = "coordinator",
        ["GET /api/users"] = "admin",
        ["PUT /api/users/{userId}/roles"] = "admin",
        ["GET /api/lessons"] = "public (each lesson's visibility)",
        ["GET /api/lessons/{lessonId}"] = "public (the lesson's visibility)",
        ["GET /api/lessons/{lessonId}/files/{fileId}"] = "the lesson's readers: AuthorizationMatrixTests.Attachments",
        ["GET /api/boards/{boardId}/versions/{versionSeq}/files/{fileId}"] = "the board's readers, a file the version shows: BoardImagesApiTests.A_board_version_keeps_its_image_after_the_element_and_the_file_are_deleted_until_the_version_is_pruned",
        ["PUT /api/lessons/{lessonId}/adopted"] = "partner city",
        ["POST /api/lessons/index"] = "admin",
        ["GET /api/open-data/lessons.json"] = "public",
        ["GET /api/open-data/lessons.csv"] = "public",
        ["GET /api/me/notifications"] = "member",
        ["POST /api/me/notifications/read"] = "member",
        ["GET /api/hubs"] = "public",
        ["GET /api/hubs/{hubId}"] = "public",
        ["GET /api/indicators"] = "public",
        ["GET /api/pilots"] = "public (each pilot's lab): AuthorizationMatrixTests.Pilots",
        ["POST /api/pilots"] = "the lab's moderators or its city's coordinator: AuthorizationMatrixTests.Pilots",
        ["GET /api/pilots/{pilotId}"] = "the pilot's lab (Read): AuthorizationMatrixTests.Pilots",
        ["PUT /api/pilots/{pilotId}/stage"] = "the pilot's lab (Moderate) or its city's coordinator: AuthorizationMatrixTests.Pilots",
        ["PUT /api/pilots/{pilotId}/status"] = "the pilot's lab (Moderate) or its city's coordinator: AuthorizationMatrixTests.Pilots", // pilotnet2
        ["POST /api/pilots/{pilotId}/milestones"] = "the pilot's lab (Contribute): AuthorizationMatrixTests.Pilots",
        ["PUT /api/pilots/{pilotId}/milestones/{milestoneId}"] = "the pilot's lab (Contribute): AuthorizationMatrixTests.Pilots",
        ["PUT /api/pilots/{pilotId}/attachments"] = "the pilot's lab (Contribute) or its city's coordinator: AuthorizationMatrixTests.Pilots",
        ["PUT /api/pilots/{pilotId}/milestones/{milestoneId}/attachments"] = "the pilot's lab (Contribute) or its city's coordinator: AuthorizationMatrixTests.Pilots",
        ["POST /api/pilots/{pilotId}/indicators"] = "the pilot's lab (Moderate) or its city's coordinator: AuthorizationMatrixTests.Pilots",
        ["POST /api/pilots/{pilotId}/indicators/{indicatorId}/measurements"] = "the pilot's lab (Contribute): AuthorizationMatrixTests.Pilots",
        ["POST /api/pilots/{pilotId}/indicators/{indicatorId}/measurements/import"] = "the pilot's lab (Contribute): AuthorizationMatrixTests.Pilots",
        ["PUT /api/pilots/{pilotId}/indicators/{indicatorId}/measurements/{measurementId}"] = "the pilot's lab (Contribute): AuthorizationMatrixTests.Pilots",
        ["GET /api/dashboard"] = "public (each pilot's lab): AuthorizationMatrixTests.PilotsOpen",
        ["GET /api/open-data/pilots.json"] = "public (pilots of public labs): AuthorizationMatrixTests.PilotsOpen",
        ["GET /api/open-data/pilots.csv"] = "public (pilots of public labs): AuthorizationMatrixTests.PilotsOpen",
        ["GET /api/open-data/milestones.csv"] = "public (pilots of public labs): AuthorizationMatrixTests.PilotsOpen",
        ["GET /api/open-data/indicators.csv"] = "public (pilots of public labs): AuthorizationMatrixTests.PilotsOpen",
        ["GET /api/open-data/measurements.csv"] = "public (pilots of public labs): AuthorizationMatrixTests.PilotsOpen",
        ["GET /api/open-data/sandbox.csv"] = "public (pilots of public labs): AuthorizationMatrixTests.PilotsOpen",
        ["GET /api/open-data/tenders.csv"] = "public (pilots of public labs): PilotsOpenApiTests.Open_data_lists_public_pilots_tenders_one_csv_row_per_lot",
        ["GET /api/pilots/{pilotId}/sandbox"] = "the pilot's lab (Read): AuthorizationMatrixTests.Pilots",
        ["POST /api/pilots/{pilotId}/sandbox"] = "the pilot's lab (Contribute): AuthorizationMatrixTests.Pilots",
        ["PUT /api/pilots/{pilotId}/sandbox/{entryId}/status"] = "the pilot's lab (Contribute): AuthorizationMatrixTests.Pilots",
        ["POST /api/pilots/{pilotId}/sandbox/{entryId}/lesson"] = "the pilot's lab (Contribute), then the library's rule: AuthorizationMatrixTests.Pilots",
        ["GET /api/sandbox"] = "public (each pilot's lab): AuthorizationMatrixTests.PilotsOpen",
        ["GET /api/open-data/catalog.jsonld"] = "public (the list of datasets)",
        ["GET /api/boards/{boardId}/comments"] = "the board's lab (Read): AuthorizationMatrixTests.Comments",
        ["POST /api/boards/{boardId}/comments"] = "the board's lab (Comment): AuthorizationMatrixTests.Comments",
        ["POST /api/boards/{boardId}/comments/{threadId}/posts"] = "the board's lab (Comment): AuthorizationMatrixTests.Comments",
        ["PUT /api/boards/{boardId}/comments/{threadId}/posts/{commentId}"] = "the comment's author: AuthorizationMatrixTests.Comments",
        ["GET /api/boards/{boardId}/comments/{threadId}/posts/{commentId}/history"] = "the board's lab (Read): AuthorizationMatrixTests.Comments",
        ["PUT /api/boards/{boardId}/comments/{threadId}/resolved"] = "the thread's author or the lab's moderators: AuthorizationMatrixTests.Comments",
        ["PUT /api/boards/{boardId}/comments/{threadId}/posts/{commentId}/hidden"] = "the board's lab (Moderate): AuthorizationMatrixTests.Comments",
        ["GET /api/workshop-templates"] = "member: AuthorizationMatrixTests.Templates",
        ["DELETE /api/workshop-templates/{templateId}"] = "the template's author or an administrator: AuthorizationMatrixTests.Templates",
    };

    /// <summary>Hub methods → the lab action they need (null: not lab-scoped; covered by the sign-in and board tests).</summary>
    public static readonly IReadOnlyDictionary<string, LabAction?> HubMethods = new Dictionary<string, LabAction?>
    {
        [nameof(ILiveHub.WatchLab)] = LabAction.Read,
        [nameof(ILiveHub.UnwatchLab)] = null,
        [nameof(ILiveHub.WatchThread)] = LabAction.Read,
        [nameof(ILiveHub.UnwatchThread)] = null,
        [nameof(ILiveHub.WatchNotifications)] = null,
        [nameof(ILiveHub.WatchSession)] = LabAction.Read,
        [nameof(ILiveHub.UnwatchSession)] = null,
        [nameof(ILiveHub.StartVote)] = LabAction.Moderate, // these four: AuthorizationMatrixTests.Sessions
        [nameof(ILiveHub.CloseVote)] = LabAction.Moderate,
        [nameof(ILiveHub.PlaceDot)] = LabAction.Contribute,
        [nameof(ILiveHub.RemoveDot)] = LabAction.Contribute,
        [nameof(ILiveHub.JoinWorkshop)] = LabAction.Read, // these seven: AuthorizationMatrixTests.Facilitation
        [nameof(ILiveHub.LeaveWorkshop)] = null,
        [nameof(ILiveHub.Summon)] = LabAction.Moderate,
        [nameof(ILiveHub.SetHand)] = LabAction.Participate,
        [nameof(ILiveHub.LowerHand)] = LabAction.Moderate,
        [nameof(ILiveHub.React)] = LabAction.Participate,
        [nameof(ILiveHub.WorkshopAttendance)] = LabAction.Moderate,
        [nameof(ILiveHub.SetBoardLocks)] = LabAction.Moderate,
        [nameof(ILiveHub.PrivateNotes)] = LabAction.Read, // these two: AuthorizationMatrixTests.Private
        [nameof(ILiveHub.RevealPrivateNotes)] = LabAction.Moderate,
        [nameof(ILiveHub.JoinBoard)] = LabAction.Read,
        [nameof(ILiveHub.LeaveBoard)] = null,
        [nameof(ILiveHub.Edit)] = LabAction.Contribute,
        [nameof(ILiveHub.Undo)] = LabAction.Contribute,
        [nameof(ILiveHub.Redo)] = LabAction.Contribute,
        [nameof(ILiveHub.RestoreVersion)] = LabAction.Contribute,
        [nameof(ILiveHub.UpdatePresence)] = null,
        [nameof(ILiveHub.WatchCity)] = null,
        [nameof(ILiveHub.UnwatchCity)] = null,
        [nameof(Server.Realtime.LiveHub.RefuseArguments)] = null, // only ever answers invalid-argument (protocol.md, Errors)
        [nameof(ILiveHub.WatchComments)] = LabAction.Read, // these two: AuthorizationMatrixTests.Comments
        [nameof(ILiveHub.UnwatchComments)] = null,
        [nameof(ILiveHub.WatchPilot)] = LabAction.Read, // these four: AuthorizationMatrixTests.PilotsLive
        [nameof(ILiveHub.UnwatchPilot)] = null,
        [nameof(ILiveHub.WatchPilotDashboard)] = null, // anyone, like GET /api/dashboard; the event names only the hub
        [nameof(ILiveHub.UnwatchPilotDashboard)] = null,
    };

    [Fact]
    public async Task Every_route_and_hub_method_has_a_row()
    {
        using var http = new HttpClient { BaseAddress = fixture.Url };
        var document = await http.GetFromJsonAsync<JsonElement>("openapi/v1.json", Ct);
        var routes = document.GetProperty("paths").EnumerateObject()
            .Where(p => p.Name.StartsWith("/api/", StringComparison.Ordinal) && p.Name != "/api/{rest}")
            .SelectMany(p => p.Value.EnumerateObject().Select(m => $"{m.Name.ToUpperInvariant()} {p.Name}"))
            .ToList();
        Assert.NotEmpty(routes);
        Assert.All(routes, r => Assert.True(LabRoutes.ContainsKey(r) || OtherRoutes.ContainsKey(r) || TenderRoutes.ContainsKey(r) || ReplicationRoutes.ContainsKey(r), $"{r} has no row in the authorization matrix"));
        Assert.All(CallableHubMethods(), m => Assert.True(HubMethods.ContainsKey(m), $"hub method {m} has no row in the authorization matrix"));
    }

    /// <summary>Every method a client can invoke: ILiveHub's and any other public method the hub declares (SignalR offers them all).</summary>
    private static IEnumerable<string> CallableHubMethods() =>
        LiveInterfaces.HubMethods.Select(m => m.Name).Union(typeof(Server.Realtime.LiveHub)
            .GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && m.GetBaseDefinition().DeclaringType == typeof(Server.Realtime.LiveHub))
            .Select(m => m.Name));

    public static TheoryData<string, string, string> LabCases() => Cases(LabRoutes.Where(r => r.Value is not null).Select(r => r.Key));

    public static TheoryData<string, string, string> HubCases() => Cases([nameof(ILiveHub.WatchLab), nameof(ILiveHub.WatchThread), nameof(ILiveHub.WatchSession), nameof(ILiveHub.JoinBoard), nameof(ILiveHub.Edit)]);

    /// <summary>Each route or method × each person × each lab.</summary>
    private static TheoryData<string, string, string> Cases(IEnumerable<string> calls)
    {
        var data = new TheoryData<string, string, string>();
        foreach (var call in calls)
        {
            foreach (var person in People)
            {
                foreach (var lab in LabNames)
                {
                    data.Add(call, person, lab);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(LabCases))]
    public async Task Lab_endpoints_allow_exactly_what_the_policy_allows(string route, string person, string lab)
    {
        var action = LabRoutes[route]!.Value;
        var labId = fixture.Labs[lab];
        using var http = person == "anonymous" ? new HttpClient { BaseAddress = fixture.Url } : await TestTokens.ClientAsync(fixture.Url, person);
        var (method, path) = (route.Split(' ')[0], route.Split(' ')[1].Replace("{labId}", labId, StringComparison.Ordinal).Replace("{userId}", fixture.Ids["ivan"], StringComparison.Ordinal)
            .Replace("{threadId}", fixture.Threads[lab], StringComparison.Ordinal).Replace("{sessionId}", route.StartsWith("PUT ", StringComparison.Ordinal) ? fixture.UnstartedSessions[lab] : fixture.Sessions[lab], StringComparison.Ordinal).Replace("{postId}", "p1", StringComparison.Ordinal).Replace("{emoji}", Uri.EscapeDataString("👍"), StringComparison.Ordinal));
        object? body = route switch
        {
            "PUT /api/labs/{labId}" => new LabSettingsRequest($"Lab {lab}", LabThemes.EnergyAndMobility, "About", Visibility(lab)),
            "POST /api/labs/{labId}/invitations" => new LabInviteRequest("olga", null, LabRole.Observer),
            "PUT /api/labs/{labId}/members/{userId}" => new LabRoleRequest(LabRole.Member),
            "POST /api/labs/{labId}/boards" => new CreateBoardRequest("Made in the matrix test"),
            "POST /api/labs/{labId}/threads" => new CreateThreadRequest("Made in the matrix test", "Hello"),
            "POST /api/labs/{labId}/threads/{threadId}/posts" => new ReplyRequest("A reply from the matrix test", "p1"),
            "POST /api/labs/{labId}/threads/{threadId}/posts/{postId}/reports" => new ReportRequest("Matrix test"),
            "PUT /api/labs/{labId}/threads/{threadId}/posts/{postId}/moderation" => new ModeratePostRequest(Hidden: false, Flagged: false),
            "PUT /api/labs/{labId}/threads/{threadId}/locked" => new LockRequest(false),
            "POST /api/labs/{labId}/lessons" => new LessonRequest("Matrix lesson", LessonKind.Lesson, "Context", "Tried", "Happened", "Differently", string.Empty, ["matrix"], null, LessonVisibility.Network),
            "POST /api/labs/{labId}/sessions" or "PUT /api/labs/{labId}/sessions/{sessionId}" => MatrixNode.MatrixSession,
            "POST /api/labs/{labId}/sessions/{sessionId}/control" => new SessionControlRequest(SessionCommand.Start),
            "PUT /api/labs/{labId}/sessions/{sessionId}/outcome/decisions" => new DecisionsRequest("Decided in the matrix test"),
            "POST /api/labs/{labId}/sessions/from-template" => new SessionFromTemplateRequest(MatrixNode.MatrixSession, "Template board", new BoardExport(BoardExport.FormatName, 1, "Template", default, 0,
                [new BoardElement("frame1", ElementKind.Frame, 0, 0, 600, 400, 0, "#ffffff", "Causes", null, null, null, string.Empty, default, default)])),
            _ => null,
        };
        var memberRemoval = route == "DELETE /api/labs/{labId}/members/{userId}";
        if (memberRemoval)
        {
            // Removing someone who is not a member: allowed callers hear "not a member", nobody is removed.
            path = path.Replace(fixture.Ids["ivan"], "no-such-member", StringComparison.Ordinal);
        }

        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = body is null ? null : JsonContent.Create(body, options: BoardJson.Options) };
        using var response = await http.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);

        var allowed = Allowed(action, person, lab);
        var mayRead = Allowed(LabAction.Read, person, lab);
        if (allowed)
        {
            var notAMember = memberRemoval || (route.Contains("/members/", StringComparison.Ordinal) && lab == "other");
            var ok = notAMember ? response.StatusCode == HttpStatusCode.BadRequest && text.Contains("not a member", StringComparison.Ordinal) : response.IsSuccessStatusCode;
            Assert.True(ok, $"{person} on the {lab} lab: {route} should be allowed, got {(int)response.StatusCode} {text}");
        }
        else
        {
            // Nobody signed in: 401 wherever a sign-in is needed (every write, and the review queue).
            var needsSignIn = method != "GET" || route == "GET /api/labs/{labId}/moderation";
            var expected = person == "anonymous" && needsSignIn ? HttpStatusCode.Unauthorized : mayRead ? HttpStatusCode.Forbidden : HttpStatusCode.NotFound;
            Assert.True(expected == response.StatusCode, $"{person} on the {lab} lab: {route} should be {(int)expected}, got {(int)response.StatusCode} {text}");
            Assert.DoesNotContain(fixture.Labs[lab], text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(HubCases))]
    public async Task Hub_methods_allow_exactly_what_the_policy_allows(string method, string person, string lab)
    {
        var action = HubMethods[method]!.Value;
        await using var hub = await TestHubs.ConnectAsync(fixture.Url, person == "anonymous" ? null : person, Ct);

        bool succeeded;
        try
        {
            succeeded = method switch
            {
                nameof(ILiveHub.WatchLab) => (await hub.InvokeAsync<LabDetails>(method, fixture.Labs[lab], Ct)) is not null,
                nameof(ILiveHub.WatchThread) => (await hub.InvokeAsync<ThreadView>(method, fixture.Labs[lab], fixture.Threads[lab], Ct)) is not null,
                nameof(ILiveHub.WatchSession) => (await hub.InvokeAsync<SessionView>(method, fixture.Labs[lab], fixture.Sessions[lab], Ct)) is not null,
                nameof(ILiveHub.JoinBoard) => (await hub.InvokeAsync<BoardJoin>(method, fixture.Boards[lab], 0L, Ct)) is not null,
                _ => (await hub.InvokeAsync<EditResult>(method, fixture.Boards[lab], NewNote(person), Ct)).Ok,
            };
        }
        catch (HubException)
        {
            succeeded = false;
        }

        // Following a lab, thread or workshop works without signing in where reading does; everything on boards needs a signed-in person.
        var allowed = Allowed(action, person, lab) && (method is nameof(ILiveHub.WatchLab) or nameof(ILiveHub.WatchThread) or nameof(ILiveHub.WatchSession) || person != "anonymous");
        Assert.True(allowed == succeeded, $"{person} on the {lab} lab: {method} should be {(allowed ? "allowed" : "refused")}");
    }

    [Fact]
    public async Task The_lab_list_shows_each_person_exactly_the_labs_they_may_read()
    {
        foreach (var person in People)
        {
            using var http = person == "anonymous" ? new HttpClient { BaseAddress = fixture.Url } : await TestTokens.ClientAsync(fixture.Url, person);
            var listed = (await http.GetFromJsonAsync<LabSummary[]>("api/labs", BoardJson.Options, Ct))!.Select(l => l.Id).Where(fixture.Labs.ContainsValue).Order().ToList();
            var expected = LabNames.Where(lab => Allowed(LabAction.Read, person, lab)).Select(lab => fixture.Labs[lab]).Order().ToList();
            Assert.True(expected.SequenceEqual(listed), $"{person} lists {string.Join(",", listed)}");
        }
    }

    [Fact]
    public async Task Creating_a_lab_needs_a_city_coordinator_and_the_last_owner_cannot_go()
    {
        using var ivan = await TestTokens.ClientAsync(fixture.Url, "ivan");
        Assert.Equal(HttpStatusCode.Forbidden, (await ivan.PostAsJsonAsync("api/labs", new CreateLabRequest("Mine", "custom", string.Empty, LabVisibility.Private), BoardJson.Options, Ct)).StatusCode);

        using var maria = await TestTokens.ClientAsync(fixture.Url, "maria");
        using var tooLong = await maria.PostAsJsonAsync("api/labs", new CreateLabRequest(new string('x', LabLimits.MaxTitleLength + 1), "custom", string.Empty, LabVisibility.Private), BoardJson.Options, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains(LabLimits.MaxTitleLength.ToString(System.Globalization.CultureInfo.InvariantCulture), await tooLong.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        // The description is Markdown, rendered and sanitized once on the server.
        using var made = await maria.PostAsJsonAsync("api/labs", new CreateLabRequest("Described", "custom", "**Green** corridors <script>alert(1)</script> [plan](javascript:alert(1))", LabVisibility.Private), BoardJson.Options, Ct);
        var described = (await made.Content.ReadFromJsonAsync<LabDetails>(BoardJson.Options, Ct))!;
        Assert.Contains("<strong>Green</strong>", described.DescriptionHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", described.DescriptionHtml, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"javascript", described.DescriptionHtml, StringComparison.OrdinalIgnoreCase);

        using var last = await maria.DeleteAsync(new Uri($"api/labs/{fixture.Labs["other"]}/members/{fixture.Ids["maria"]}", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Conflict, last.StatusCode);
        Assert.Contains("last owner", await last.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    private static BoardEdit NewNote(string person)
    {
        var id = "m" + Guid.NewGuid().ToString("N")[..10];
        return new BoardEdit("matrix-" + person + "-" + id, 1, [new ElementChange(ChangeType.Create, id, new BoardElement(id, ElementKind.Note, 0, 0, 10, 10, 0, "#ffffff", person, null, null, null, string.Empty, default, default))]);
    }

    private static LabVisibility Visibility(string lab) => lab switch
    {
        "network" => LabVisibility.Network,
        "public" => LabVisibility.Public,
        _ => LabVisibility.Private,
    };

    private static LabRole? Role(string person, string lab) => (person, lab) switch
    {
        ("maria", _) => LabRole.Owner,
        (_, "other") => null,
        ("elena", _) => LabRole.Moderator,
        ("ivan", _) => LabRole.Member,
        ("giulia", _) => LabRole.Observer,
        _ => null,
    };

    private static bool Allowed(LabAction action, string person, string lab) =>
        LabPolicy.Allows(action, Visibility(lab), Role(person, lab), signedIn: person != "anonymous", partnerCity: person is not "anonymous" and not "admin");
}
