namespace Climaborough.Server.Tests.Identity;

using System.Collections;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Climaborough.Contracts;
using Climaborough.Server.Identity.Resources;
using Climaborough.Testing;

/// <summary>The account pages' words: both languages complete, in the two .resx files.</summary>
public sealed partial class AccountStringsTests
{
    private static Dictionary<string, string?> Strings(CultureInfo culture) =>
        AccountStrings.Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!
            .Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value, StringComparer.Ordinal);

    [Fact]
    public void Both_languages_have_the_same_keys_no_empty_values_and_the_same_placeholders()
    {
        var english = Strings(CultureInfo.InvariantCulture);
        var bulgarian = Strings(CultureInfo.GetCultureInfo("bg"));

        Assert.True(english.Count > 20);
        Assert.Empty(bulgarian.Keys.Except(english.Keys));
        Assert.Empty(english.Keys.Except(bulgarian.Keys));
        Assert.Empty(english.Where(e => string.IsNullOrWhiteSpace(e.Value)).Select(e => "en " + e.Key));
        Assert.Empty(bulgarian.Where(e => string.IsNullOrWhiteSpace(e.Value)).Select(e => "bg " + e.Key));
        var mismatched = english.Keys.Where(k => !Placeholders(english[k]).SequenceEqual(Placeholders(bulgarian[k]))).ToList();
        Assert.True(mismatched.Count == 0, "placeholders differ: " + string.Join(", ", mismatched));
    }

    [Fact]
    public void The_pages_read_each_language_from_its_own_file()
    {
        Assert.Equal("Sign in", AccountStrings.For("en")["SignInTitle"]);
        Assert.Equal("Вход", AccountStrings.For("bg")["SignInTitle"]);
        Assert.Equal("Най-много 100 знака.", AccountStrings.For("bg").Format("TooLong", 100));
        Assert.Equal("bg", AccountStrings.Pick("bg-BG,bg;q=0.9,en;q=0.8"));
        Assert.Equal("en", AccountStrings.Pick("fr-FR"));
    }

    [Fact]
    public void Every_lab_role_has_its_word_for_the_invitation_in_both_languages()
    {
        foreach (var t in new[] { AccountStrings.English, AccountStrings.Bulgarian })
        {
            Assert.All(Enum.GetNames<LabRole>(), role => Assert.NotEqual("LabRole_" + role, t["LabRole_" + role]));
        }
    }

    private static IEnumerable<string> Placeholders(string? text) =>
        Placeholder().Matches(text ?? string.Empty).Select(m => m.Groups[1].Value).Distinct().Order(StringComparer.Ordinal);

    [GeneratedRegex(@"\{(\d+)(?:[,:][^}]*)?\}")]
    private static partial Regex Placeholder();
}

/// <summary>What a person typed comes back on the account pages as text, never as markup.</summary>
public sealed class AccountPagesEncodingTests(SignInNode fixture) : IClassFixture<SignInNode>
{
    private const string Markup = "\"><script>alert(1)</script><img src=x onerror=alert(2)>";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_failed_sign_in_shows_the_typed_user_name_and_return_address_again_encoded()
    {
        using var http = Browser();
        var page = await http.GetStringAsync(new Uri("account/login?lang=bg", UriKind.Relative), Ct);
        var form = Accounts.HiddenFields(page);
        form["userName"] = "Мария" + Markup;
        form["password"] = "not-a-password";
        form["returnUrl"] = "/labs?q=" + Markup;

        using var content = new FormUrlEncodedContent(form);
        using var response = await http.PostAsync(new Uri("account/login", UriKind.Relative), content, Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Входът не успя", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("value=\"Мария&quot;&gt;&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Equal("/labs?q=" + Markup, Accounts.HiddenFields(html)["returnUrl"]);
    }

    [Fact]
    public async Task A_registration_with_field_errors_shows_what_was_typed_again_encoded()
    {
        var link = await Accounts.InviteLinkAsync(fixture.Url, "maria", "markup@example.org", Ct);
        using var http = Browser();
        var page = await http.GetStringAsync(new Uri(link.PathAndQuery.TrimStart('/'), UriKind.Relative), Ct);
        var form = Accounts.HiddenFields(page);
        form["userName"] = "x" + Markup;
        form["displayName"] = "Мария" + Markup;
        form["email"] = "markup@example.org";
        form["password"] = "short";
        form["confirm"] = "short";

        using var content = new FormUrlEncodedContent(form);
        using var response = await http.PostAsync(new Uri("account/register", UriKind.Relative), content, Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("data-field-error=\"userName\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("value=\"Мария&quot;&gt;&lt;script&gt;", html, StringComparison.Ordinal);
    }

    private HttpClient Browser() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = fixture.Url };
}
