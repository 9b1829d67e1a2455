namespace Climaborough.Contracts;

/// <summary>The living labs' part of <see cref="ILiveHub"/>.</summary>
public interface ILabsHub
{
    /// <summary>Follows a living lab's changes (needs read access); answers its current state.</summary>
    Task<LabDetails> WatchLab(string labId);

    /// <summary>Stops following a lab.</summary>
    Task UnwatchLab(string labId);
}

/// <summary>The living labs' part of <see cref="ILiveClient"/>.</summary>
public interface ILabsClient
{
    /// <summary>A watched lab changed (members, settings, contents, activity); <paramref name="activity"/> is the new feed line.</summary>
    Task LabChanged(string labId, LabActivity? activity);
}
