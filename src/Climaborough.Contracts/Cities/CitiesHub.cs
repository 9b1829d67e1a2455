namespace Climaborough.Contracts;

/// <summary>The cities' part of <see cref="ILiveHub"/>: partner city profiles, public (no sign-in needed).</summary>
public interface ICitiesHub
{
    /// <summary>Starts receiving <see cref="ICitiesClient.CityChanged"/> for the city and returns its current state.</summary>
    /// <exception>A hub error <c>not-found</c> when the city does not exist.</exception>
    Task<CityDto> WatchCity(string cityId);

    /// <summary>Stops receiving changes of the city.</summary>
    Task UnwatchCity(string cityId);
}

/// <summary>The cities' part of <see cref="ILiveClient"/>.</summary>
public interface ICitiesClient
{
    /// <summary>A watched city changed.</summary>
    Task CityChanged(CityDto city);
}
