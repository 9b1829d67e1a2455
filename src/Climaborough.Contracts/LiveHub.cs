namespace Climaborough.Contracts;

using System.Reflection;

/// <summary>
/// The browser's one hub, composed of one interface per area (<see cref="ICitiesHub"/>, <see cref="IBoardsHub"/>,
/// <see cref="ILabsHub"/>, <see cref="IThreadsHub"/>, <see cref="ISessionsHub"/>, <see cref="INotificationsHub"/>),
/// each in its area's folder. Method names are bound with <c>nameof</c>, never string literals; the wire is
/// the method names and arguments of docs/protocol.md, whichever interface declares them.
/// </summary>
public interface ILiveHub : ICitiesHub, IBoardsHub, ILabsHub, IThreadsHub, ISessionsHub, IFacilitationHub, INotificationsHub, IPrivateNotesHub, ICommentsHub, IPilotsHub;

/// <summary>What the server calls on connected clients: one interface per area, and the one event every area shares.</summary>
public interface ILiveClient : ICitiesClient, IBoardsClient, ILabsClient, IThreadsClient, ISessionsClient, IFacilitationClient, INotificationsClient, IPrivateNotesClient, ICommentsClient, IPilotsClient
{
    /// <summary>
    /// The caller may no longer read what it watched (removed from the lab, the lab made private, the
    /// account suspended): nothing more of it arrives on this connection. <paramref name="kind"/> is the
    /// topic kind (<c>board</c>, <c>lab</c>, <c>thread</c>, <c>session</c>, <c>user</c>) and <paramref name="id"/> its id.
    /// </summary>
    Task AccessLost(string kind, string id);
}

/// <summary>
/// The methods of the composed interfaces. <c>typeof(ILiveHub).GetMethods()</c> lists only what
/// <see cref="ILiveHub"/> itself declares (none); these include every area's.
/// </summary>
public static class LiveInterfaces
{
    /// <summary>Every hub method (client → server), in a stable order (by name).</summary>
    public static IReadOnlyList<MethodInfo> HubMethods { get; } = MethodsOf(typeof(ILiveHub));

    /// <summary>Every client event (server → client), in a stable order (by name).</summary>
    public static IReadOnlyList<MethodInfo> ClientEvents { get; } = MethodsOf(typeof(ILiveClient));

    private static MethodInfo[] MethodsOf(Type composed) =>
        [.. composed.GetInterfaces().Prepend(composed).SelectMany(i => i.GetMethods()).OrderBy(m => m.Name, StringComparer.Ordinal)];
}

/// <summary>Well-known paths.</summary>
public static class LivePaths
{
    /// <summary>The hub's path.</summary>
    public const string Hub = "/hubs/live";
}
