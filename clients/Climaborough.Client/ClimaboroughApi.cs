namespace Climaborough.Client;

using System.Net;
using System.Net.Http.Json;
using Climaborough.Contracts;

/// <summary>The REST API for .NET callers (the web app, tools, load tests).</summary>
public sealed partial class ClimaboroughApi(HttpClient http)
{
    /// <summary>Every partner city, by name.</summary>
    public async Task<IReadOnlyList<CityDto>> GetCitiesAsync(CancellationToken cancellationToken = default) =>
        await http.GetFromJsonAsync<CityDto[]>("api/cities", cancellationToken) ?? [];

    /// <summary>Creates a board.</summary>
    public async Task<BoardInfo> CreateBoardAsync(string title, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsJsonAsync("api/boards", new CreateBoardRequest(title), cancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<BoardInfo>(cancellationToken))!;
    }

    /// <summary>A board's stored versions, oldest first.</summary>
    public async Task<IReadOnlyList<BoardVersion>> GetBoardVersionsAsync(string boardId, CancellationToken cancellationToken = default) =>
        await http.GetFromJsonAsync<BoardVersion[]>($"api/boards/{Uri.EscapeDataString(boardId)}/versions", cancellationToken) ?? [];

    /// <summary>A stored version's elements (to preview it).</summary>
    public async Task<BoardSnapshot?> GetBoardVersionAsync(string boardId, long versionSeq, CancellationToken cancellationToken = default) =>
        await http.GetFromJsonAsync<BoardSnapshot>($"api/boards/{Uri.EscapeDataString(boardId)}/versions/{versionSeq}", BoardJson.Options, cancellationToken);

    /// <summary>Creates a new board from a JSON export; the error is the server's explanation when it refuses the file.</summary>
    public async Task<ApiResult<BoardInfo>> ImportBoardAsync(string exportJson, string? title = null, CancellationToken cancellationToken = default)
    {
        using var content = new StringContent(exportJson, System.Text.Encoding.UTF8, "application/json");
        var url = "api/boards/import" + (string.IsNullOrWhiteSpace(title) ? string.Empty : "?title=" + Uri.EscapeDataString(title));
        using var response = await http.PostAsync(new Uri(url, UriKind.Relative), content, cancellationToken);
        return await ResultAsync<BoardInfo>(response, cancellationToken);
    }

    /// <summary>The signed-in account.</summary>
    public async Task<Me?> GetMeAsync(CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync(new Uri("api/me", UriKind.Relative), cancellationToken);
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<Me>(cancellationToken) : null;
    }

    /// <summary>Creates an invitation link.</summary>
    public async Task<InvitationLink> CreateInvitationAsync(InvitationRequest request, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsJsonAsync("api/invitations", request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<InvitationLink>(cancellationToken))!;
    }

    /// <summary>Every account (administrators).</summary>
    public async Task<IReadOnlyList<UserSummary>> GetUsersAsync(CancellationToken cancellationToken = default) =>
        await http.GetFromJsonAsync<UserSummary[]>("api/users", cancellationToken) ?? [];

    /// <summary>Replaces an account's platform roles (administrators).</summary>
    public async Task<UserSummary> SetRolesAsync(string userId, IReadOnlyList<string> roles, CancellationToken cancellationToken = default)
    {
        using var response = await http.PutAsJsonAsync($"api/users/{Uri.EscapeDataString(userId)}/roles", new RolesRequest(roles), cancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<UserSummary>(cancellationToken))!;
    }

    /// <summary>Labs the caller may see, optionally by city and theme.</summary>
    public async Task<IReadOnlyList<LabSummary>> GetLabsAsync(string? cityId = null, string? theme = null, CancellationToken cancellationToken = default)
    {
        var query = string.Join("&", new[] { cityId is null ? null : "city=" + Uri.EscapeDataString(cityId), theme is null ? null : "theme=" + Uri.EscapeDataString(theme) }.Where(q => q is not null));
        return await http.GetFromJsonAsync<LabSummary[]>("api/labs" + (query.Length > 0 ? "?" + query : string.Empty), BoardJson.Options, cancellationToken) ?? [];
    }

