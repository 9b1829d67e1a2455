namespace Climaborough.Server.Tests.Hardening;

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Climaborough.Contracts;
using Climaborough.Server.Tests.Discussions;
using Climaborough.Testing;

/// <summary>
/// Issue 12's web hardening on a real node: security headers on every response, enums only by name
/// (400 naming the field), display names that cannot impersonate, account pages that answer malformed
/// posts with 400 instead of 500.
/// </summary>
[Collection("discussions")]
public sealed class WebHardeningTests(DiscussionNode lab)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // ---- headers ------------------------------------------------------------------------------

    [Theory]
    [InlineData("/")]
    [InlineData("/labs/some-lab")]
    [InlineData("/index.html")]
    [InlineData("/css/app.css")]
    [InlineData("/_framework/blazor.webassembly.js")]
    [InlineData("/account/login")]
    [InlineData("/account/register")]
    [InlineData("/api/cities")]
    [InlineData("/api/no-such-endpoint")]
    [InlineData("/.well-known/openid-configuration")]
    [InlineData("/health/ready")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        using var http = new HttpClient { BaseAddress = lab.Url };
        using var response = await http.GetAsync(new Uri(path.TrimStart('/'), UriKind.Relative), Ct);

        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        var account = path.StartsWith("/account", StringComparison.Ordinal);
        Assert.Equal(account ? "DENY" : "SAMEORIGIN", Header(response, "X-Frame-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
        var csp = Directives(Header(response, "Content-Security-Policy"));
        Assert.Equal(["'self'"], csp["default-src"]);
        Assert.Equal(["'self'", "'wasm-unsafe-eval'"], csp["script-src"]);
        Assert.Equal(["'self'"], csp["connect-src"]);
        Assert.Equal(["'self'", "data:"], csp["img-src"]);
        Assert.Equal(["'self'"], csp["style-src"]);
        Assert.Equal([account ? "'none'" : "'self'"], csp["frame-ancestors"]);
        Assert.Equal(["'none'"], csp["object-src"]);
        foreach (var (name, sources) in csp)
        {
            // Nothing unsafe but WebAssembly compilation, and inline style attributes (docs/security.md).
            Assert.All(sources, s => Assert.True(
                !s.StartsWith("'unsafe", StringComparison.Ordinal) || (name == "style-src-attr" && s == "'unsafe-inline'"),
                $"{name} {s}"));
            Assert.DoesNotContain("*", sources);
            Assert.All(sources, s => Assert.False(s.Contains("://", StringComparison.Ordinal) || s is "http:" or "https:" or "ws:" or "wss:", $"{name} allows {s}"));
        }
    }

    [Fact]
    public async Task The_app_and_the_account_pages_have_no_inline_script_or_style_element()
    {
        using var http = new HttpClient { BaseAddress = lab.Url };
        foreach (var path in new[] { "index.html", "account/login", "account/register" })
        {
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative), Ct);
            var html = await response.Content.ReadAsStringAsync(Ct);
            Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)", html);
            Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotMatch("\\son[a-z]+=", html);
            Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        }
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"{name} is missing on {response.RequestMessage?.RequestUri} ({(int)response.StatusCode})");

    private static Dictionary<string, string[]> Directives(string csp) =>
        csp.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(d => d[0], d => d[1..], StringComparer.Ordinal);

    // ---- enums ------------------------------------------------------------------------------

    [Theory]
    [InlineData("5")]
    [InlineData("-1")]
    [InlineData("\"99\"")]
    [InlineData("\"1\"")]
    [InlineData("\"Private, Public\"")]
    [InlineData("\"Secret\"")]
    [InlineData("true")]
    public async Task A_lab_with_a_visibility_that_is_not_one_of_its_names_is_refused_naming_the_field_and_nothing_is_created(string visibility)
    {
        using var maria = await lab.As("maria");
        var title = "Numbered lab " + Guid.NewGuid().ToString("N")[..8];
        using var body = Json($$"""{"title":"{{title}}","theme":"{{LabThemes.WasteToCircularity}}","description":"x","visibility":{{visibility}}}""");
        using var created = await maria.PostAsync(new Uri("api/labs", UriKind.Relative), body, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, created.StatusCode);
        var problem = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("visibility", problem.GetProperty("field").GetString());
        Assert.Contains("visibility", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var labs = await maria.GetStringAsync(new Uri("api/labs", UriKind.Relative), Ct);
        Assert.DoesNotContain(title, labs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Roles_and_visibility_by_number_are_refused_on_every_route_and_names_still_work()
    {
        using var maria = await lab.As("maria");
        var settings = $$"""{"title":"Circular Sofia","theme":"{{LabThemes.WasteToCircularity}}","description":"Sorting at home","visibility":""";
        foreach (var (method, path, json, field) in new[]
        {
            (HttpMethod.Put, $"api/labs/{lab.LabId}", settings + "9}", "visibility"),
            (HttpMethod.Post, $"api/labs/{lab.LabId}/invitations", """{"userName":"olga","role":7}""", "role"),
            (HttpMethod.Post, $"api/labs/{lab.LabId}/invitations", """{"userName":"olga","role":"7"}""", "role"),
            (HttpMethod.Put, $"api/labs/{lab.LabId}/members/demo:ivan", """{"role":99}""", "role"),
            (HttpMethod.Put, $"api/labs/{lab.LabId}/members/demo:ivan", """{"role":-1}""", "role"),
        })
        {
            using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = Json(json) };
            using var response = await maria.SendAsync(request, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{method} {path} {json}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
            Assert.Equal(field, (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("field").GetString());
        }

        var details = (await maria.GetFromJsonAsync<LabDetails>($"api/labs/{lab.LabId}", BoardJson.Options, Ct))!;
        Assert.Equal(LabVisibility.Private, details.Summary.Visibility);
        Assert.Equal(LabRole.Member, details.Members.Single(m => m.Name == "Ivan Georgiev").Role);

        // Names (any case) are the way to say an enum.
        using var named = await maria.PutAsync(new Uri($"api/labs/{lab.LabId}", UriKind.Relative), Json(settings + "\"private\"}"), Ct);
        Assert.True(named.IsSuccessStatusCode, await named.Content.ReadAsStringAsync(Ct));
        Assert.Equal(LabVisibility.Private, (await maria.GetFromJsonAsync<LabDetails>($"api/labs/{lab.LabId}", BoardJson.Options, Ct))!.Summary.Visibility);
    }

    [Theory]
    [InlineData("\"Owner\"", true)]
    [InlineData("\"moderator\"", true)]
    [InlineData("3", false)]
    [InlineData("\"3\"", false)]
    [InlineData("\" 3\"", false)]
    [InlineData("\"Owner,Member\"", false)]
    [InlineData("\"\"", false)]
    [InlineData("null", false)]
    public void The_strict_converter_reads_only_names(string json, bool ok)
    {
        if (ok)
        {
            Assert.True(Enum.IsDefined(JsonSerializer.Deserialize<LabRole>(json, BoardJson.Options)));
        }
        else
        {
            Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<LabRole>(json, BoardJson.Options));
        }

        Assert.Equal("\"Moderator\"", JsonSerializer.Serialize(LabRole.Moderator, BoardJson.Options));
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    // ---- account pages ------------------------------------------------------------------------

    [Theory]
    [InlineData("M\u200Baria Petrova", "NameInvisible")]
    [InlineData("\u202Eavorteп airaM", "NameInvisible")]
    [InlineData("Maria\u2066 Petrova\u2069", "NameInvisible")]
    [InlineData("Maria\u00ADPetrova", "NameInvisible")]
    [InlineData("Maria\uFEFF", "NameInvisible")]
    [InlineData("Maria\u2028Petrova", "NameInvisible")]
    [InlineData("Z\u0351\u0352\u0353algo", "NameMarks")]
    public async Task A_display_name_with_invisible_characters_or_stacked_marks_is_refused_with_a_message_on_that_field(string name, string reason)
    {
        var user = "imp" + Guid.NewGuid().ToString("N")[..8];
        var (status, html) = await RegisterAsync(user, name);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("data-field-error=\"displayName\"", html, StringComparison.Ordinal);
        Assert.Contains(reason == "NameMarks" ? "combining marks" : "invisible or control characters", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-field-error=\"userName\"", html, StringComparison.Ordinal);
        await Assert.ThrowsAsync<SignInFailedException>(() => OidcSignIn.SignInAsync(lab.Url, user, "a-long-enough-secret", Ct));
    }

    [Fact]
    public async Task A_display_name_is_stored_in_NFC_with_single_spaces_and_two_accents_on_a_letter_are_fine()
    {
        var user = "nfc" + Guid.NewGuid().ToString("N")[..8];
        var (status, html) = await RegisterAsync(user, "  Mari\u0301a   Pe\u0308\u0301trova ");
        Assert.True(status == HttpStatusCode.Redirect, html);

        var tokens = await OidcSignIn.SignInAsync(lab.Url, user, "a-long-enough-secret", Ct);
        using var http = OidcSignIn.Client(lab.Url, tokens.AccessToken);
        var me = await http.GetFromJsonAsync<JsonElement>("api/me", Ct);
        Assert.Equal("Mar\u00EDa P\u00EB\u0301trova", me.GetProperty("name").GetString());
    }

    private async Task<(HttpStatusCode Status, string Html)> RegisterAsync(string user, string displayName)
    {
        var link = await Accounts.InviteLinkAsync(lab.Url, "maria", $"{user}@example.org", Ct);
        using var browser = Browser();
        var page = await browser.GetStringAsync(new Uri(link.PathAndQuery.TrimStart('/'), UriKind.Relative), Ct);
        var form = Form(page, new()
        {
            ["userName"] = user, ["displayName"] = displayName, ["email"] = $"{user}@example.org", ["password"] = "a-long-enough-secret", ["confirm"] = "a-long-enough-secret",
        });
        using var response = await browser.PostAsync(new Uri("account/register", UriKind.Relative), new FormUrlEncodedContent(form), Ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    [Theory]
    [InlineData("userName")]
    [InlineData("password")]
    [InlineData("returnUrl")]
    [InlineData("lang")]
    public async Task A_sign_in_form_field_with_U0000_is_a_400_not_a_500(string field)
    {
        using var browser = Browser();
        var page = await browser.GetStringAsync(new Uri("account/login?returnUrl=%2F", UriKind.Relative), Ct);
        var fields = new Dictionary<string, string> { ["userName"] = "maria", ["password"] = "not-the-password" };
        fields[field] = (field == "returnUrl" ? "/" : "x") + "\0y";
        var body = string.Join('&', Form(page, fields).Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));
        Assert.Contains("%00", body, StringComparison.Ordinal);
        using var response = await browser.PostAsync(new Uri("account/login", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("account/login")]
    [InlineData("account/register")]
    [InlineData("account/password")]
    public async Task A_post_without_the_antiforgery_cookie_or_token_or_not_a_form_is_a_400_not_a_500(string path)
    {
        // A fresh client: no antiforgery cookie at all.
        using var stranger = Browser();
        using var noCookie = await stranger.PostAsync(new Uri(path, UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string> { ["userName"] = "maria", ["password"] = "x" }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, noCookie.StatusCode);

        // The page's token, without the cookie it belongs to.
        using var browser = Browser();
        var page = await browser.GetStringAsync(new Uri("account/login", UriKind.Relative), Ct);
        using var other = Browser();
        using var tokenOnly = await other.PostAsync(new Uri(path, UriKind.Relative), new FormUrlEncodedContent(Form(page, new() { ["userName"] = "maria" })), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, tokenOnly.StatusCode);

        using var json = await stranger.PostAsync(new Uri(path, UriKind.Relative), Json("{}"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
        using var brokenBody = new ByteArrayContent("--x\r\nno headers at all"u8.ToArray());
        brokenBody.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=x");
        using var broken = await stranger.PostAsync(new Uri(path, UriKind.Relative), brokenBody, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
    }

    [Fact]
    public async Task Sign_in_without_the_antiforgery_cookie_shows_the_form_again_with_a_fresh_token()
    {
        using var stranger = Browser();
        using var response = await stranger.PostAsync(new Uri("account/login", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string> { ["userName"] = "maria", ["password"] = "x" }), Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("form has expired", html, StringComparison.Ordinal);
        Assert.Contains("__RequestVerificationToken", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/%09/evil.example")]
    [InlineData("/%0A/evil.example")]
    [InlineData("/%0D%0A/evil.example")]
    [InlineData("/%00")]
    [InlineData("//evil.example")]
    [InlineData("/%5Cevil.example")]
    [InlineData("https://evil.example/")]
    public async Task Sign_out_with_a_return_address_that_is_not_local_goes_to_the_root(string returnUrl)
    {
        using var browser = Browser();
        using var response = await browser.GetAsync(new Uri("account/logout?returnUrl=" + returnUrl, UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Sign_out_keeps_a_local_return_address()
    {
        using var browser = Browser();
        using var response = await browser.GetAsync(new Uri("account/logout?returnUrl=%2Flabs%3Fcity%3Dsofia", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/labs?city=sofia", response.Headers.Location?.OriginalString);
    }

    private HttpClient Browser() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = lab.Url };

    private static Dictionary<string, string> Form(string page, Dictionary<string, string> fields)
    {
        var form = new Dictionary<string, string>(fields);
        foreach (var (name, value) in Accounts.HiddenFields(page))
        {
            form.TryAdd(name, value);
        }

        return form;
    }
}
