namespace Climaborough.Contracts;

/// <summary>The browser's one hub. Method names are bound with <c>nameof</c>, never string literals.</summary>
public interface ILiveHub
{
    /// <summary>Starts receiving <see cref="ILiveClient.CityChanged"/> for the city and returns its current state.</summary>
    /// <exception>A hub error <c>not-found</c> when the city does not exist.</exception>
    Task<CityDto> WatchCity(string cityId);

    /// <summary>Stops receiving changes of the city.</summary>
    Task UnwatchCity(string cityId);
}

/// <summary>What the server calls on connected clients.</summary>
public interface ILiveClient
{
    /// <summary>A watched city changed.</summary>
    Task CityChanged(CityDto city);
}

/// <summary>Well-known paths.</summary>
public static class LivePaths
{
    /// <summary>The hub's path.</summary>
    public const string Hub = "/hubs/live";
}

/// <summary>Typed errors sent by hub methods, as the message of the hub exception: <c>code: text</c>.</summary>
public static class HubErrorCodes
{
    /// <summary>The object does not exist (or the caller may not know it does).</summary>
    public const string NotFound = "not-found";

    /// <summary>The request was malformed.</summary>
    public const string InvalidArgument = "invalid-argument";
}
