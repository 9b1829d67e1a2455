namespace Climaborough.Web.Cities;

using Climaborough.Web.Resources;
using Microsoft.Extensions.Localization;

/// <summary>Names of hubs and cities in the reader's language, falling back to the id.</summary>
public static class CityNames
{
    /// <summary>A ClimHub's name.</summary>
    public static string Hub(IStringLocalizer<Strings> l, string hubId) =>
        l["Pilots_Hub_" + hubId] is { ResourceNotFound: false } name ? name.Value : hubId;

    /// <summary>A city's short name.</summary>
    public static string City(IStringLocalizer<Strings> l, string cityId) =>
        l["Pilots_City_" + cityId] is { ResourceNotFound: false } name ? name.Value : cityId;
}
