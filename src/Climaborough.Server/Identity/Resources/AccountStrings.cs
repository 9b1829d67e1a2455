namespace Climaborough.Server.Identity.Resources;

using System.Globalization;
using System.Resources;

/// <summary>
/// The account pages' words in one of the app's two languages, from <c>AccountStrings.resx</c> (English) and
/// <c>AccountStrings.bg.resx</c> (Bulgarian). The language is the page's (its <c>lang</c>, the app's
/// <c>ui_locales</c> or the browser's), not the server's culture, so it is passed explicitly rather than
/// read from <see cref="CultureInfo.CurrentUICulture"/> as <c>IStringLocalizer</c> would.
/// </summary>
public sealed class AccountStrings
{
    /// <summary>The resources (both files).</summary>
    public static ResourceManager Resources { get; } = new(typeof(AccountStrings));

    /// <summary>The English words.</summary>
    public static AccountStrings English { get; } = new("en");

    /// <summary>The Bulgarian words.</summary>
    public static AccountStrings Bulgarian { get; } = new("bg");

    private readonly CultureInfo culture;

    private AccountStrings(string language)
    {
        Language = language;
        culture = CultureInfo.GetCultureInfo(language);
    }

    /// <summary>The language code, <c>en</c> or <c>bg</c> (also the page's <c>lang</c>).</summary>
    public string Language { get; }

    /// <summary>The text of <paramref name="key"/> (the key itself if there is none).</summary>
    public string this[string key] => Resources.GetString(key, culture) ?? key;

    /// <summary>The words of a language code (<c>en</c> unless it is <c>bg</c>).</summary>
    public static AccountStrings For(string language) => language == "bg" ? Bulgarian : English;

    /// <summary>The supported language closest to what was asked (<c>en</c> by default): a code or an <c>Accept-Language</c>/<c>ui_locales</c> list.</summary>
    public static string Pick(string? requested) =>
        (requested ?? string.Empty).Split([' ', ','], StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('-')[0].ToLowerInvariant())
            .FirstOrDefault(l => l is "en" or "bg") ?? "en";

    /// <summary>The text of <paramref name="key"/> with its <c>{0}</c>… filled in (numbers as digits, whatever the culture).</summary>
    public string Format(string key, params object?[] arguments) => string.Format(CultureInfo.InvariantCulture, this[key], arguments);
}
