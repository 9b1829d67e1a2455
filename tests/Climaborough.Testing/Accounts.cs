namespace Climaborough.Testing;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

/// <summary>Makes accounts the way people get them: an invitation link from a coordinator, then the registration page.</summary>
public static class Accounts
{
    /// <summary>Registers <paramref name="userName"/> through an invitation of <paramref name="inviter"/> (a coordinator: the account joins their city).</summary>
    public static async Task RegisterAsync(Uri node, string inviter, string userName, string password, CancellationToken cancellationToken = default)
    {
        using var api = await TestTokens.ClientAsync(node, inviter);
        using var invited = await api.PostAsJsonAsync("api/invitations", new { email = $"{userName}@example.org" }, cancellationToken);
        invited.EnsureSuccessStatusCode();
        var link = new Uri((await invited.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("link").GetString()!);

        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = node };
        var page = await http.GetStringAsync(new Uri(link.PathAndQuery.TrimStart('/'), UriKind.Relative), cancellationToken);
        var form = new Dictionary<string, string>
        {
            ["userName"] = userName,
            ["displayName"] = userName,
            ["email"] = $"{userName}@example.org",
            ["password"] = password,
            ["confirm"] = password,
        };
        foreach (Match hidden in Regex.Matches(page, "type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\""))
        {
            form.TryAdd(hidden.Groups[1].Value, WebUtility.HtmlDecode(hidden.Groups[2].Value));
        }

        using var content = new FormUrlEncodedContent(form);
        using var response = await http.PostAsync(new Uri("account/register", UriKind.Relative), content, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new SignInFailedException($"registration of {userName} answered {(int)response.StatusCode}");
        }
    }
}
