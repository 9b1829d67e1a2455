namespace Climaborough.Testing;

using System.Collections.Concurrent;

/// <summary>
/// Real access tokens for tests, from the node's own sign-in (code + PKCE through its sign-in page),
/// for the Development demo accounts; cached per node and account. Test names of people map onto
/// those accounts: <c>user-N</c> onto the N-th stakeholder-ish account, anything else onto <c>admin</c>.
/// </summary>
public static class TestTokens
{
    private static readonly ConcurrentDictionary<(string Node, string Account), Lazy<Task<TokenSet>>> Cache = new();

    /// <summary>The demo accounts that are plain members (not administrators).</summary>
    public static readonly IReadOnlyList<string> Members = ["maria", "elena", "ivan", "giulia", "olga"];

    /// <summary>Accounts a test registered (user name → password), usable by name like the demo accounts.</summary>
    public static ConcurrentDictionary<string, string> Registered { get; } = new(StringComparer.Ordinal);

    /// <summary>The demo account a test's person name signs in as.</summary>
    public static string Account(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (Members.Contains(name) || name == "admin" || Registered.ContainsKey(name))
        {
            return name;
        }

        return name.StartsWith("user-", StringComparison.Ordinal) && int.TryParse(name.AsSpan(5), out var n) ? Members[n % Members.Count] : "admin";
    }

    /// <summary>An access token for <paramref name="name"/> on <paramref name="node"/>.</summary>
    public static async Task<string> ForAsync(Uri node, string name)
    {
        ArgumentNullException.ThrowIfNull(node);
        var key = (node.ToString(), Account(name));
        var lazy = Cache.GetOrAdd(key, k => new Lazy<Task<TokenSet>>(() => OidcSignIn.SignInAsync(node, k.Account, Registered.GetValueOrDefault(k.Account))));
        try
        {
            return (await lazy.Value).AccessToken;
        }
        catch
        {
            Cache.TryRemove(key, out _);
            throw;
        }
    }

    /// <summary>Forgets the tokens of whatever node was at <paramref name="node"/> before.</summary>
    public static void Forget(Uri node)
    {
        ArgumentNullException.ThrowIfNull(node);
        foreach (var key in Cache.Keys.Where(k => k.Node == node.ToString()))
        {
            Cache.TryRemove(key, out _);
        }
    }

    /// <summary>An HTTP client signed in as <paramref name="name"/>.</summary>
    public static async Task<HttpClient> ClientAsync(Uri node, string name) => OidcSignIn.Client(node, await ForAsync(node, name));
}
