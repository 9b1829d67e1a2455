namespace Climaborough.Contracts;

using System.Text.RegularExpressions;

/// <summary>Mentions in posts: <c>@username</c> (letters, digits, dot, dash, underscore), not inside an email address.</summary>
public static partial class Mentions
{
    /// <summary>At most this many people are told per post.</summary>
    public const int MaxPerPost = 20;

    /// <summary>The distinct user names mentioned, in order.</summary>
    public static IReadOnlyList<string> Names(string? text) =>
        text is null ? [] : [.. Pattern().Matches(text).Select(m => m.Groups[1].Value.TrimEnd('.')).Distinct(StringComparer.OrdinalIgnoreCase).Take(MaxPerPost)];

    [GeneratedRegex(@"(?<![\w@.])@([A-Za-z0-9][A-Za-z0-9._-]{0,63})", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex Pattern();
}