    /// <summary>The caller's labs and their role in each.</summary>
    public async Task<IReadOnlyList<MyLab>> GetMyLabsAsync(CancellationToken cancellationToken = default) =>
        await http.GetFromJsonAsync<MyLab[]>("api/me/labs", BoardJson.Options, cancellationToken) ?? [];

    /// <summary>A lab's home, or <c>null</c> when it does not exist or may not be seen.</summary>
    public async Task<LabDetails?> GetLabAsync(string labId, CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync(new Uri($"api/labs/{Uri.EscapeDataString(labId)}", UriKind.Relative), cancellationToken);
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<LabDetails>(BoardJson.Options, cancellationToken) : null;
    }

    /// <summary>Creates a lab; the error is the server's explanation when refused.</summary>
    public async Task<ApiResult<LabDetails>> CreateLabAsync(CreateLabRequest request, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsJsonAsync("api/labs", request, BoardJson.Options, cancellationToken);
        return await ResultAsync<LabDetails>(response, cancellationToken);
    }

    /// <summary>Changes a lab's settings (moderators).</summary>
    public async Task<ApiResult<LabDetails>> UpdateLabAsync(string labId, LabSettingsRequest request, CancellationToken cancellationToken = default)
    {
        using var response = await http.PutAsJsonAsync($"api/labs/{Uri.EscapeDataString(labId)}", request, BoardJson.Options, cancellationToken);
        return await ResultAsync<LabDetails>(response, cancellationToken);
    }

    /// <summary>Invites to a lab (by user name or email); the invitation carries a link for email invitations.</summary>
    public async Task<ApiResult<LabInvitation>> InviteToLabAsync(string labId, LabInviteRequest request, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsJsonAsync($"api/labs/{Uri.EscapeDataString(labId)}/invitations", request, BoardJson.Options, cancellationToken);
        return await ResultAsync<LabInvitation>(response, cancellationToken);
    }

    /// <summary>Accepts an invitation (by id, or by a link's token).</summary>
    public async Task<ApiResult<LabDetails>> JoinLabAsync(string labId, string? invitationId, string? token, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsJsonAsync($"api/labs/{Uri.EscapeDataString(labId)}/join", new { invitationId, token }, cancellationToken);
        return await ResultAsync<LabDetails>(response, cancellationToken);
    }

    /// <summary>What an invitation link is (lab, city, inviter, role), also before signing in; <c>null</c> when the link is not valid.</summary>
    public async Task<LabInvitationPreview?> PreviewLabInvitationAsync(string labId, string token, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsJsonAsync($"api/labs/{Uri.EscapeDataString(labId)}/join/preview", new { token }, cancellationToken);
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<LabInvitationPreview>(BoardJson.Options, cancellationToken) : null;
    }

    /// <summary>Changes a member's role.</summary>
    public async Task<ApiResult<LabDetails>> SetLabRoleAsync(string labId, string userId, LabRole role, CancellationToken cancellationToken = default)
    {
        using var response = await http.PutAsJsonAsync($"api/labs/{Uri.EscapeDataString(labId)}/members/{Uri.EscapeDataString(userId)}", new LabRoleRequest(role), BoardJson.Options, cancellationToken);
        return await ResultAsync<LabDetails>(response, cancellationToken);
    }

    /// <summary>Creates a board in a lab.</summary>
    public async Task<ApiResult<BoardInfo>> CreateLabBoardAsync(string labId, string title, string? requestId = null, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsJsonAsync($"api/labs/{Uri.EscapeDataString(labId)}/boards", new CreateBoardRequest(title, labId, requestId), BoardJson.Options, cancellationToken);
        return await ResultAsync<BoardInfo>(response, cancellationToken);
    }

