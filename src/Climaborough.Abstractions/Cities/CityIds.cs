namespace Climaborough.Abstractions.Cities;

using System.Text.RegularExpressions;

/// <summary>The shape of a city id: lower-case ASCII letters, digits and dashes, 2 to 40 characters.</summary>
public static partial class CityIds
{
    /// <summary>Whether <paramref name="id"/> can name a city.</summary>
    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    [GeneratedRegex("^[a-z][a-z0-9-]{1,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
