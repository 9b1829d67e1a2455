namespace Climaborough.Testing;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

/// <summary>Makes accounts the way people get them: an invitation link from a coordinator, then the registration page.</summary>
public static partial class Accounts
{
    /// <summary>An invitation link made by <paramref name="inviter"/> (a coordinator: the account will join their city).</summary>
    public static async Task<Uri> InviteLinkAsync(Uri node, string inviter, string email, CancellationToken cancellationToken = default)
    {
        using var api = await TestTokens.ClientAsync(node, inviter);
        using var invited = await api.PostAsJsonAsync("api/invitations", new { email }, cancellationToken);
        invited.EnsureSuccessStatusCode();
        return new Uri((await invited.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("link").GetString()!);
    }

    /// <summary>Registers <paramref name="userName"/> through an invitation of <paramref name="inviter"/>.</summary>
    public static async Task RegisterAsync(Uri node, string inviter, string userName, string password, CancellationToken cancellationToken = default)
    {
        var link = await InviteLinkAsync(node, inviter, $"{userName}@example.org", cancellationToken);
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
        foreach (var (name, value) in HiddenFields(page))
        {
            form.TryAdd(name, value);
        }

        using var content = new FormUrlEncodedContent(form);
        using var response = await http.PostAsync(new Uri("account/register", UriKind.Relative), content, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new SignInFailedException($"registration of {userName} answered {(int)response.StatusCode}");
        }
    }

    /// <summary>The hidden fields of the account pages' forms (antiforgery token, return URL, invitation, language).</summary>
    public static Dictionary<string, string> HiddenFields(string html)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match hidden in HiddenField().Matches(html))
        {
            fields.TryAdd(hidden.Groups[1].Value, WebUtility.HtmlDecode(hidden.Groups[2].Value));
        }

        return fields;
    }

    [GeneratedRegex("type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenField();
}
