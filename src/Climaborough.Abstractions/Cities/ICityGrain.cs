namespace Climaborough.Abstractions.Cities;

using Climaborough.Abstractions.Realtime;

/// <summary>A partner municipality (tenant), keyed by its lower-case id, e.g. <c>sofia</c>.</summary>
[LiveTopic(TopicNames.CityKind)]
public interface ICityGrain : IGrainWithStringKey, ITopicGrain
{
    /// <summary>The city, or <c>null</c> when no city with this id was ever stored.</summary>
    Task<CityInfo?> GetAsync();

    /// <summary>Creates or updates the city's profile and tells every node watching it.</summary>
    Task<CityInfo> UpsertAsync(CityProfile profile);

    /// <summary>The city's living labs (ids, oldest first).</summary>
    Task<IReadOnlyList<string>> ListLabsAsync();

    /// <summary>Registers one of the city's labs; twice changes nothing.</summary>
    Task AddLabAsync(string labId);

    /// <summary>
    /// The lab id for a creation that <paramref name="userId"/> asked for with <paramref name="requestId"/>:
    /// the one given the first time, else <paramref name="newLabId"/> (remembered, bounded), so a repeated
    /// request creates no second lab.
    /// </summary>
    Task<string> ClaimLabIdAsync(string userId, string requestId, string newLabId);
}

/// <summary>The list of every partner city of the network (a single activation, key <see cref="NetworkKey"/>).</summary>
public interface ICityDirectoryGrain : IGrainWithStringKey
{
    /// <summary>The only key in use.</summary>
    public const string NetworkKey = "network";

    /// <summary>Ids of every registered city, sorted.</summary>
    Task<IReadOnlyList<string>> ListAsync();

    /// <summary>Registers a city id; registering twice changes nothing.</summary>
    Task AddAsync(string cityId);
}

/// <summary>What a city says about itself.</summary>
[GenerateSerializer, Immutable, Alias("climaborough.city-profile.v1")]
public sealed record CityProfile(
    [property: Id(0)] string Name,
    [property: Id(1)] string Country,
    [property: Id(2)] IReadOnlyList<string> Languages);

/// <summary>A stored city.</summary>
[GenerateSerializer, Immutable, Alias("climaborough.city-info.v1")]
public sealed record CityInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] CityProfile Profile,
    [property: Id(2)] DateTimeOffset UpdatedAt)
{
    /// <summary>The wire form of a stored city (REST and hub).</summary>
    public Contracts.CityDto ToDto() => new(Id, Profile.Name, Profile.Country, Profile.Languages, UpdatedAt);
}

/// <summary>A city's profile changed.</summary>
[GenerateSerializer, Immutable, Alias("climaborough.city-changed.v1")]
public sealed record CityChanged(string Topic, [property: Id(0)] CityInfo City) : LiveEvent(Topic)
{
    /// <inheritdoc/>
    public override Task DeliverAsync(ILiveAudience audience) =>
        audience.Watchers(Topic).CityChanged(City.ToDto());
}

/// <summary>Stored state of <see cref="ICityGrain"/>.</summary>
[GenerateSerializer, Alias("climaborough.city-state.v1")]
public sealed class CityState
{
    /// <summary>The profile, <c>null</c> until the city is created.</summary>
    [Id(0)] public CityProfile? Profile { get; set; }

    /// <summary>When the profile last changed.</summary>
    [Id(1)] public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The city's living labs.</summary>
    [Id(2)] public List<string> Labs { get; set; } = [];

    /// <summary>Request ids of lab creations, newest last (see <c>RequestIds</c>).</summary>
    [Id(3)] public List<Labs.RememberedRequest> LabRequests { get; set; } = [];
}

/// <summary>Stored state of <see cref="ICityDirectoryGrain"/>.</summary>
[GenerateSerializer, Alias("climaborough.city-directory-state.v1")]
public sealed class CityDirectoryState
{
    /// <summary>Registered city ids.</summary>
    [Id(0)] public SortedSet<string> CityIds { get; set; } = new(StringComparer.Ordinal);
}