    /// <summary>The caller's open lab invitations.</summary>
    public async Task<IReadOnlyList<LabInvitation>> GetMyInvitationsAsync(CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync(new Uri("api/me/invitations", UriKind.Relative), cancellationToken);
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<LabInvitation[]>(BoardJson.Options, cancellationToken) ?? [] : [];
    }

    // ---- Discussions ----

    /// <summary>A lab's threads, newest activity first.</summary>
    public async Task<IReadOnlyList<ThreadSummary>> GetThreadsAsync(string labId, CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync(new Uri($"api/labs/{E(labId)}/threads", UriKind.Relative), cancellationToken);
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<ThreadSummary[]>(BoardJson.Options, cancellationToken) ?? [] : [];
    }

    /// <summary>A thread, or <c>null</c> when it does not exist or may not be seen.</summary>
    public async Task<ThreadView?> GetThreadAsync(string labId, string threadId, CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync(new Uri($"api/labs/{E(labId)}/threads/{E(threadId)}", UriKind.Relative), cancellationToken);
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<ThreadView>(BoardJson.Options, cancellationToken) : null;
    }

    /// <summary>Starts a thread.</summary>
    public Task<ApiResult<ThreadView>> CreateThreadAsync(string labId, CreateThreadRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<ThreadView>(HttpMethod.Post, $"api/labs/{E(labId)}/threads", request, cancellationToken);

    /// <summary>Replies to a thread (optionally quoting a post).</summary>
    public Task<ApiResult<PostView>> ReplyAsync(string labId, string threadId, ReplyRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<PostView>(HttpMethod.Post, $"api/labs/{E(labId)}/threads/{E(threadId)}/posts", request, cancellationToken);

    /// <summary>Edits one's own post.</summary>
    public Task<ApiResult<PostView>> EditPostAsync(string labId, string threadId, string postId, string body, CancellationToken cancellationToken = default) =>
        EditPostAsync(labId, threadId, postId, new EditPostRequest(body), cancellationToken);

    /// <summary>A post's earlier texts.</summary>
    public async Task<IReadOnlyList<PostRevision>> GetPostHistoryAsync(string labId, string threadId, string postId, CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync(new Uri($"api/labs/{E(labId)}/threads/{E(threadId)}/posts/{E(postId)}/history", UriKind.Relative), cancellationToken);
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<PostRevision[]>(BoardJson.Options, cancellationToken) ?? [] : [];
    }

    /// <summary>Adds or removes the caller's reaction.</summary>
    public Task<ApiResult<PostView>> ReactAsync(string labId, string threadId, string postId, string emoji, bool on, CancellationToken cancellationToken = default) =>
        SendAsync<PostView>(on ? HttpMethod.Put : HttpMethod.Delete, $"api/labs/{E(labId)}/threads/{E(threadId)}/posts/{E(postId)}/reactions/{E(emoji)}", null, cancellationToken);

    /// <summary>Follows or unfollows a thread.</summary>
    public Task<ApiResult<bool>> FollowAsync(string labId, string threadId, bool follow, CancellationToken cancellationToken = default) =>
        SendAsync<bool>(follow ? HttpMethod.Put : HttpMethod.Delete, $"api/labs/{E(labId)}/threads/{E(threadId)}/follow", null, cancellationToken);

    /// <summary>Reports a post to the moderators.</summary>
    public Task<ApiResult<PostView>> ReportPostAsync(string labId, string threadId, string postId, string reason, CancellationToken cancellationToken = default) =>
        SendAsync<PostView>(HttpMethod.Post, $"api/labs/{E(labId)}/threads/{E(threadId)}/posts/{E(postId)}/reports", new ReportRequest(reason), cancellationToken);

    /// <summary>Hides/shows and flags/clears a post (moderators).</summary>
    public Task<ApiResult<PostView>> ModeratePostAsync(string labId, string threadId, string postId, ModeratePostRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<PostView>(HttpMethod.Put, $"api/labs/{E(labId)}/threads/{E(threadId)}/posts/{E(postId)}/moderation", request, cancellationToken);

    /// <summary>Locks or unlocks a board (its creator; on a lab's board also the lab's owners and moderators): the board as it is now, or the server's explanation.</summary>
    public Task<ApiResult<BoardInfo>> LockBoardAsync(string boardId, bool locked, CancellationToken cancellationToken = default) =>
        SendAsync<BoardInfo>(HttpMethod.Put, $"api/boards/{E(boardId)}/locked", new LockRequest(locked), cancellationToken);

    /// <summary>Locks or unlocks a thread (moderators).</summary>
    public Task<ApiResult<ThreadSummary>> LockThreadAsync(string labId, string threadId, bool locked, CancellationToken cancellationToken = default) =>
        SendAsync<ThreadSummary>(HttpMethod.Put, $"api/labs/{E(labId)}/threads/{E(threadId)}/locked", new LockRequest(locked), cancellationToken);

    /// <summary>A lab's review queue (moderators), or <c>null</c> when refused.</summary>
    public async Task<IReadOnlyList<ReviewItem>?> GetReviewQueueAsync(string labId, CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync(new Uri($"api/labs/{E(labId)}/moderation", UriKind.Relative), cancellationToken);
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<ReviewItem[]>(BoardJson.Options, cancellationToken) : null;
    }

    /// <summary>The caller's notifications.</summary>
    public async Task<NotificationList> GetNotificationsAsync(CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync(new Uri("api/me/notifications", UriKind.Relative), cancellationToken);
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<NotificationList>(BoardJson.Options, cancellationToken) ?? new([], 0) : new([], 0);
    }

    /// <summary>Marks all the caller's notifications read; <c>null</c> when the server refused (nothing changed).</summary>
    public async Task<NotificationList?> MarkNotificationsReadAsync(CancellationToken cancellationToken = default) =>
        (await SendAsync<NotificationList>(HttpMethod.Post, "api/me/notifications/read", new { }, cancellationToken)).Value;

    /// <summary>Marks the given notifications read (for example the one just opened).</summary>
    public async Task<NotificationList?> MarkNotificationsReadAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken = default) =>
        (await SendAsync<NotificationList>(HttpMethod.Post, "api/me/notifications/read", new { ids }, cancellationToken)).Value;

    // ---- Lessons library ----

    /// <summary>Searches the library (all arguments optional).</summary>
    public async Task<IReadOnlyList<LessonSummary>> SearchLessonsAsync(string? text = null, string? cityId = null, string? theme = null, string? tag = null, LessonKind? kind = null, CancellationToken cancellationToken = default)
    {
        var query = string.Join("&", new[]
        {
            string.IsNullOrWhiteSpace(text) ? null : "q=" + E(text),
            string.IsNullOrWhiteSpace(cityId) ? null : "city=" + E(cityId),
            string.IsNullOrWhiteSpace(theme) ? null : "theme=" + E(theme),
            string.IsNullOrWhiteSpace(tag) ? null : "tag=" + E(tag),
            kind is null ? null : "kind=" + kind,
        }.Where(q => q is not null));
        using var response = await http.GetAsync(new Uri("api/lessons" + (query.Length > 0 ? "?" + query : string.Empty), UriKind.Relative), cancellationToken);
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<LessonSummary[]>(BoardJson.Options, cancellationToken) ?? [] : [];
    }

    /// <summary>One lesson, or <c>null</c>.</summary>
    public async Task<LessonView?> GetLessonAsync(string lessonId, CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync(new Uri($"api/lessons/{E(lessonId)}", UriKind.Relative), cancellationToken);
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<LessonView>(BoardJson.Options, cancellationToken) : null;
    }

    /// <summary>Publishes a lesson from a lab.</summary>
    public Task<ApiResult<LessonView>> PublishLessonAsync(string labId, LessonRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<LessonView>(HttpMethod.Post, $"api/labs/{E(labId)}/lessons", request, cancellationToken);

    /// <summary>Marks a lesson adopted (or not) by the caller's city.</summary>
    public Task<ApiResult<LessonView>> AdoptLessonAsync(string lessonId, bool adopted, CancellationToken cancellationToken = default) =>
        SendAsync<LessonView>(HttpMethod.Put, $"api/lessons/{E(lessonId)}/adopted", new AdoptRequest(adopted), cancellationToken);

    /// <summary>A lab's workshops (empty when the lab may not be seen).</summary>
    public async Task<IReadOnlyList<SessionSummary>> GetSessionsAsync(string labId, CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync(new Uri($"api/labs/{E(labId)}/sessions", UriKind.Relative), cancellationToken);
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<SessionSummary[]>(BoardJson.Options, cancellationToken) ?? [] : [];
    }

    /// <summary>A workshop, or <c>null</c> when it does not exist or may not be seen.</summary>
    public async Task<SessionView?> GetSessionAsync(string labId, string sessionId, CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync(new Uri($"api/labs/{E(labId)}/sessions/{E(sessionId)}", UriKind.Relative), cancellationToken);
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<SessionView>(BoardJson.Options, cancellationToken) : null;
    }

    /// <summary>Prepares a workshop (moderators).</summary>
    public Task<ApiResult<SessionView>> CreateSessionAsync(string labId, CreateSessionRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<SessionView>(HttpMethod.Post, $"api/labs/{E(labId)}/sessions", request, cancellationToken);

    /// <summary>Replaces a workshop's agenda before it starts (moderators).</summary>
    public Task<ApiResult<SessionView>> UpdateSessionAsync(string labId, string sessionId, CreateSessionRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<SessionView>(HttpMethod.Put, $"api/labs/{E(labId)}/sessions/{E(sessionId)}", request, cancellationToken);

    /// <summary>Runs a workshop: start, next, previous, skip, pause, resume, extend, end (moderators).</summary>
    public Task<ApiResult<SessionView>> ControlSessionAsync(string labId, string sessionId, SessionControlRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<SessionView>(HttpMethod.Post, $"api/labs/{E(labId)}/sessions/{E(sessionId)}/control", request, cancellationToken);

    private static string E(string value) => Uri.EscapeDataString(value);

    /// <summary>A workshop's record: agenda with timings, votes, and once ended its top-voted items and decisions (null when it cannot be read).</summary>
    public async Task<SessionOutcomeView?> GetSessionOutcomeAsync(string labId, string sessionId, CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync(new Uri($"api/labs/{E(labId)}/sessions/{E(sessionId)}/outcome", UriKind.Relative), cancellationToken);
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<SessionOutcomeView>(BoardJson.Options, cancellationToken) : null;
    }

    /// <summary>Prepares a workshop from a template: its board layout becomes a new lab board (moderators).</summary>
    public Task<ApiResult<SessionView>> CreateSessionFromTemplateAsync(string labId, SessionFromTemplateRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<SessionView>(HttpMethod.Post, $"api/labs/{E(labId)}/sessions/from-template", request, cancellationToken);

    /// <summary>Replaces the decisions of a workshop's record (moderators).</summary>
    public Task<ApiResult<SessionOutcomeView>> SetSessionDecisionsAsync(string labId, string sessionId, DecisionsRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<SessionOutcomeView>(HttpMethod.Put, $"api/labs/{E(labId)}/sessions/{E(sessionId)}/outcome/decisions", request, cancellationToken);

    /// <summary>The client, for the other parts of this class (a primary constructor's parameter is seen only in its own part).</summary>
    private HttpClient Http => http;

    /// <summary>A workshop's dot vote as the signed-in person may see it (their own dots; null when it cannot be read).</summary>
    public async Task<VoteView?> GetVoteAsync(string labId, string sessionId, string voteId, CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync(new Uri(VotePath(labId, sessionId, voteId), UriKind.Relative), cancellationToken);
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<VoteView>(BoardJson.Options, cancellationToken) : null;
    }

    /// <summary>A closed vote's ranking (null while open or when it cannot be read).</summary>
    public async Task<VoteResults?> GetVoteResultsAsync(string labId, string sessionId, string voteId, CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync(new Uri(VotePath(labId, sessionId, voteId) + "/results", UriKind.Relative), cancellationToken);
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<VoteResults>(BoardJson.Options, cancellationToken) : null;
    }

    /// <summary>Where a closed vote's CSV is downloaded (relative to the app's base).</summary>
    public static string VoteResultsCsvPath(string labId, string sessionId, string voteId) => VotePath(labId, sessionId, voteId) + "/results.csv";

    private static string VotePath(string labId, string sessionId, string voteId) => $"api/labs/{E(labId)}/sessions/{E(sessionId)}/votes/{E(voteId)}";

    /// <summary>Sends a request; the answer's value, or the server's refusal.</summary>
    private async Task<ApiResult<T>> SendAsync<T>(HttpMethod method, string url, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(url, UriKind.Relative)) { Content = body is null ? null : JsonContent.Create(body, body.GetType(), options: BoardJson.Options) };
        using var response = await http.SendAsync(request, cancellationToken);
        return await ResultAsync<T>(response, cancellationToken);
    }

    private async Task<ApiResult<T>> SendContentAsync<T>(HttpMethod method, string url, HttpContent content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(url, UriKind.Relative)) { Content = content };
        using var response = await http.SendAsync(request, cancellationToken);
        return await ResultAsync<T>(response, cancellationToken);
    }

    /// <summary>
    /// The one reading of an answer: the value, or the problem details (RFC 9457) as a refusal: its
    /// <c>code</c>, each field's reasons for invalid input, else the detail (or the title, or the status line).
    /// </summary>
    private static async Task<ApiResult<T>> ResultAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return new(await response.Content.ReadFromJsonAsync<T>(BoardJson.Options, cancellationToken), null, null, 0, ApiResult<T>.NoFields);
        }

        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using var problem = System.Text.Json.JsonDocument.Parse(body);
            var root = problem.RootElement;
            var code = root.TryGetProperty("code", out var c) && c.ValueKind == System.Text.Json.JsonValueKind.String ? c.GetString() : null;
            if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == System.Text.Json.JsonValueKind.Object)
            {
                var fields = new Dictionary<string, string[]>(StringComparer.Ordinal);
                foreach (var field in errors.EnumerateObject())
                {
                    fields[field.Name] = [.. field.Value.EnumerateArray().Select(v => v.GetString() ?? string.Empty)];
                }

                return new(default, string.Join(" ", fields.Values.SelectMany(v => v)), code, status, fields);
            }

            var message = root.TryGetProperty("detail", out var d) && d.GetString() is { } detail ? detail
                : root.TryGetProperty("title", out var t) && t.GetString() is { } title ? title
                : $"{status} {response.ReasonPhrase}";
            return new(default, message, code, status, ApiResult<T>.NoFields);
        }
        catch (System.Text.Json.JsonException)
        {
            return new(default, $"{status} {response.ReasonPhrase}", null, status, ApiResult<T>.NoFields);
        }
    }

    /// <summary>A board's export: <c>json</c> or <c>md</c>.</summary>
    public Task<string> ExportBoardAsync(string boardId, string format, CancellationToken cancellationToken = default) =>
        http.GetStringAsync(new Uri($"api/boards/{Uri.EscapeDataString(boardId)}/export.{format}", UriKind.Relative), cancellationToken);

    /// <summary>One city, or <c>null</c> when there is none with that id.</summary>
    public async Task<CityDto?> GetCityAsync(string cityId, CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync(new Uri($"api/cities/{Uri.EscapeDataString(cityId)}", UriKind.Relative), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<CityDto>(cancellationToken);
    }

    // ---- Pilots ----

    /// <summary>The two ClimHubs with their cities.</summary>
    public async Task<IReadOnlyList<ClimHub>> GetHubsAsync(CancellationToken cancellationToken = default) =>
        await http.GetFromJsonAsync<ClimHub[]>("api/hubs", BoardJson.Options, cancellationToken) ?? [];

    /// <summary>Pilots the caller may read, optionally of one hub or city.</summary>
    public async Task<IReadOnlyList<PilotSummary>> GetPilotsAsync(string? hubId = null, string? cityId = null, CancellationToken cancellationToken = default)
    {
        var query = hubId is not null ? "?hub=" + E(hubId) : cityId is not null ? "?city=" + E(cityId) : string.Empty;
        return await http.GetFromJsonAsync<PilotSummary[]>("api/pilots" + query, BoardJson.Options, cancellationToken) ?? [];
    }

    /// <summary>One pilot, or <c>null</c> (missing, or not visible to the caller).</summary>
    public async Task<PilotView?> GetPilotAsync(string pilotId, CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync(new Uri($"api/pilots/{E(pilotId)}", UriKind.Relative), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<PilotView>(BoardJson.Options, cancellationToken);
    }

    /// <summary>Adds a milestone to a pilot (contributors).</summary>
    public Task<ApiResult<MilestoneView>> AddMilestoneAsync(string pilotId, MilestoneRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<MilestoneView>(HttpMethod.Post, $"api/pilots/{E(pilotId)}/milestones", request, cancellationToken);

    /// <summary>Adds a measurement to a pilot's adopted indicator (contributors).</summary>
    public Task<ApiResult<MeasurementView>> AddMeasurementAsync(string pilotId, string indicatorId, MeasurementRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<MeasurementView>(HttpMethod.Post, $"api/pilots/{E(pilotId)}/indicators/{E(indicatorId)}/measurements", request, cancellationToken);

    /// <summary>
    /// Sends a CSV of measurements (columns date, value, source, note): a dry run answers each row's values or
    /// problems and stores nothing; otherwise every row is stored, or none (the refusal names each row and reason).
    /// </summary>
    public async Task<ApiResult<MeasurementImportView>> ImportMeasurementsAsync(string pilotId, string indicatorId, string csv, bool dryRun, CancellationToken cancellationToken = default)
    {
        using var content = new StringContent(csv, System.Text.Encoding.UTF8, "text/csv");
        return await SendContentAsync<MeasurementImportView>(HttpMethod.Post, $"api/pilots/{E(pilotId)}/indicators/{E(indicatorId)}/measurements/import?dryRun={(dryRun ? "true" : "false")}", content, cancellationToken);
    }

    /// <summary>Creates a pilot in a lab (its moderators or a coordinator of its city); a refusal names each field.</summary>
    public Task<ApiResult<PilotView>> CreatePilotAsync(CreatePilotRequest request, CancellationToken cancellationToken = default) =>
        SendContentAsync<PilotView>(HttpMethod.Post, "api/pilots", JsonContent.Create(request, options: BoardJson.Options), cancellationToken);

    /// <summary>Adopts a catalogue indicator with a baseline and a target (managers); a refusal names each field.</summary>
    public Task<ApiResult<PilotIndicatorView>> AdoptIndicatorAsync(string pilotId, AdoptIndicatorRequest request, CancellationToken cancellationToken = default) =>
        SendContentAsync<PilotIndicatorView>(HttpMethod.Post, $"api/pilots/{E(pilotId)}/indicators", JsonContent.Create(request, options: BoardJson.Options), cancellationToken);

    /// <summary>Moves a pilot along the five-step method (managers).</summary>
    public Task<ApiResult<PilotView>> SetPilotStageAsync(string pilotId, PilotStage stage, CancellationToken cancellationToken = default) =>
        SendAsync<PilotView>(HttpMethod.Put, $"api/pilots/{E(pilotId)}/stage", new PilotStageRequest(stage), cancellationToken);

    /// <summary>The network's indicator catalogue.</summary>
    public async Task<IReadOnlyList<IndicatorDefinition>> GetIndicatorsAsync(CancellationToken cancellationToken = default) =>
        await http.GetFromJsonAsync<IndicatorDefinition[]>("api/indicators", BoardJson.Options, cancellationToken) ?? [];
}
