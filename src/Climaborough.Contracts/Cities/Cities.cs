namespace Climaborough.Contracts;

/// <summary>A partner city as the API and the hub show it.</summary>
/// <param name="Id">Lower-case id, e.g. <c>sofia</c>.</param>
/// <param name="Name">Name in the city's own language.</param>
/// <param name="Country">ISO 3166-1 alpha-2 country code.</param>
/// <param name="Languages">BCP 47 language tags the city works in.</param>
/// <param name="UpdatedAt">When the profile last changed.</param>
public sealed record CityDto(string Id, string Name, string Country, IReadOnlyList<string> Languages, DateTimeOffset UpdatedAt);
