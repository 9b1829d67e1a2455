namespace Climaborough.Testing;

using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

/// <summary>Tokens from the node's OpenID Connect server.</summary>
public sealed record TokenSet(string AccessToken, string? RefreshToken, string? IdToken, int ExpiresIn);

/// <summary>Sign-in failed; <see cref="Exception.Message"/> holds what the server answered.</summary>
public sealed class SignInFailedException(string message) : Exception(message);

/// <summary>
/// Signs in the way the web app does, with a plain HTTP client: authorization code + PKCE against the
/// node, through its sign-in page (antiforgery token, cookie), then the token endpoint.
/// </summary>
public static partial class OidcSignIn
{
    /// <summary>The web app's client id and scopes.</summary>
    public const string ClientId = "climaborough-web";

    /// <summary>Scopes the web app asks for.</summary>
    public const string Scopes = "openid profile email roles offline_access climaborough-api";

    /// <summary>The Development-only demo password of a demo account.</summary>
    public static string DemoPassword(string userName) => userName + "-demo-2026";

    /// <summary>Signs <paramref name="userName"/> in and returns their tokens.</summary>
    public static async Task<TokenSet> SignInAsync(Uri node, string userName, string? password = null, CancellationToken cancellationToken = default)
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() };
        using var http = new HttpClient(handler) { BaseAddress = node };
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var state = Guid.NewGuid().ToString("N");
        var redirect = new Uri(node, "authentication/login-callback").ToString();
        var authorize = $"connect/authorize?client_id={ClientId}&response_type=code&scope={Uri.EscapeDataString(Scopes)}&redirect_uri={Uri.EscapeDataString(redirect)}&code_challenge={challenge}&code_challenge_method=S256&state={state}";

        // The web app's client is registered once the node listens: allow it a moment.
        HttpResponseMessage first;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            first = await http.GetAsync(new Uri(authorize, UriKind.Relative), cancellationToken);
            if (first.StatusCode != HttpStatusCode.BadRequest || DateTime.UtcNow > deadline)
            {
                break;
            }

            first.Dispose();
            await Task.Delay(200, cancellationToken);
        }

        using (first)
        {
            var loginUrl = Expect(first, HttpStatusCode.Redirect, "authorize");
            using var page = await http.GetAsync(loginUrl, cancellationToken);
            var html = await page.Content.ReadAsStringAsync(cancellationToken);
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = Hidden(html, "__RequestVerificationToken"),
                ["returnUrl"] = Hidden(html, "returnUrl"),
                ["lang"] = Hidden(html, "lang"),
                ["userName"] = userName,
                ["password"] = password ?? DemoPassword(userName),
            });
            using var posted = await http.PostAsync(new Uri("account/login", UriKind.Relative), form, cancellationToken);
            if (posted.StatusCode != HttpStatusCode.Redirect)
            {
                throw new SignInFailedException($"sign-in page answered {(int)posted.StatusCode}: {ErrorOf(await posted.Content.ReadAsStringAsync(cancellationToken))}");
            }

            using var back = await http.GetAsync(posted.Headers.Location, cancellationToken);
            var callback = Expect(back, HttpStatusCode.Redirect, "authorize after sign-in");
            var query = System.Web.HttpUtility.ParseQueryString(callback.Query);
            if (query["state"] != state || query["code"] is not { } code)
            {
                throw new SignInFailedException($"unexpected callback {callback}");
            }

            return await TokenAsync(http, new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["code"] = code,
                ["redirect_uri"] = redirect,
                ["client_id"] = ClientId,
                ["code_verifier"] = verifier,
            }, cancellationToken);
        }
    }

    /// <summary>New tokens for a refresh token.</summary>
    public static async Task<TokenSet> RefreshAsync(Uri node, string refreshToken, CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient { BaseAddress = node };
        return await TokenAsync(http, new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken, ["client_id"] = ClientId }, cancellationToken);
    }

    /// <summary>A service client's token (client credentials).</summary>
    public static async Task<TokenSet> ClientCredentialsAsync(Uri node, string clientId, string secret, CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient { BaseAddress = node };
        return await TokenAsync(http, new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret, ["scope"] = "climaborough-api" }, cancellationToken);
    }

    /// <summary>An HTTP client that sends <paramref name="token"/> as a bearer token.</summary>
    public static HttpClient Client(Uri node, string token)
    {
        var http = new HttpClient { BaseAddress = node };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private static async Task<TokenSet> TokenAsync(HttpClient http, Dictionary<string, string> fields, CancellationToken cancellationToken)
    {
        using var content = new FormUrlEncodedContent(fields);
        using var response = await http.PostAsync(new Uri("connect/token", UriKind.Relative), content, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new SignInFailedException($"token endpoint answered {(int)response.StatusCode}: {body}");
        }

        var json = JsonDocument.Parse(body).RootElement;
        return new TokenSet(
            json.GetProperty("access_token").GetString()!,
            json.TryGetProperty("refresh_token", out var r) ? r.GetString() : null,
            json.TryGetProperty("id_token", out var i) ? i.GetString() : null,
            json.TryGetProperty("expires_in", out var e) ? e.GetInt32() : 0);
    }

    private static Uri Expect(HttpResponseMessage response, HttpStatusCode status, string step) =>
        response.StatusCode == status && response.Headers.Location is { } location
            ? location
            : throw new SignInFailedException($"{step} answered {(int)response.StatusCode} {response.Headers.Location}: {response.Content.ReadAsStringAsync().GetAwaiter().GetResult()}");

    private static string Hidden(string html, string name) =>
        Accounts.HiddenFields(html).TryGetValue(name, out var value) ? value : throw new SignInFailedException($"no {name} on the sign-in page");

    private static string ErrorOf(string html) =>
        Regex.Match(html, "data-testid=\"login-error\">([^<]*)<") is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : html[..Math.Min(300, html.Length)];

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
