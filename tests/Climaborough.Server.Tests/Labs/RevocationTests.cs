namespace Climaborough.Server.Tests.Labs;

using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Climaborough.Contracts;
using Climaborough.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Access that ends on open connections: a person who is removed from a lab, whose lab turns private
/// or whose account is suspended has joined the lab's board, watches the lab and a thread, follows
/// the thread and watches their notifications. After the change returns, nothing of the lab reaches
/// them (they are told <c>AccessLost</c>), their next call gets the normal refusal, and someone who
/// still may read (a demoted moderator) keeps receiving everything — so the test sees events flow.
/// Run on one node, and on two nodes on Azurite with the person on the other node than the change.
/// </summary>
public abstract class RevocationScenarios
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The node where Maria (the owner) and the administrator act.</summary>
    protected abstract Uri Api { get; }

    /// <summary>The node where the people who lose access are connected.</summary>
    protected abstract Uri Live { get; }

    [Fact]
    public async Task A_removed_member_hears_nothing_more_of_the_lab_and_a_demoted_moderator_still_does()
    {
        var lab = await NewLabAsync(LabVisibility.Private, ("ivan", LabRole.Member), ("elena", LabRole.Moderator));
        await using var ivan = await WatcherAsync("ivan", lab);
        await using var elena = await WatcherAsync("elena", lab);
        await using var maria = await WatcherAsync("maria", lab, Api);
        using var owner = await TestTokens.ClientAsync(Api, "maria");
        await ProveFlowAsync(lab, maria, ivan, elena);

        // Demoting a moderator keeps their reading; removing a member ends it, at once.
        (await owner.PutAsJsonAsync($"api/labs/{lab.LabId}/members/{await IdAsync("elena")}", new LabRoleRequest(LabRole.Member), BoardJson.Options, Ct)).EnsureSuccessStatusCode();
        await ivan.WaitForAsync("LabChanged", "Elena Dimitrova|Member");
        var mark = ivan.Mark();
        (await owner.DeleteAsync(new Uri($"api/labs/{lab.LabId}/members/{await IdAsync("ivan")}", UriKind.Relative), Ct)).EnsureSuccessStatusCode();

        await AfterTheChangeAsync(lab, maria, ivan, elena, mark);
        using var removed = await TestTokens.ClientAsync(Live, "ivan");
        Assert.Equal(HttpStatusCode.NotFound, (await removed.GetAsync(new Uri($"api/labs/{lab.LabId}", UriKind.Relative), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await removed.GetAsync(new Uri($"api/boards/{lab.BoardId}", UriKind.Relative), Ct)).StatusCode);
    }

    [Fact]
    public async Task A_partner_city_reader_of_a_network_lab_hears_nothing_more_once_it_is_private()
    {
        var lab = await NewLabAsync(LabVisibility.Network, ("elena", LabRole.Moderator));
        await using var olga = await WatcherAsync("olga", lab, follow: true);
        await using var elena = await WatcherAsync("elena", lab);
        await using var maria = await WatcherAsync("maria", lab, Api);
        using var owner = await TestTokens.ClientAsync(Api, "maria");
        await ProveFlowAsync(lab, maria, olga, elena);

        var mark = olga.Mark();
        (await owner.PutAsJsonAsync($"api/labs/{lab.LabId}", new LabSettingsRequest(lab.Title, LabThemes.EnergyAndMobility, "Now private", LabVisibility.Private), BoardJson.Options, Ct)).EnsureSuccessStatusCode();

        await AfterTheChangeAsync(lab, maria, olga, elena, mark);
    }

    [Fact]
    public async Task An_anonymous_reader_of_a_public_lab_hears_nothing_more_once_it_is_for_the_network_only()
    {
        var lab = await NewLabAsync(LabVisibility.Public, ("elena", LabRole.Moderator));
        var connection = TestHubs.For(Live, null);
        await using var anonymous = new Watcher("anonymous", connection);
        await connection.StartAsync(Ct);
        await connection.InvokeAsync<LabDetails>(nameof(ILiveHub.WatchLab), lab.LabId, Ct);
        await connection.InvokeAsync<ThreadView>(nameof(ILiveHub.WatchThread), lab.LabId, lab.ThreadId, Ct);
        await using var elena = await WatcherAsync("elena", lab);
        using var owner = await TestTokens.ClientAsync(Api, "maria");

        // Events flow to the anonymous reader while the lab is public.
        (await owner.PostAsJsonAsync($"api/labs/{lab.LabId}/threads/{lab.ThreadId}/posts", new ReplyRequest("A reply while public", null), BoardJson.Options, Ct)).EnsureSuccessStatusCode();
        await anonymous.WaitForAsync("ThreadChanged", "A reply while public");
        // The lab's activity line for that reply comes on its own; it belongs before the mark.
        await anonymous.WaitForAsync("LabChanged", "1|Thread ");

        var mark = anonymous.Mark();
        (await owner.PutAsJsonAsync($"api/labs/{lab.LabId}", new LabSettingsRequest(lab.Title, LabThemes.EnergyAndMobility, "Now for the network", LabVisibility.Network), BoardJson.Options, Ct)).EnsureSuccessStatusCode();
        (await owner.PostAsJsonAsync($"api/labs/{lab.LabId}/threads/{lab.ThreadId}/posts", new ReplyRequest("A reply for the network", null), BoardJson.Options, Ct)).EnsureSuccessStatusCode();
        await elena.WaitForAsync("ThreadChanged", "A reply for the network");

        await Task.Delay(TimeSpan.FromSeconds(1), Ct);
        var after = anonymous.Since(mark);
        Assert.All(after, e => Assert.Equal("AccessLost", e.Method));
        Assert.Contains(after, e => e.Text == "lab:" + lab.LabId);
        Assert.Contains(after, e => e.Text == "thread:" + lab.ThreadId);
        var again = await Assert.ThrowsAnyAsync<HubException>(() => connection.InvokeAsync<LabDetails>(nameof(ILiveHub.WatchLab), lab.LabId, Ct));
        Assert.Contains(ErrorCodes.NotFound, again.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_suspended_account_hears_nothing_more_and_reads_nothing_private_with_its_still_valid_token()
    {
        var name = "susp" + Guid.NewGuid().ToString("N")[..6];
        TestTokens.Registered[name] = name + "-secret-123";
        await Accounts.RegisterAsync(Api, "maria", name, name + "-secret-123", Ct);
        var lab = await NewLabAsync(LabVisibility.Private, (name, LabRole.Member), ("elena", LabRole.Moderator));
        await using var suspended = await WatcherAsync(name, lab);
        await using var elena = await WatcherAsync("elena", lab);
        await using var maria = await WatcherAsync("maria", lab, Api);
        await ProveFlowAsync(lab, maria, suspended, elena);
        using var stillValid = await TestTokens.ClientAsync(Live, name);
        Assert.Equal(HttpStatusCode.OK, (await stillValid.GetAsync(new Uri($"api/labs/{lab.LabId}", UriKind.Relative), Ct)).StatusCode);

        var mark = suspended.Mark();
        using var admin = await TestTokens.ClientAsync(Api, "admin");
        (await admin.PutAsJsonAsync($"api/users/{await IdAsync(name)}/roles", new RolesRequest([]), BoardJson.Options, Ct)).EnsureSuccessStatusCode();

        await AfterTheChangeAsync(lab, maria, suspended, elena, mark);

        // The same token, on the routes open to everyone: as if nobody were signed in.
        Assert.Equal(HttpStatusCode.NotFound, (await stillValid.GetAsync(new Uri($"api/labs/{lab.LabId}", UriKind.Relative), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stillValid.GetAsync(new Uri($"api/labs/{lab.LabId}/threads/{lab.ThreadId}", UriKind.Relative), Ct)).StatusCode);
        var listed = await stillValid.GetFromJsonAsync<LabSummary[]>("api/labs", BoardJson.Options, Ct);
        Assert.DoesNotContain(listed!, l => l.Id == lab.LabId);
        var watch = await Assert.ThrowsAsync<HubException>(() => suspended.Connection.InvokeAsync<LabDetails>(nameof(ILiveHub.WatchLab), lab.LabId, Ct));
        Assert.Contains(ErrorCodes.NotFound, watch.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_restored_account_is_heard_again_on_its_still_open_connection_when_suspended_a_second_time()
    {
        var name = "susp" + Guid.NewGuid().ToString("N")[..6];
        TestTokens.Registered[name] = name + "-secret-123";
        await Accounts.RegisterAsync(Api, "maria", name, name + "-secret-123", Ct);
        var lab = await NewLabAsync(LabVisibility.Private, (name, LabRole.Member));
        await using var watcher = await WatcherAsync(name, lab);
        using var admin = await TestTokens.ClientAsync(Api, "admin");
        var roles = $"api/users/{await IdAsync(name)}/roles";
        (await admin.PutAsJsonAsync(roles, new RolesRequest([]), BoardJson.Options, Ct)).EnsureSuccessStatusCode();
        await watcher.WaitForAsync("AccessLost", "lab:" + lab.LabId);

        // Restored: the same connection watches the lab again, and a second suspension ends that watch too.
        (await admin.PutAsJsonAsync(roles, new RolesRequest([PlatformRoles.Member]), BoardJson.Options, Ct)).EnsureSuccessStatusCode();
        await watcher.Connection.InvokeAsync<LabDetails>(nameof(ILiveHub.WatchLab), lab.LabId, Ct);
        var mark = watcher.Mark();
        (await admin.PutAsJsonAsync(roles, new RolesRequest([]), BoardJson.Options, Ct)).EnsureSuccessStatusCode();

        var until = DateTime.UtcNow.AddSeconds(15);
        while (!watcher.Since(mark).Contains(("AccessLost", "lab:" + lab.LabId)))
        {
            Assert.True(DateTime.UtcNow < until, "the second suspension did not end the watch of the lab: " + string.Join(", ", watcher.Since(mark)));
            await Task.Delay(25, Ct);
        }
    }

    /// <summary>Before any change: the watchers do receive board ops, posts and lab changes (so silence later means something).</summary>
    private static async Task ProveFlowAsync(TestLab lab, Watcher maria, Watcher losing, Watcher control)
    {
        Assert.True((await maria.EditAsync(lab.BoardId, "before")).Ok);
        await losing.WaitForAsync("BoardOps", "before");
        await control.WaitForAsync("BoardOps", "before");

        // The lab's activity line for that note comes a little later: let it arrive before the change.
        await losing.WaitForAsync("LabChanged", "1|Board " + lab.Title);
        await control.WaitForAsync("LabChanged", "1|Board " + lab.Title);
    }

    /// <summary>After the change returned: Maria edits, replies, changes the lab and moves; the control sees it all, the other nothing.</summary>
    private async Task AfterTheChangeAsync(TestLab lab, Watcher maria, Watcher losing, Watcher control, int mark)
    {
        using var owner = await TestTokens.ClientAsync(Api, "maria");
        Assert.True((await maria.EditAsync(lab.BoardId, "after the change")).Ok);
        (await owner.PostAsJsonAsync($"api/labs/{lab.LabId}/threads/{lab.ThreadId}/posts", new ReplyRequest("A reply after the change", null), BoardJson.Options, Ct)).EnsureSuccessStatusCode();
        (await owner.PostAsJsonAsync($"api/labs/{lab.LabId}/boards", new CreateBoardRequest("A board after the change"), BoardJson.Options, Ct)).EnsureSuccessStatusCode();
        await maria.Connection.InvokeAsync(nameof(ILiveHub.UpdatePresence), lab.BoardId, new PresenceUpdate(10, 10, []), Ct);

        await control.WaitForAsync("BoardOps", "after the change");
        await control.WaitForAsync("ThreadChanged", "A reply after the change");
        await control.WaitForAsync("LabChanged", "A board after the change");

        // Presence and the reply's notification travel a little later than the ops: give them time too.
        await Task.Delay(TimeSpan.FromSeconds(1.5), Ct);
        var after = losing.Since(mark);
        Assert.All(after, e => Assert.Equal("AccessLost", e.Method));
        Assert.Contains(after, e => e.Text == "board:" + lab.BoardId);
        Assert.Contains(after, e => e.Text == "lab:" + lab.LabId);
        Assert.Contains(after, e => e.Text == "thread:" + lab.ThreadId);

        // Their own presence no longer reaches the others, and their next call is refused as for a missing board.
        var others = maria.Mark();
        try
        {
            await losing.Connection.InvokeAsync(nameof(ILiveHub.UpdatePresence), lab.BoardId, new PresenceUpdate(99, 99, []), Ct);
        }
        catch (HubException ex) when (ex.Message.Contains(ErrorCodes.Unauthorized, StringComparison.Ordinal))
        {
            // A suspended account is refused outright.
        }

        await Task.Delay(TimeSpan.FromSeconds(0.5), Ct);
        Assert.DoesNotContain(maria.Since(others), e => e.Method == "PresenceChanged");
        var join = await Assert.ThrowsAnyAsync<HubException>(() => losing.Connection.InvokeAsync<BoardJoin>(nameof(ILiveHub.JoinBoard), lab.BoardId, 0L, Ct));
        Assert.True(join.Message.Contains(ErrorCodes.NotFound, StringComparison.Ordinal) || join.Message.Contains(ErrorCodes.Unauthorized, StringComparison.Ordinal), join.Message);

        // Following did not outlive access: no stored reply notification with the new post's words.
        if (losing.Name != "suspended")
        {
            using var http = await TestTokens.ClientAsync(Live, losing.Name);
            using var list = await http.GetAsync(new Uri("api/me/notifications", UriKind.Relative), Ct);
            list.EnsureSuccessStatusCode();
            Assert.DoesNotContain("A reply after the change", await list.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
    }

    private sealed record TestLab(string LabId, string Title, string BoardId, string ThreadId);

    private async Task<TestLab> NewLabAsync(LabVisibility visibility, params (string User, LabRole Role)[] members)
    {
        using var maria = await TestTokens.ClientAsync(Api, "maria");
        var title = "Revocation " + Guid.NewGuid().ToString("N")[..6];
        using var created = await maria.PostAsJsonAsync("api/labs", new CreateLabRequest(title, LabThemes.EnergyAndMobility, "About", visibility), BoardJson.Options, Ct);
        created.EnsureSuccessStatusCode();
        var labId = (await created.Content.ReadFromJsonAsync<LabDetails>(BoardJson.Options, Ct))!.Summary.Id;
        using var board = await maria.PostAsJsonAsync($"api/labs/{labId}/boards", new CreateBoardRequest("Board " + title), BoardJson.Options, Ct);
        board.EnsureSuccessStatusCode();
        var boardId = (await board.Content.ReadFromJsonAsync<BoardInfo>(BoardJson.Options, Ct))!.Id;
        using var thread = await maria.PostAsJsonAsync($"api/labs/{labId}/threads", new CreateThreadRequest("Thread " + title, "Opening post"), BoardJson.Options, Ct);
        thread.EnsureSuccessStatusCode();
        var threadId = (await thread.Content.ReadFromJsonAsync<ThreadView>(BoardJson.Options, Ct))!.Summary.Id;
        foreach (var (user, role) in members)
        {
            using var invited = await maria.PostAsJsonAsync($"api/labs/{labId}/invitations", new LabInviteRequest(user, null, role), BoardJson.Options, Ct);
            invited.EnsureSuccessStatusCode();
            var invitation = (await invited.Content.ReadFromJsonAsync<LabInvitation>(BoardJson.Options, Ct))!;
            using var invitee = await TestTokens.ClientAsync(Api, user);
            (await invitee.PostAsJsonAsync($"api/labs/{labId}/join", new { invitationId = invitation.Id }, Ct)).EnsureSuccessStatusCode();
        }

        return new TestLab(labId, title, boardId, threadId);
    }

    private async Task<string> IdAsync(string user)
    {
        using var http = await TestTokens.ClientAsync(Api, user);
        return (await http.GetFromJsonAsync<Me>("api/me", BoardJson.Options, Ct))!.Id;
    }

    /// <summary>A person's hub connection that has joined the board, watches the lab, the thread and their notifications, and follows the thread.</summary>
    private async Task<Watcher> WatcherAsync(string user, TestLab lab, Uri? node = null, bool follow = true)
    {
        var at = node ?? Live;
        var token = await TestTokens.ForAsync(Api, user);
        var connection = TestHubs.WithToken(at, token);
        var watcher = new Watcher(user.StartsWith("susp", StringComparison.Ordinal) ? "suspended" : user, connection);
        await connection.StartAsync(Ct);
        await connection.InvokeAsync<BoardJoin>(nameof(ILiveHub.JoinBoard), lab.BoardId, 0L, Ct);
        await connection.InvokeAsync<LabDetails>(nameof(ILiveHub.WatchLab), lab.LabId, Ct);
        await connection.InvokeAsync<ThreadView>(nameof(ILiveHub.WatchThread), lab.LabId, lab.ThreadId, Ct);
        await connection.InvokeAsync<NotificationList>(nameof(ILiveHub.WatchNotifications), Ct);
        if (follow)
        {
            using var http = OidcSignIn.Client(at, token);
            (await http.PutAsync(new Uri($"api/labs/{lab.LabId}/threads/{lab.ThreadId}/follow", UriKind.Relative), null, Ct)).EnsureSuccessStatusCode();
        }

        return watcher;
    }

    /// <summary>What one connection received, in order: the client method and a text to match.</summary>
    private sealed class Watcher : IAsyncDisposable
    {
        private readonly ConcurrentQueue<(string Method, string Text)> received = new();
        private int clientSeq;

        public Watcher(string name, HubConnection connection)
        {
            Name = name;
            Connection = connection;
            connection.On<string, IReadOnlyList<AppliedOp>>(nameof(ILiveClient.BoardOps), (_, ops) => Add("BoardOps", string.Join("|", ops.SelectMany(o => o.Changes).Select(c => c.Element?.Text))));
            connection.On<string, Participant>(nameof(ILiveClient.PresenceChanged), (_, p) => Add("PresenceChanged", p.Name));
            connection.On<string, LabActivity?>(nameof(ILiveClient.LabChanged), (_, a) => Add("LabChanged", a is null ? string.Empty : string.Join("|", a.Args)));
            connection.On<string, PostView, ThreadSummary>(nameof(ILiveClient.ThreadChanged), (_, post, _) => Add("ThreadChanged", post.Body));
            connection.On<NotificationItem, int>(nameof(ILiveClient.Notified), (n, _) => Add("Notified", n.Excerpt));
            connection.On<string, string>(nameof(ILiveClient.AccessLost), (kind, id) => Add("AccessLost", kind + ":" + id));
        }

        public string Name { get; }

        public HubConnection Connection { get; }

        public int Mark() => received.Count;

        public IReadOnlyList<(string Method, string Text)> Since(int mark) => [.. received.Skip(mark)];

        public async Task WaitForAsync(string method, string text)
        {
            var until = DateTime.UtcNow.AddSeconds(15);
            while (!received.Any(e => e.Method == method && e.Text.Contains(text, StringComparison.Ordinal)))
            {
                Assert.True(DateTime.UtcNow < until, $"{Name} never received {method} with '{text}'; got {string.Join(", ", received.Select(e => e.Method))}");
                await Task.Delay(25, Ct);
            }
        }

        public Task<EditResult> EditAsync(string boardId, string text)
        {
            var id = "n" + Guid.NewGuid().ToString("N")[..10];
            var note = new BoardElement(id, ElementKind.Note, 10, 10, 100, 100, 0, "#ffeb3b", text, null, null, null, string.Empty, default, default);
            return Connection.InvokeAsync<EditResult>(nameof(ILiveHub.Edit), boardId, new BoardEdit("rev-" + Name + "-" + boardId, Interlocked.Increment(ref clientSeq), [new ElementChange(ChangeType.Create, id, note)]), Ct);
        }

        public ValueTask DisposeAsync() => Connection.DisposeAsync();

        private Task Add(string method, string text)
        {
            received.Enqueue((method, text ?? string.Empty));
            return Task.CompletedTask;
        }
    }
}

/// <summary>
/// One node for the single-node scenarios of a class: each scenario makes its own lab (and its own account
/// where it suspends one), so they share the node's start instead of paying it once per scenario.
/// </summary>
public sealed class RevocationNode : IAsyncLifetime
{
    private readonly TempFolder data = new();
    private NodeProcess? node;

    public Uri Url => node!.Url;

    public async ValueTask InitializeAsync()
    {
        node = NodeProcess.Start(new Dictionary<string, string> { ["Storage__DataPath"] = data.Path });
        await node.WaitReadyAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (node is not null)
        {
            await node.DisposeAsync();
        }

        data.Dispose();
    }
}

/// <summary>The scenarios on one node.</summary>
public sealed class RevocationTests(RevocationNode node) : RevocationScenarios, IClassFixture<RevocationNode>
{
    protected override Uri Api => node.Url;

    protected override Uri Live => node.Url;
}

/// <summary>
/// Two nodes in cluster mode on Azurite for the scenarios of a class: Maria and the administrator act on the
/// first node; the people who lose access are connected to the second, whose node observer the lab's
/// (or account's) grain must reach. Accounts and signing keys are shared, as in a real cluster.
/// </summary>
public sealed class RevocationCluster : IAsyncLifetime
{
    private readonly TempFolder identity = new();
    private NodeFactory? first;
    private NodeFactory? second;

    public Uri Api => first!.BaseAddress;

    public Uri Live => second!.BaseAddress;

    public async ValueTask InitializeAsync()
    {
        var azurite = await AzuriteServer.Shared;
        var cluster = "r" + Guid.NewGuid().ToString("N")[..10];
        var port = FreePorts.Next();
        var otherPort = FreePorts.Next();
        var settings = new Dictionary<string, string>
        {
            ["Storage:Backend"] = "AzureStorage",
            ["Storage:Azure:ConnectionString"] = azurite.ConnectionString,
            ["Storage:Azure:ContainerPrefix"] = cluster,
            ["Storage:DataPath"] = identity.Path,
            ["Cluster:Membership"] = "AzureStorage",
            ["Cluster:ClusterId"] = cluster,
            ["Cluster:ServiceId"] = cluster,
            ["Auth:Issuer"] = $"http://127.0.0.1:{port}/",

            // One accounts database for both: the web client's addresses are those of both nodes.
            ["Auth:PublicOrigins:0"] = $"http://127.0.0.1:{port}",
            ["Auth:PublicOrigins:1"] = $"http://127.0.0.1:{otherPort}",
        };
        first = new NodeFactory(settings, port);
        _ = first.BaseAddress;
        second = new NodeFactory(settings, otherPort);
        _ = second.BaseAddress;
        await Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (second is not null)
        {
            await second.DisposeAsync();
        }

        if (first is not null)
        {
            await first.DisposeAsync();
        }

        identity.Dispose();
    }
}

/// <summary>The scenarios on two nodes in cluster mode on Azurite, the people who lose access on the other node than the change.</summary>
public sealed class ClusterRevocationTests(RevocationCluster cluster) : RevocationScenarios, IClassFixture<RevocationCluster>
{
    protected override Uri Api => cluster.Api;

    protected override Uri Live => cluster.Live;
}
