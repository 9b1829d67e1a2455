namespace Climaborough.Server.Tests.Identity;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Climaborough.Contracts;
using Climaborough.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

/// <summary>One Development node (with its demo accounts) in its own process, shared by the sign-in tests.</summary>
public sealed class SignInNode : IAsyncLifetime
{
    private readonly TempFolder data = new();

    public NodeProcess Node { get; private set; } = null!;

    public Uri Url => Node.Url;

    public async ValueTask InitializeAsync()
    {
        Node = NodeProcess.Start(new Dictionary<string, string> { ["Storage__DataPath"] = data.Path, ["Auth__LockoutAttempts"] = "3" });
        await Node.WaitReadyAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Node.DisposeAsync();
        data.Dispose();
    }
}

/// <summary>The OpenID Connect server, tokens on REST and the hub, roles taking effect at once.</summary>
public sealed class SignInTests(SignInNode fixture) : IClassFixture<SignInNode>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Code_flow_with_pkce_gives_tokens_the_api_accepts_and_the_refresh_token_renews_them()
    {
        var tokens = await OidcSignIn.SignInAsync(fixture.Url, "maria", cancellationToken: Ct);
        Assert.NotNull(tokens.RefreshToken);
        Assert.InRange(tokens.ExpiresIn, 1, 15 * 60);

        using var http = OidcSignIn.Client(fixture.Url, tokens.AccessToken);
        var me = await http.GetFromJsonAsync<JsonElement>("api/me", Ct);
        Assert.Equal("Maria Petrova", me.GetProperty("name").GetString());
        Assert.Equal("sofia", me.GetProperty("cityId").GetString());
        Assert.Contains("city-coordinator", me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        var renewed = await OidcSignIn.RefreshAsync(fixture.Url, tokens.RefreshToken!, Ct);
        Assert.NotEqual(tokens.AccessToken, renewed.AccessToken);
        using var again = OidcSignIn.Client(fixture.Url, renewed.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync(new Uri("api/me", UriKind.Relative), Ct)).StatusCode);
    }

    [Fact]
    public async Task The_discovery_document_describes_the_code_flow_with_pkce_refresh_and_client_credentials()
    {
        using var http = new HttpClient { BaseAddress = fixture.Url };
        var discovery = await http.GetFromJsonAsync<JsonElement>(".well-known/openid-configuration", Ct);
        Assert.Equal(fixture.Url.ToString(), discovery.GetProperty("issuer").GetString());
        var grants = discovery.GetProperty("grant_types_supported").EnumerateArray().Select(g => g.GetString()).ToList();
        Assert.Contains("authorization_code", grants);
        Assert.Contains("refresh_token", grants);
        Assert.Contains("client_credentials", grants);
        Assert.Equal(["S256"], discovery.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(m => m.GetString()));
    }

    [Fact]
    public async Task Anonymous_and_forged_tokens_get_401_without_details_and_public_endpoints_stay_open()
    {
        using var anonymous = new HttpClient { BaseAddress = fixture.Url };
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(new Uri("api/cities", UriKind.Relative), Ct)).StatusCode);
        using var none = await anonymous.PostAsJsonAsync("api/boards", new CreateBoardRequest("x"), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);

        var real = await OidcSignIn.SignInAsync(fixture.Url, "ivan", cancellationToken: Ct);
        var parts = real.AccessToken.Split('.');
        var forged = parts[0] + "." + parts[1] + "." + new string('A', parts[2].Length);
        using var http = OidcSignIn.Client(fixture.Url, forged);
        using var refused = await http.GetAsync(new Uri("api/me", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        var body = await refused.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain("signature", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("IDX", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_gets_one_generic_answer_and_repeated_failures_lock_the_account()
    {
        var unknown = await Assert.ThrowsAsync<SignInFailedException>(() => OidcSignIn.SignInAsync(fixture.Url, "nobody-here", "whatever-password", Ct));
        var wrong = await Assert.ThrowsAsync<SignInFailedException>(() => OidcSignIn.SignInAsync(fixture.Url, "olga", "not-her-password", Ct));
        Assert.Contains("Sign-in failed", wrong.Message, StringComparison.Ordinal);
        Assert.Equal(unknown.Message, wrong.Message);

        // The node allows 3 failures (Auth:LockoutAttempts): after them even the right password is refused, with the same words.
        await Assert.ThrowsAsync<SignInFailedException>(() => OidcSignIn.SignInAsync(fixture.Url, "olga", "not-her-password", Ct));
        await Assert.ThrowsAsync<SignInFailedException>(() => OidcSignIn.SignInAsync(fixture.Url, "olga", "not-her-password", Ct));
        var locked = await Assert.ThrowsAsync<SignInFailedException>(() => OidcSignIn.SignInAsync(fixture.Url, "olga", cancellationToken: Ct));
        Assert.Equal(wrong.Message, locked.Message);
    }

    [Fact]
    public async Task The_hub_refuses_anonymous_calls_and_accepts_a_token_in_the_query_string()
    {
        await using var anonymous = Hub(fixture.Url, null);
        await anonymous.StartAsync(Ct);
        var refused = await Assert.ThrowsAsync<HubException>(() => anonymous.InvokeAsync<BoardJoin>(nameof(ILiveHub.JoinBoard), "b-nothing", 0L, Ct));
        Assert.Contains("unauthorized", refused.Message, StringComparison.OrdinalIgnoreCase);

        var tokens = await OidcSignIn.SignInAsync(fixture.Url, "elena", cancellationToken: Ct);
        using var http = OidcSignIn.Client(fixture.Url, tokens.AccessToken);
        var board = await (await http.PostAsJsonAsync("api/boards", new CreateBoardRequest("Hub token"), BoardJson.Options, Ct)).Content.ReadFromJsonAsync<BoardInfo>(BoardJson.Options, Ct);

        // The token in the query string, as a browser's WebSocket sends it (the .NET client would use a header).
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(fixture.Url, LivePaths.Hub.TrimStart('/') + "?access_token=" + Uri.EscapeDataString(tokens.AccessToken)), o =>
            {
                o.SkipNegotiation = true;
                o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
            })
            .AddJsonProtocol(o => BoardJson.Configure(o.PayloadSerializerOptions))
            .Build();
        await hub.StartAsync(Ct);
        var join = await hub.InvokeAsync<BoardJoin>(nameof(ILiveHub.JoinBoard), board!.Id, 0L, Ct);
        Assert.Equal("Hub token", join.Board.Title);

        // Anywhere else a token in the query string is ignored.
        using var plain = new HttpClient { BaseAddress = fixture.Url };
        Assert.Equal(HttpStatusCode.Unauthorized, (await plain.GetAsync(new Uri("api/me?access_token=" + Uri.EscapeDataString(tokens.AccessToken), UriKind.Relative), Ct)).StatusCode);

        // …and no access token ends up in the node's log.
        Assert.DoesNotContain("access_token=", fixture.Node.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(tokens.AccessToken, fixture.Node.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_removed_role_is_refused_on_the_next_hub_call_without_a_reconnect()
    {
        var giulia = await OidcSignIn.SignInAsync(fixture.Url, "giulia", cancellationToken: Ct);
        var admin = await OidcSignIn.SignInAsync(fixture.Url, "admin", cancellationToken: Ct);
        using var giuliaHttp = OidcSignIn.Client(fixture.Url, giulia.AccessToken);
        var board = await (await giuliaHttp.PostAsJsonAsync("api/boards", new CreateBoardRequest("Before"), BoardJson.Options, Ct)).Content.ReadFromJsonAsync<BoardInfo>(BoardJson.Options, Ct);
        await using var hub = Hub(fixture.Url, giulia.AccessToken);
        await hub.StartAsync(Ct);
        await hub.InvokeAsync<BoardJoin>(nameof(ILiveHub.JoinBoard), board!.Id, 0L, Ct);

        using var adminHttp = OidcSignIn.Client(fixture.Url, admin.AccessToken);
        var giuliaId = (await giuliaHttp.GetFromJsonAsync<JsonElement>("api/me", Ct)).GetProperty("id").GetString();
        using var removed = await adminHttp.PutAsJsonAsync($"api/users/{giuliaId}/roles", new { roles = Array.Empty<string>() }, Ct);
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);

        var refused = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<BoardJoin>(nameof(ILiveHub.JoinBoard), board.Id, 0L, Ct));
        Assert.Contains("unauthorized", refused.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HubConnectionState.Connected, hub.State);
        Assert.Equal(HttpStatusCode.Forbidden, (await giuliaHttp.GetAsync(new Uri($"api/boards/{board.Id}", UriKind.Relative), Ct)).StatusCode);
        await Assert.ThrowsAsync<SignInFailedException>(() => OidcSignIn.RefreshAsync(fixture.Url, giulia.RefreshToken!, Ct));
    }

    [Fact]
    public async Task A_coordinator_registers_a_service_client_whose_client_credentials_token_works()
    {
        var maria = await OidcSignIn.SignInAsync(fixture.Url, "maria", cancellationToken: Ct);
        using var http = OidcSignIn.Client(fixture.Url, maria.AccessToken);
        using var created = await http.PostAsJsonAsync("api/service-clients", new { name = "Sofia open data" }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var client = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);

        var tokens = await OidcSignIn.ClientCredentialsAsync(fixture.Url, client.GetProperty("clientId").GetString()!, client.GetProperty("clientSecret").GetString()!, Ct);
        Assert.Null(tokens.RefreshToken);
        using var service = OidcSignIn.Client(fixture.Url, tokens.AccessToken);
        using var board = await service.PostAsJsonAsync("api/boards", new CreateBoardRequest("Made by a script"), BoardJson.Options, Ct);
        Assert.Equal(HttpStatusCode.Created, board.StatusCode);

        await Assert.ThrowsAsync<SignInFailedException>(() => OidcSignIn.ClientCredentialsAsync(fixture.Url, client.GetProperty("clientId").GetString()!, "wrong-secret", Ct));

        // A stakeholder may not register clients.
        var ivan = await OidcSignIn.SignInAsync(fixture.Url, "ivan", cancellationToken: Ct);
        using var ivanHttp = OidcSignIn.Client(fixture.Url, ivan.AccessToken);
        Assert.Equal(HttpStatusCode.Forbidden, (await ivanHttp.PostAsJsonAsync("api/service-clients", new { name = "x" }, Ct)).StatusCode);
    }

    internal static HubConnection Hub(Uri node, string? token, bool webSocketsOnly = false) => TestHubs.WithToken(node, token, webSocketsOnly);
}

/// <summary>Registration by invitation through the server-rendered pages, and password change.</summary>
public sealed class RegistrationTests(SignInNode fixture) : IClassFixture<SignInNode>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_invitation_registers_once_bad_fields_get_field_errors_and_the_new_account_signs_in()
    {
        var maria = await OidcSignIn.SignInAsync(fixture.Url, "maria", cancellationToken: Ct);
        using var http = OidcSignIn.Client(fixture.Url, maria.AccessToken);
        var link = await Accounts.InviteLinkAsync(fixture.Url, "maria", "petar@example.org", Ct);

        using var browser = new Browserish(fixture.Url);
        var page = await browser.GetAsync(link.PathAndQuery);
        Assert.Contains("petar@example.org", page, StringComparison.Ordinal);

        // Bad fields: each gets its own message, nothing is created.
        var (status, html, _) = await browser.PostAsync("account/register", page, new()
        {
            ["userName"] = "p", ["displayName"] = string.Empty, ["email"] = "not-an-email", ["password"] = "short", ["confirm"] = "different",
        });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        foreach (var field in new[] { "userName", "displayName", "email", "password", "confirm" })
        {
            Assert.Contains($"data-field-error=\"{field}\"", html, StringComparison.Ordinal);
        }

        (status, _, var location) = await browser.PostAsync("account/register", html, new()
        {
            ["userName"] = "petar", ["displayName"] = "Petar Ivanov", ["email"] = "petar@example.org", ["password"] = "a-long-enough-secret", ["confirm"] = "a-long-enough-secret", ["lang"] = "bg",
        });
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal("/authentication/login", location);

        // The link works once.
        using var again = new Browserish(fixture.Url);
        var reused = await again.GetAsync(link.PathAndQuery, expect: HttpStatusCode.BadRequest);
        Assert.Contains("not valid", reused, StringComparison.Ordinal);

        // The new account signs in, belongs to Sofia (the coordinator's city) and is a member.
        var petar = await OidcSignIn.SignInAsync(fixture.Url, "petar", "a-long-enough-secret", Ct);
        using var petarHttp = OidcSignIn.Client(fixture.Url, petar.AccessToken);
        var me = await petarHttp.GetFromJsonAsync<JsonElement>("api/me", Ct);
        Assert.Equal("Petar Ivanov", me.GetProperty("name").GetString());
        Assert.Equal("sofia", me.GetProperty("cityId").GetString());
        Assert.Equal(["member"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        // A stakeholder cannot invite; a coordinator cannot invite to another city.
        Assert.Equal(HttpStatusCode.Forbidden, (await petarHttp.PostAsJsonAsync("api/invitations", new { email = "x@example.org" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.PostAsJsonAsync("api/invitations", new { cityId = "torino" }, Ct)).StatusCode);
    }

    [Fact]
    public async Task Without_an_invitation_the_registration_page_says_so_in_the_chosen_language()
    {
        using var browser = new Browserish(fixture.Url);
        var english = await browser.GetAsync("account/register", expect: HttpStatusCode.BadRequest);
        Assert.Contains("Registration is by invitation", english, StringComparison.Ordinal);
        var bulgarian = await browser.GetAsync("account/register?lang=bg", expect: HttpStatusCode.BadRequest);
        Assert.Contains("Регистрацията е с покана", bulgarian, StringComparison.Ordinal);
        Assert.Contains("lang=\"bg\"", bulgarian, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_in_person_changes_their_password_and_the_old_one_stops_working()
    {
        var link = await Accounts.InviteLinkAsync(fixture.Url, "maria", "vera@example.org", Ct);
        using var browser = new Browserish(fixture.Url);
        var form = await browser.GetAsync(link.PathAndQuery);
        await browser.PostAsync("account/register", form, new()
        {
            ["userName"] = "vera", ["displayName"] = "Vera", ["email"] = "vera@example.org", ["password"] = "first-password-1", ["confirm"] = "first-password-1",
        });

        var page = await browser.GetAsync("account/password");
        var (status, wrong, _) = await browser.PostAsync("account/password", page, new() { ["current"] = "not-it-at-all", ["password"] = "second-password-2", ["confirm"] = "second-password-2" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("data-field-error=\"current\"", wrong, StringComparison.Ordinal);
        (status, var done, _) = await browser.PostAsync("account/password", wrong, new() { ["current"] = "first-password-1", ["password"] = "second-password-2", ["confirm"] = "second-password-2" });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("password was changed", done, StringComparison.Ordinal);

        await Assert.ThrowsAsync<SignInFailedException>(() => OidcSignIn.SignInAsync(fixture.Url, "vera", "first-password-1", Ct));
        await OidcSignIn.SignInAsync(fixture.Url, "vera", "second-password-2", Ct);
    }

    [Fact]
    public async Task A_lab_invitation_link_tells_a_stranger_who_invites_them_where_and_registers_them_into_the_lab_with_its_role()
    {
        using var maria = await TestTokens.ClientAsync(fixture.Url, "maria");
        using var created = await maria.PostAsJsonAsync("api/labs", new CreateLabRequest("Invited lab", LabThemes.WasteToCircularity, "About", LabVisibility.Private), BoardJson.Options, Ct);
        var labId = (await created.Content.ReadFromJsonAsync<LabDetails>(BoardJson.Options, Ct))!.Summary.Id;
        using var invited = await maria.PostAsJsonAsync($"api/labs/{labId}/invitations", new LabInviteRequest(null, "nina@example.org", LabRole.Moderator), BoardJson.Options, Ct);
        var link = new Uri((await invited.Content.ReadFromJsonAsync<LabInvitation>(BoardJson.Options, Ct))!.Link!);
        var token = System.Web.HttpUtility.ParseQueryString(link.Query)["token"]!;
        Assert.Equal($"/labs/{labId}/join", link.AbsolutePath);

        // Whoever holds the link, signed in or not, learns the lab, its city, the inviter and the role; a wrong token learns nothing.
        using var stranger = new HttpClient { BaseAddress = fixture.Url };
        using var previewed = await stranger.PostAsJsonAsync($"api/labs/{labId}/join/preview", new { token }, Ct);
        Assert.Equal(HttpStatusCode.OK, previewed.StatusCode);
        var preview = (await previewed.Content.ReadFromJsonAsync<LabInvitationPreview>(BoardJson.Options, Ct))!;
        Assert.Equal(new LabInvitationPreview(labId, "Invited lab", "sofia", "Maria Petrova", LabRole.Moderator), preview);
        Assert.DoesNotContain("nina@example.org", await previewed.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        using var wrong = await stranger.PostAsJsonAsync($"api/labs/{labId}/join/preview", new { token = token + "0" }, Ct);
        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);

        // The registration page takes the same link (no platform invitation needed) and says whose invitation it is.
        using var browser = new Browserish(fixture.Url);
        var page = await browser.GetAsync($"account/register?lab={labId}&labInvitation={token}");
        Assert.Contains("Maria Petrova invites you to the living lab “Invited lab”", page, StringComparison.Ordinal);
        Assert.Contains("as moderator", page, StringComparison.Ordinal);
        Assert.Contains("nina@example.org", page, StringComparison.Ordinal);
        using var bulgarianBrowser = new Browserish(fixture.Url);
        var bulgarian = await bulgarianBrowser.GetAsync($"account/register?lab={labId}&labInvitation={token}&lang=bg");
        Assert.Contains("Maria Petrova ви кани в живата лаборатория „Invited lab“", bulgarian, StringComparison.Ordinal);

        var (status, _, location) = await browser.PostAsync("account/register", page, new()
        {
            ["userName"] = "nina", ["displayName"] = "Nina Koleva", ["email"] = "nina@example.org", ["password"] = "nina-secret-2026", ["confirm"] = "nina-secret-2026",
        });
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal($"/labs/{labId}/join?joined=1", location);

        // Nina signs in and is a moderator of the private lab; the account belongs to no city (a lab's invitation grants none).
        var nina = await OidcSignIn.SignInAsync(fixture.Url, "nina", "nina-secret-2026", Ct);
        using var ninaHttp = OidcSignIn.Client(fixture.Url, nina.AccessToken);
        var details = (await ninaHttp.GetFromJsonAsync<LabDetails>($"api/labs/{labId}", BoardJson.Options, Ct))!;
        Assert.Equal(LabRole.Moderator, details.YourRole);
        Assert.Contains(details.Members, m => m.Name == "Nina Koleva" && m.Role == LabRole.Moderator);
        var me = await ninaHttp.GetFromJsonAsync<JsonElement>("api/me", Ct);
        Assert.True(!me.TryGetProperty("cityId", out var city) || city.ValueKind == JsonValueKind.Null);

        // The link is spent: no preview, no second account.
        using var spent = await stranger.PostAsJsonAsync($"api/labs/{labId}/join/preview", new { token }, Ct);
        Assert.Equal(HttpStatusCode.NotFound, spent.StatusCode);
        using var again = new Browserish(fixture.Url);
        var reused = await again.GetAsync($"account/register?lab={labId}&labInvitation={token}", expect: HttpStatusCode.BadRequest);
        Assert.Contains("not valid", reused, StringComparison.Ordinal);
    }

    /// <summary>Cookies, no redirects followed, forms posted with the page's antiforgery token.</summary>
    private sealed class Browserish(Uri node) : IDisposable
    {
        private readonly HttpClient http = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = node };

        public async Task<string> GetAsync(string path, HttpStatusCode expect = HttpStatusCode.OK)
        {
            using var response = await http.GetAsync(new Uri(path.TrimStart('/'), UriKind.Relative), Ct);
            Assert.Equal(expect, response.StatusCode);
            return await response.Content.ReadAsStringAsync(Ct);
        }

        public async Task<(HttpStatusCode Status, string Html, string? Location)> PostAsync(string path, string page, Dictionary<string, string> fields)
        {
            var form = new Dictionary<string, string>(fields);
            foreach (var (name, value) in Accounts.HiddenFields(page))
            {
                form.TryAdd(name, value);
            }

            using var content = new FormUrlEncodedContent(form);
            using var response = await http.PostAsync(new Uri(path, UriKind.Relative), content, Ct);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct), response.Headers.Location?.ToString());
        }

        public void Dispose() => http.Dispose();
    }
}
