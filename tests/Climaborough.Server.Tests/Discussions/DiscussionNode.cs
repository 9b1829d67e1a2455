namespace Climaborough.Server.Tests.Discussions;

using System.Net.Http.Json;
using Climaborough.Contracts;
using Climaborough.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// A node with a private Sofia lab "Circular Sofia" made by Maria (owner) where Elena is moderator, Ivan
/// member and Giulia (Torino) observer; Olga (Maribor) is in no lab.
/// </summary>
public sealed class DiscussionNode : IAsyncLifetime
{
    private readonly TempFolder data = new();

    public NodeProcess Node { get; private set; } = null!;

    public Uri Url => Node.Url;

    public string LabId { get; private set; } = string.Empty;

    public string BoardId { get; private set; } = string.Empty;

    public async ValueTask InitializeAsync()
    {
        Node = NodeProcess.Start(new Dictionary<string, string> { ["Storage__DataPath"] = data.Path });
        await Node.WaitReadyAsync();
        using var maria = await TestTokens.ClientAsync(Url, "maria");
        using var created = await maria.PostAsJsonAsync("api/labs", new CreateLabRequest("Circular Sofia", LabThemes.WasteToCircularity, "Sorting at home", LabVisibility.Private), BoardJson.Options);
        created.EnsureSuccessStatusCode();
        LabId = (await created.Content.ReadFromJsonAsync<LabDetails>(BoardJson.Options))!.Summary.Id;
        using var board = await maria.PostAsJsonAsync($"api/labs/{LabId}/boards", new CreateBoardRequest("Collection points"), BoardJson.Options);
        board.EnsureSuccessStatusCode();
        BoardId = (await board.Content.ReadFromJsonAsync<BoardInfo>(BoardJson.Options))!.Id;
        foreach (var (user, role) in new[] { ("elena", LabRole.Moderator), ("ivan", LabRole.Member), ("giulia", LabRole.Observer) })
        {
            using var invited = await maria.PostAsJsonAsync($"api/labs/{LabId}/invitations", new LabInviteRequest(user, null, role), BoardJson.Options);
            invited.EnsureSuccessStatusCode();
            var invitation = (await invited.Content.ReadFromJsonAsync<LabInvitation>(BoardJson.Options))!;
            using var invitee = await TestTokens.ClientAsync(Url, user);
            using var joined = await invitee.PostAsJsonAsync($"api/labs/{LabId}/join", new { invitationId = invitation.Id });
            joined.EnsureSuccessStatusCode();
        }
    }

    public Task<HttpClient> As(string user) => user == "anonymous" ? Task.FromResult(new HttpClient { BaseAddress = Url }) : TestTokens.ClientAsync(Url, user);

    /// <summary>A signed-in hub connection (not started).</summary>
    public HubConnection Hub(string user) => TestHubs.For(Url, user);

    /// <summary>Maria opens a thread; answers its id.</summary>
    public async Task<string> NewThreadAsync(string title, string body = "Opening post", string user = "maria")
    {
        using var http = await As(user);
        using var created = await http.PostAsJsonAsync($"api/labs/{LabId}/threads", new CreateThreadRequest(title, body), BoardJson.Options);
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<ThreadView>(BoardJson.Options))!.Summary.Id;
    }

    public async ValueTask DisposeAsync()
    {
        await Node.DisposeAsync();
        data.Dispose();
    }
}

[CollectionDefinition("discussions")]
public sealed class DiscussionCollection : ICollectionFixture<DiscussionNode>;
