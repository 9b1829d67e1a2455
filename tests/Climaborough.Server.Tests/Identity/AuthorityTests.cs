namespace Climaborough.Server.Tests.Identity;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Climaborough.Contracts;
using Climaborough.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

/// <summary>Token validation against a configured external authority, and expiry.</summary>
public sealed class AuthorityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_node_configured_with_an_external_authority_accepts_its_tokens_and_refuses_tokens_of_other_issuers()
    {
        // The authority: a separately started OpenIddict server (another node, with its demo accounts).
        using var authorityData = new TempFolder();
        await using var authority = NodeProcess.Start(new Dictionary<string, string> { ["Storage__DataPath"] = authorityData.Path });
        using var apiData = new TempFolder();
        await using var api = NodeProcess.Start(new Dictionary<string, string>
        {
            ["Storage__DataPath"] = apiData.Path,
            ["Auth__Authority"] = authority.Url.ToString(),
        });
        await authority.WaitReadyAsync();
        await api.WaitReadyAsync();

        var fromAuthority = await OidcSignIn.SignInAsync(authority.Url, "maria", cancellationToken: Ct);
        using var http = OidcSignIn.Client(api.Url, fromAuthority.AccessToken);
        using var created = await http.PostAsJsonAsync("api/boards", new CreateBoardRequest("Validated elsewhere"), BoardJson.Options, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var board = await created.Content.ReadFromJsonAsync<BoardInfo>(BoardJson.Options, Ct);

        await using var hub = SignInTests.Hub(api.Url, fromAuthority.AccessToken, webSocketsOnly: true);
        await hub.StartAsync(Ct);
        var join = await hub.InvokeAsync<BoardJoin>(nameof(ILiveHub.JoinBoard), board!.Id, 0L, Ct);
        Assert.Equal("Validated elsewhere", join.Board.Title);

        // A token of the API node's own built-in server is from another issuer now: refused.
        var own = await OidcSignIn.SignInAsync(api.Url, "ivan", cancellationToken: Ct);
        using var foreign = OidcSignIn.Client(api.Url, own.AccessToken);
        Assert.Equal(HttpStatusCode.Unauthorized, (await foreign.GetAsync(new Uri($"api/boards/{board.Id}", UriKind.Relative), Ct)).StatusCode);
    }

    [Fact]
    public async Task An_expired_token_is_refused_by_the_api_and_by_the_hub()
    {
        using var data = new TempFolder();
        await using var node = NodeProcess.Start(new Dictionary<string, string>
        {
            ["Storage__DataPath"] = data.Path,
            ["Auth__AccessTokenLifetime"] = "00:00:15",
        });
        await node.WaitReadyAsync();
        var tokens = await OidcSignIn.SignInAsync(node.Url, "ivan", cancellationToken: Ct);
        using var http = OidcSignIn.Client(node.Url, tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("api/me", UriKind.Relative), Ct)).StatusCode);

        // Once the token's lifetime (15 s here) has passed, the same call is refused.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var status = HttpStatusCode.OK;
        while (status == HttpStatusCode.OK && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500, Ct);
            status = (await http.GetAsync(new Uri("api/me", UriKind.Relative), Ct)).StatusCode;
        }

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        await using var hub = SignInTests.Hub(node.Url, tokens.AccessToken);
        await hub.StartAsync(Ct);
        var refused = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<BoardJoin>(nameof(ILiveHub.JoinBoard), "b-anything", 0L, Ct));
        Assert.Contains("unauthorized", refused.Message, StringComparison.OrdinalIgnoreCase);
    }
}
