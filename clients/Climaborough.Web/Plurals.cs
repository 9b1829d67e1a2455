namespace Climaborough.Web;

using System.Globalization;
using Microsoft.Extensions.Localization;

/// <summary>
/// CLDR plural categories for whole numbers, per language: which form of a counted phrase a number
/// takes. English and Bulgarian have two (<c>one</c>, <c>other</c>); Czech and Slovak add <c>few</c>,
/// Slovenian <c>two</c> and <c>few</c>, Croatian and Romanian <c>few</c>. A language not listed uses the
/// English rule. Adding a language: one case here and its <c>Key.category</c> strings.
/// </summary>
public static class PluralRules
{
    /// <summary>The plural category of <paramref name="n"/> in <paramref name="culture"/>'s language: <c>zero</c>, <c>one</c>, <c>two</c>, <c>few</c>, <c>many</c> or <c>other</c>.</summary>
    public static string Category(CultureInfo culture, long n)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var abs = Math.Abs(n);
        var mod10 = abs % 10;
        var mod100 = abs % 100;
        return culture.TwoLetterISOLanguageName switch
        {
            "cs" or "sk" => abs == 1 ? "one" : abs is >= 2 and <= 4 ? "few" : "other",
            "sl" => mod100 == 1 ? "one" : mod100 == 2 ? "two" : mod100 is 3 or 4 ? "few" : "other",
            "hr" or "sr" or "bs" => mod10 == 1 && mod100 != 11 ? "one" : mod10 is >= 2 and <= 4 && mod100 is < 12 or > 14 ? "few" : "other",
            "pl" => abs == 1 ? "one" : mod10 is >= 2 and <= 4 && mod100 is < 12 or > 14 ? "few" : "many",
            "ro" => abs == 1 ? "one" : abs == 0 || mod100 is >= 2 and <= 19 ? "few" : "other",
            "fr" or "pt" => abs is 0 or 1 ? "one" : "other",
            _ => abs == 1 ? "one" : "other",
        };
    }
}

/// <summary>Counted phrases from the resources: <c>Key.one</c>, <c>Key.other</c> (and <c>Key.few</c>, … where a language has them).</summary>
public static class PluralStrings
{
    /// <summary>
    /// The form of <paramref name="key"/> for <paramref name="count"/> in the current UI culture, formatted
    /// with the count as <c>{0}</c> (in the current culture's digits) and <paramref name="args"/> as <c>{1}</c>, ….
    /// A category the resources lack falls back to <c>Key.other</c>.
    /// </summary>
    public static string Plural(this IStringLocalizer localizer, string key, long count, params object?[] args)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        var form = localizer[key + "." + PluralRules.Category(CultureInfo.CurrentUICulture, count)];
        if (form.ResourceNotFound)
        {
            form = localizer[key + ".other"];
        }

        return string.Format(CultureInfo.CurrentCulture, form.Value, [count, .. args]);
    }
}
